//! The marketplace app's account routes: register, activate with the SMS
//! code, log in with the password, check and renew the token, reset a
//! forgotten password with a code; each refusal in the app's words.

use crate::helpers::{other_code, spawn, spawn_with};
use serde_json::{json, Value};

const MOBILE: &str = "09120007001";
const PASSWORD: &str = "secret-123";

#[tokio::test]
async fn register_activate_login_renew_and_reset() {
    // forget comes right after the activation code: no cooldown here
    let app = spawn_with(|s| s.code.resend_cooldown_secs = 0).await;
    let (status, body) = app
        .post_json(
            "/web/user/register",
            json!({"username": MOBILE, "password": PASSWORD}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["message"], "User intial register is done");
    assert_eq!(
        (body["username"].as_str(), body["id"].is_i64()),
        (Some(MOBILE), true)
    );
    // not yet an account
    let (status, body) = app
        .post_json(
            "/web/user/login",
            json!({"username": MOBILE, "password": PASSWORD}),
        )
        .await;
    assert_eq!((status, body["data"].clone()), (422, json!(-1)), "{body}");
    let (status, body) = app
        .post_json(
            "/web/user/register",
            json!({"username": MOBILE, "password": PASSWORD}),
        )
        .await;
    assert_eq!(
        body["message"], "Cellphone already registered but not activatad",
        "{status}"
    );
    let code = app.code_for(MOBILE).await;
    let (status, body) = app
        .post_json(
            "/web/user/checkactivationcode",
            json!({"username": MOBILE, "code": other_code(&code)}),
        )
        .await;
    assert_eq!(
        (status, body["message"].as_str()),
        (422, Some("Incorrect Code"))
    );
    let (status, body) = app
        .post_json(
            "/web/user/checkactivationcode",
            json!({"username": MOBILE, "code": code}),
        )
        .await;
    assert_eq!(
        (status, body["message"].as_str()),
        (200, Some("User is Activated")),
        "{body}"
    );
    let (status, body) = app
        .post_json("/web/user/newactivationcode", json!({"username": MOBILE}))
        .await;
    assert_eq!(
        (status, body["message"].as_str()),
        (422, Some("User is Activated"))
    );
    let (status, body) = app
        .post_json(
            "/web/user/login",
            json!({"username": MOBILE, "password": "wrong-pass"}),
        )
        .await;
    assert_eq!(
        (status, body["message"].as_str()),
        (401, Some("Username or Password is incorrect"))
    );
    let (status, body) = app
        .post_json(
            "/web/user/login",
            json!({"username": MOBILE, "password": PASSWORD}),
        )
        .await;
    assert_eq!(
        (status, body["message"].as_str()),
        (200, Some("Login Success")),
        "{body}"
    );
    let token = body["data"]["token"].as_str().unwrap().to_string();
    assert_eq!(body["data"]["username"], MOBILE);
    // the token is the platform's: identity's own routes take it
    let (status, _) = app.get("/api/v1/user", Some(&token)).await;
    assert_eq!(status, 200);
    let check = |token: String, username: &'static str| {
        let app = &app;
        async move {
            app.post_json(
                "/web/user/islogin",
                json!({"username": username, "token": token}),
            )
            .await
        }
    };
    assert_eq!(
        check(token.clone(), MOBILE).await.1["message"],
        "Token is true"
    );
    let (status, body) = check(token.clone(), "09120007002").await;
    assert_eq!(
        (status, body["message"].as_str()),
        (401, Some("Token is not valid"))
    );
    let (status, body) = app
        .post_json(
            "/web/user/newtoken",
            json!({"username": MOBILE, "token": token}),
        )
        .await;
    assert_eq!(
        (status, body["message"].as_str()),
        (200, Some("Token Updated")),
        "{body}"
    );
    let fresh = body["data"]["token"].as_str().unwrap().to_string();
    assert_ne!(fresh, token);
    assert_eq!(
        check(token, MOBILE).await.0,
        401,
        "the old token is revoked"
    );
    assert_eq!(check(fresh, MOBILE).await.0, 200);

    // forget sends a code, never a password; reset-password completes it
    let (status, body) = app
        .post_json("/web/user/forget", json!({"username": "09120007999"}))
        .await;
    assert_eq!(
        (status, body["message"].as_str()),
        (404, Some("User Not Found"))
    );
    let (status, _) = app
        .post_json("/web/user/forget", json!({"username": MOBILE}))
        .await;
    assert_eq!(status, 200);
    let code = app.code_for(MOBILE).await;
    let texts: Vec<Value> = app.texts().await;
    assert!(!texts.iter().any(|t| t.to_string().contains("new-secret-9")));
    let (status, body) = app
        .post_json(
            "/web/user/reset-password",
            json!({"username": MOBILE, "code": code, "password": "new-secret-9"}),
        )
        .await;
    assert_eq!(
        (status, body["message"].as_str()),
        (200, Some("Password changed")),
        "{body}"
    );
    let (status, _) = app
        .post_json(
            "/web/user/login",
            json!({"username": MOBILE, "password": "new-secret-9"}),
        )
        .await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn refusals_are_the_apps_words() {
    let app = spawn().await;
    for (body, message) in [
        (
            json!({"username": "", "password": PASSWORD}),
            "Username or Password cannot be blank.",
        ),
        (
            json!({"username": "12345", "password": PASSWORD}),
            "Cellphone is not validated",
        ),
        (
            json!({"username": MOBILE}),
            "Username or Password cannot be blank.",
        ),
    ] {
        let (status, got) = app.post_json("/web/user/register", body).await;
        assert_eq!((status, got["message"].as_str()), (422, Some(message)));
        assert_eq!(got["status"], "error");
    }
    let (status, got) = app
        .post_json(
            "/web/user/register",
            json!({"username": MOBILE, "password": "short"}),
        )
        .await;
    assert_eq!(
        (status, got["message"].as_str()),
        (422, Some("Server Error"))
    );
    let (status, got) = app
        .post_json(
            "/web/user/login",
            json!({"username": MOBILE, "password": PASSWORD}),
        )
        .await;
    assert_eq!(
        (status, got["message"].as_str()),
        (404, Some("User not found"))
    );
    let (status, got) = app
        .post_json("/web/user/newactivationcode", json!({"username": MOBILE}))
        .await;
    assert_eq!(
        (status, got["message"].as_str()),
        (404, Some("User is not registered"))
    );
    let (status, got) = app
        .post_json(
            "/web/user/islogin",
            json!({"username": MOBILE, "token": "x.y.z"}),
        )
        .await;
    assert_eq!(
        (status, got["message"].as_str()),
        (401, Some("Token is not valid"))
    );
    // an account made by code login is "already existed"
    app.token_for(MOBILE).await;
    let (status, got) = app
        .post_json(
            "/web/user/register",
            json!({"username": MOBILE, "password": PASSWORD}),
        )
        .await;
    assert_eq!(
        (status, got["message"].as_str()),
        (422, Some("Cellphone already existed"))
    );
}

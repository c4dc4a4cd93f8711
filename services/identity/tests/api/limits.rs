use crate::helpers::{read, spawn_with};
use serde_json::json;

/// `X-Forwarded-For` as the gateway (a trusted proxy on loopback) sets it.
async fn login_from(app: &crate::helpers::TestApp, client: &str, mobile: &str) -> u16 {
    let res = app
        .http
        .post(app.url("/api/v1/login"))
        .header("x-forwarded-for", client)
        .json(&json!({ "username": mobile }))
        .send()
        .await
        .unwrap();
    read(res).await.0
}

#[tokio::test]
async fn one_address_may_ask_for_a_limited_number_of_codes() {
    let app = spawn_with(|s| s.limits.address_max_sends = 3).await;
    for i in 0..3 {
        assert_eq!(
            login_from(&app, "5.5.5.5", &format!("0912000011{i}")).await,
            201
        );
    }
    assert_eq!(login_from(&app, "5.5.5.5", "09120000113").await, 429);
    // another client behind the same gateway is not affected
    assert_eq!(login_from(&app, "6.6.6.6", "09120000114").await, 201);
    assert_eq!(app.texts().await.len(), 4);
}

#[tokio::test]
async fn a_forwarded_for_header_from_an_untrusted_peer_is_ignored() {
    let app = spawn_with(|s| {
        s.limits.address_max_sends = 2;
        // the test client (127.0.0.1) is not a trusted proxy here
        s.trusted_proxies = vec!["10.0.0.1".into()];
    })
    .await;
    assert_eq!(login_from(&app, "1.1.1.1", "09120000120").await, 201);
    assert_eq!(login_from(&app, "2.2.2.2", "09120000121").await, 201);
    assert_eq!(login_from(&app, "3.3.3.3", "09120000122").await, 429);
}

/// A wrong verify as an attacker sends it, through the gateway from `client`.
async fn verify_from(app: &crate::helpers::TestApp, client: &str, mobile: &str, code: &str) -> u16 {
    let res = app
        .http
        .post(app.url("/api/v1/login/verify"))
        .header("x-forwarded-for", client)
        .json(&json!({ "username": mobile, "code": code }))
        .send()
        .await
        .unwrap();
    read(res).await.0
}

/// Issue 9, item 2: verifies when no code is live, from many addresses,
/// never lock the account; many wrong guesses at one code count once.
#[tokio::test]
async fn nobody_locks_an_account_without_making_codes_be_sent() {
    let app = spawn_with(|s| {
        s.limits.account_max_failures = 3;
        s.code.resend_cooldown_secs = 0;
    })
    .await;
    let mobile = "09120000120";
    app.token_for(mobile).await;
    // 200 wrong verifies with no live code, from 10 addresses
    for n in 0..200 {
        let client = format!("7.7.7.{}", n % 10);
        assert_eq!(verify_from(&app, &client, mobile, "000000").await, 401);
    }
    // one live code guessed wrong until it dies counts as one code
    app.login(mobile).await;
    let code = app.code_for(mobile).await;
    for _ in 0..5 {
        assert_eq!(
            verify_from(&app, "8.8.8.8", mobile, &crate::helpers::other_code(&code)).await,
            401
        );
    }
    assert_eq!(
        verify_from(&app, "8.8.8.8", mobile, &code).await,
        401,
        "the code died"
    );
    // the owner still logs in
    app.login(mobile).await;
    let code = app.code_for(mobile).await;
    assert_eq!(app.verify(mobile, &code).await.0, 200);
}

#[tokio::test]
async fn one_address_may_fail_a_limited_number_of_times() {
    let app = spawn_with(|s| s.limits.address_max_failures = 4).await;
    for _ in 0..4 {
        assert_eq!(
            verify_from(&app, "9.9.9.9", "09120000121", "123456").await,
            401
        );
    }
    assert_eq!(
        verify_from(&app, "9.9.9.9", "09120000121", "123456").await,
        429
    );
    // even with the right code: this address is done guessing for a while
    app.login("09120000121").await;
    let code = app.code_for("09120000121").await;
    assert_eq!(
        verify_from(&app, "9.9.9.9", "09120000121", &code).await,
        429
    );
    // another address is not affected
    assert_eq!(
        verify_from(&app, "9.9.9.10", "09120000121", &code).await,
        200
    );
}

#[tokio::test]
async fn a_password_lock_never_stops_a_login_by_code() {
    let app = spawn_with(|s| {
        s.limits.password_max_failures = 3;
        s.code.resend_cooldown_secs = 0;
    })
    .await;
    let mobile = "09120000122";
    let token = app.token_for(mobile).await;
    app.post_json_as("/api/v1/user", &token, json!({"password": "correct horse"}))
        .await;
    for _ in 0..3 {
        let (status, _) = app
            .post_json(
                "/api/v1/login/password",
                json!({"username": mobile, "password": "wrong horse"}),
            )
            .await;
        assert_eq!(status, 401);
    }
    let password_login = json!({"username": mobile, "password": "correct horse"});
    let (status, _) = app
        .post_json("/api/v1/login/password", password_login.clone())
        .await;
    assert_eq!(status, 429, "the password lock is on");
    // the owner logs in by code, which lifts the password lock too
    app.login(mobile).await;
    let code = app.code_for(mobile).await;
    assert_eq!(app.verify(mobile, &code).await.0, 200);
    let (status, _) = app
        .post_json("/api/v1/login/password", password_login)
        .await;
    assert_eq!(status, 200);
}

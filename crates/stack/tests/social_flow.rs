//! The marketplace app through the real gateway, identity and social: a
//! user registers with cellphone and password, activates with the SMS
//! code, logs in, likes a store an operator made, and reads it back, with
//! the token as the app sends it (the `token` query parameter).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a test fails by panicking"
)]

mod common;

use platform_testkit::{send, TestDb};
use serde_json::{json, Value};

const OPERATOR: &str = "09120000501";
const USER: &str = "09120000502";

#[actix_web::test]
async fn register_log_in_like_a_store_and_read_it_back() {
    let sms = common::sms_stand_in().await;
    let (identity_db, social_db) = (TestDb::new(), TestDb::new());
    let keys = tempfile::tempdir().unwrap();
    let identity = common::identity(&sms, &identity_db, keys.path(), |s| {
        s.admins = vec![OPERATOR.into()];
        s.code.resend_cooldown_secs = 0;
    })
    .await;
    let mut settings = social::Settings {
        identity_url: identity.clone(),
        ..social::Settings::default()
    };
    settings.common.listen = "127.0.0.1:0".into();
    settings.common.database_url = social_db.url.clone();
    settings.common.workers = 1;
    settings.common.jwks_url = format!("{identity}/.well-known/jwks.json");
    settings.common.revocations_url = Some(format!("{identity}/internal/revocations"));
    settings.common.internal_secret = Some(platform_settings::Secret::new(
        platform_testkit::INTERNAL_SECRET,
    ));
    let app = social::Application::build(settings).await.unwrap();
    let social_url = format!("http://127.0.0.1:{}", app.port());
    actix_web::rt::spawn(app.run());
    let gw = common::gateway(&identity, |g| {
        g.upstreams.insert("social".into(), social_url.clone());
    })
    .await;
    let http = reqwest::Client::new();

    // the operator (identity's `admins`) makes a store
    let (admin, _) = common::login(&http, &gw, &gw, &sms, OPERATOR).await;
    let made = |path: &'static str, body: Value| {
        let (http, gw, admin) = (&http, &gw, &admin);
        async move {
            let r = send(
                http.post(format!("{gw}{path}"))
                    .bearer_auth(admin)
                    .json(&body),
            )
            .await;
            assert_eq!(r.status, 200, "{path}: {}", r.text);
            r.body["data"]["id"].as_i64().unwrap()
        }
    };
    let bazzar = made("/web/admin/bazzars", json!({"name": "بازار"})).await;
    let mall = made(
        "/web/admin/malls",
        json!({"name": "پاساژ", "bazzar": bazzar}),
    )
    .await;
    let store = made(
        "/web/admin/stores",
        json!({"name": "حجره", "mall": mall, "manager": 1}),
    )
    .await;

    // the app's sign-up and login, through the gateway without a token
    let form = |pairs: &[(&str, &str)]| serde_urlencoded::to_string(pairs).unwrap();
    let post = |path: &str, body: String| {
        http.post(format!("{gw}{path}"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
    };
    let r = send(post(
        "/web/user/register",
        form(&[("username", USER), ("password", "secret-123")]),
    ))
    .await;
    assert_eq!(
        r.body["message"], "User intial register is done",
        "{}",
        r.text
    );
    let sent = sms.received_requests().await.unwrap();
    let last: Value = serde_json::from_slice(&sent.last().unwrap().body).unwrap();
    assert_eq!(last["receptor"], USER);
    let code = last["code"].as_str().unwrap().to_string();
    let r = send(post(
        "/web/user/checkactivationcode",
        form(&[("username", USER), ("code", &code)]),
    ))
    .await;
    assert_eq!(r.body["message"], "User is Activated", "{}", r.text);
    let r = send(post(
        "/web/user/login",
        form(&[("username", USER), ("password", "secret-123")]),
    ))
    .await;
    assert_eq!(r.body["message"], "Login Success", "{}", r.text);
    let token = r.body["data"]["token"].as_str().unwrap().to_string();

    // like the store with the token as a query parameter, as the app does
    let query = form(&[
        ("username", USER),
        ("token", &token),
        ("x", "51.4"),
        ("y", "35.7"),
    ]);
    let r = send(post(
        &format!("/web/user/add-like?{query}"),
        form(&[("target", "store"), ("id", &store.to_string())]),
    ))
    .await;
    assert_eq!(r.body["message"], "Liked", "{}", r.text);
    let r = send(http.get(format!("{gw}/web/store-user-likes?{query}"))).await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.body["_meta"]["totalCount"], 1);
    let item = &r.body["items"][0];
    assert_eq!(item["store"], store);
    assert_eq!(item["target"]["name"], "حجره");
    assert_eq!(item["target"]["liked"], 1);
    let r = send(http.get(format!("{gw}/web/user/islogin?{query}"))).await;
    assert_eq!(r.status, 405, "islogin is a POST: {}", r.text);
    // identity's /web/user routes still answer under the same prefix
    let r = send(post(&format!("/web/user/islogin?{query}"), String::new())).await;
    assert_eq!(r.body["message"], "Token is true", "{}", r.text);
}

//! `GET /internal/wallets/{id}`: identity's read of the wallet fields,
//! only with the platform's internal credential.

use crate::helpers::{send, spawn_app, ALICE};
use platform_testkit::INTERNAL_SECRET;
use reqwest::Method;

#[tokio::test]
async fn identity_reads_the_wallet_with_the_internal_credential_only() {
    let app = spawn_app().await;
    app.fund(ALICE, 352).await;
    let key = send(app.as_(ALICE, Method::POST, "/api/v1/user/api_key")).await;
    assert_eq!(key.status, 201, "{}", key.text);
    let full = key.body["api_key"].as_str().unwrap().to_string();
    let read = |credential: Option<&str>| {
        let mut req = app.anonymous(Method::GET, "/internal/wallets/101");
        if let Some(c) = credential {
            req = req.header("x-internal-token", c);
        }
        send(req)
    };
    let refused = read(None).await;
    assert!(
        refused.status == 401 || refused.status == 403,
        "{}",
        refused.text
    );
    let wrong = read(Some("not-the-secret-of-the-platform-at-all")).await;
    assert!(wrong.status == 401 || wrong.status == 403, "{}", wrong.text);
    let ok = read(Some(INTERNAL_SECRET)).await;
    assert_eq!(ok.status, 200, "{}", ok.text);
    assert_eq!(ok.body["balance"], 352);
    assert_eq!(ok.body["spent"], 0);
    assert_eq!(ok.body["custom_rate"], 0);
    let masked = ok.body["api_key"].as_str().unwrap();
    assert!(full.starts_with(masked.trim_end_matches('…')), "{masked}");
    assert!(masked.chars().count() < 10, "{masked}");
    let stranger = send(
        app.anonymous(Method::GET, "/internal/wallets/999")
            .header("x-internal-token", INTERNAL_SECRET),
    )
    .await;
    assert_eq!(stranger.body["balance"], 0, "{}", stranger.text);
    assert_eq!(stranger.body["api_key"], serde_json::Value::Null);
}

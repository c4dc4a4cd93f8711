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

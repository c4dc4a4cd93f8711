//! What the stack's end-to-end tests share: an SMS stand-in, logging in by
//! code through a gateway, and waiting for a logged-out token's refusal.

use serde_json::{json, Value};
use std::time::{Duration, Instant};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// An SMS webhook at `/sms` that accepts everything and keeps what it got.
pub async fn sms_stand_in() -> MockServer {
    let sms = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/sms"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&sms)
        .await;
    sms
}

/// Asks for a code through `send_via`, reads it off the SMS stand-in and
/// verifies it through `verify_via`. Returns the token and the number the
/// code was sent to.
pub async fn login(
    http: &reqwest::Client,
    send_via: &str,
    verify_via: &str,
    sms: &MockServer,
    username: &str,
) -> (String, String) {
    let res = http
        .post(format!("{send_via}/api/v1/login"))
        .json(&json!({"username": username}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201, "{:?}", res.text().await);
    let sent = sms.received_requests().await.unwrap();
    let last: Value = serde_json::from_slice(&sent.last().unwrap().body).unwrap();
    let res = http
        .post(format!("{verify_via}/api/v1/login/verify"))
        .json(&json!({"username": username, "code": last["code"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["token_type"], "Bearer");
    let token = body["access_token"].as_str().unwrap().to_string();
    (token, last["receptor"].as_str().unwrap().to_string())
}

/// Polls `url` with `token` until it answers 401; fails the test if that
/// takes longer than `limit` from `since`.
pub async fn refused_within(
    http: &reqwest::Client,
    url: &str,
    token: &str,
    since: Instant,
    limit: Duration,
) {
    loop {
        let res = http.get(url).bearer_auth(token).send().await.unwrap();
        if res.status() == 401 {
            return;
        }
        assert!(
            since.elapsed() < limit,
            "{url} still accepts the token after logout"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

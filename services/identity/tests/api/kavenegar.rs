//! Kavenegar's `verify/lookup.json` through a stand-in speaking its wire
//! format: the API key in the path, receptor/token/template in the query,
//! and the outcome in the body's `return.status`.

use crate::helpers::{spawn_with, TestApp};
use identity::settings::SmsProvider;
use platform_settings::Secret;
use serde_json::json;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const KEY: &str = "4F6B2F7A-SECRET-KEY";

async fn app_with(kavenegar: &MockServer) -> TestApp {
    let base = kavenegar.uri();
    spawn_with(move |s| {
        s.sms.provider = SmsProvider::Kavenegar;
        s.sms.kavenegar.api_key = Some(Secret::new(KEY));
        s.sms.kavenegar.template = Some("verify-login".into());
        s.sms.kavenegar.change_template = Some("verify-change".into());
        s.sms.kavenegar.base_url = base;
    })
    .await
}

#[tokio::test]
async fn a_code_goes_out_as_a_lookup_with_the_template() {
    let kavenegar = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("/v1/{KEY}/verify/lookup.json")))
        .and(query_param("receptor", "09120000100"))
        .and(query_param("template", "verify-login"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "return": {"status": 200, "message": "تایید شد"},
            "entries": [{"messageid": 8792343, "status": 5, "receptor": "09120000100"}]
        })))
        .expect(1)
        .mount(&kavenegar)
        .await;
    let app = app_with(&kavenegar).await;
    let (status, body) = app.login("09120000100").await;
    assert_eq!(status, 201, "{body}");

    let sent = &kavenegar.received_requests().await.unwrap()[0];
    let code = sent
        .url
        .query_pairs()
        .find(|(k, _)| k == "token")
        .map(|(_, v)| v.to_string())
        .unwrap();
    assert_eq!(code.len(), 6);
    assert_eq!(app.verify("09120000100", &code).await.0, 200);
}

#[tokio::test]
async fn an_error_body_with_http_200_is_a_failure_that_starts_no_cooldown() {
    let kavenegar = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "return": {"status": 418, "message": "اعتبار حساب شما کافی نیست"},
            "entries": null
        })))
        .up_to_n_times(1)
        .mount(&kavenegar)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "return": {"status": 200, "message": "تایید شد"},
            "entries": []
        })))
        .mount(&kavenegar)
        .await;
    let app = app_with(&kavenegar).await;
    let (status, body) = app.login("09120000101").await;
    assert_eq!(status, 503, "{body}");
    assert_eq!(body["status"], 503);
    assert!(
        !body.to_string().contains(KEY),
        "the API key must not leak: {body}"
    );
    let (status, _) = app.login("09120000101").await;
    assert_eq!(status, 201, "a failed send must not start the cooldown");
}

#[tokio::test]
async fn http_errors_and_unreadable_answers_are_503() {
    let kavenegar = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(403).set_body_json(json!({
            "return": {"status": 403, "message": "کد شناسائی API-Key معتبر نمیباشد"},
            "entries": null
        })))
        .up_to_n_times(1)
        .mount(&kavenegar)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(502).set_body_string("<html>bad gateway</html>"))
        .mount(&kavenegar)
        .await;
    let app = app_with(&kavenegar).await;
    assert_eq!(app.login("09120000102").await.0, 503);
    assert_eq!(app.login("09120000102").await.0, 503);
}

//! What the stack's end-to-end tests share: an SMS stand-in, identity and
//! gateways started on free ports, logging in by code through a gateway,
//! and waiting for a logged-out token's refusal.

// each test binary uses its own part of this module, so `expect` would fail
// in some of them
#![allow(dead_code, reason = "shared by test binaries that each use a part")]

use serde_json::{json, Value};
use std::time::{Duration, Instant};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// SMS and mail webhooks at `/sms` and `/mail` that accept everything and
/// keep what they got.
pub async fn sms_stand_in() -> MockServer {
    let sms = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/sms"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&sms)
        .await;
    Mock::given(method("POST"))
        .and(path("/mail"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&sms)
        .await;
    sms
}

/// identity on a free port with its database `db`, its keys in `keys` and
/// its SMS (and mail) going to `sms`, after `tune`; returns its base URL.
pub async fn identity(
    sms: &MockServer,
    db: &platform_testkit::TestDb,
    keys: &std::path::Path,
    tune: impl FnOnce(&mut identity::Settings),
) -> String {
    let mut settings = identity::Settings {
        keys_dir: keys.display().to_string(),
        ..identity::Settings::default()
    };
    settings.common.listen = "127.0.0.1:0".into();
    settings.common.database_url = db.url.clone();
    settings.common.workers = 1;
    settings.common.internal_secret = Some(platform_settings::Secret::new(
        platform_testkit::INTERNAL_SECRET,
    ));
    settings.sms.provider = identity::settings::SmsProvider::Webhook;
    settings.sms.webhook_url = Some(format!("{}/sms", sms.uri()));
    settings.mail.provider = identity::settings::MailProvider::Webhook;
    settings.mail.webhook_url = Some(format!("{}/mail", sms.uri()));
    tune(&mut settings);
    let app = identity::Application::build(settings).await.unwrap();
    let url = format!("http://127.0.0.1:{}", app.port());
    actix_web::rt::spawn(app.run());
    url
}

/// A gateway with the built-in routes in front of `identity`, after
/// `tune`; returns its base URL.
pub async fn gateway(identity: &str, tune: impl FnOnce(&mut gateway::Settings)) -> String {
    let mut s = gateway::Settings {
        listen: "127.0.0.1:0".into(),
        workers: 1,
        jwks_url: format!("{identity}/.well-known/jwks.json"),
        revocations_url: Some(format!("{identity}/internal/revocations")),
        internal_secret: Some(platform_settings::Secret::new(
            platform_testkit::INTERNAL_SECRET,
        )),
        ..gateway::Settings::default()
    };
    s.upstreams.insert("identity".into(), identity.to_string());
    tune(&mut s);
    let app = gateway::Application::build(s).await.unwrap();
    let url = format!("http://127.0.0.1:{}", app.port());
    actix_web::rt::spawn(app.run());
    url
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

//! A logout is refused by every gateway replica within a second, with the
//! replicas sharing Redis for their limits when TEST_REDIS_URL is set.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a test fails by panicking"
)]

mod common;

use serde_json::json;
use std::time::{Duration, Instant};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A gateway in front of identity and of `echo`, an upstream that accepts
/// any request: what `echo` refuses, the gateway refused.
async fn gateway(identity: &str, echo: &str, redis: Option<&str>, prefix: &str) -> String {
    common::gateway(identity, |s| {
        s.redis_url = redis.map(str::to_string);
        s.redis_prefix = prefix.to_string();
        s.upstreams.insert("echo".into(), echo.to_string());
        let mut routes = gateway::routes::defaults();
        routes.push(gateway::settings::RouteSettings::new(
            "/echo",
            "echo",
            gateway::settings::AuthMode::Required,
            platform_http::Dialect::Panel,
        ));
        s.routes = routes;
    })
    .await
}

#[actix_web::test]
async fn logout_is_refused_by_every_replica_within_a_second() {
    let sms = common::sms_stand_in().await;
    let db = platform_testkit::TestDb::new();
    let keys = tempfile::tempdir().unwrap();
    let identity_url = common::identity(&sms, &db, keys.path(), |_| {}).await;

    // with or without Redis: revocations travel through identity's feed either way
    let redis = platform_testkit::redis_url_if_set();
    let prefix = platform_testkit::redis_prefix();
    let echo = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"ok": true})))
        .mount(&echo)
        .await;
    let replicas = [
        gateway(&identity_url, &echo.uri(), redis.as_deref(), &prefix).await,
        gateway(&identity_url, &echo.uri(), redis.as_deref(), &prefix).await,
    ];
    let http = reqwest::Client::new();

    let (token, _) = common::login(&http, &replicas[0], &replicas[1], &sms, "09351112233").await;
    for gw in &replicas {
        let res = http
            .get(format!("{gw}/echo/me"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
    }

    let res = http
        .get(format!("{}/api/v1/logout", replicas[0]))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let started = Instant::now();
    for gw in &replicas {
        let url = format!("{gw}/echo/me");
        common::refused_within(&http, &url, &token, started, Duration::from_secs(1)).await;
    }
}

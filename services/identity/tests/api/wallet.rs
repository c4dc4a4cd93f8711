//! The wallet fields of the panel's user object come from smm's
//! `/internal/wallets/{id}`, here a wiremock stand-in that answers only the
//! internal credential; a slow, failing or confused smm never fails the
//! profile. Without `smm_url` the fields stay null: `user.rs` checks it.

use crate::helpers::{spawn_with, TestApp};
use platform_testkit::INTERNAL_SECRET;
use serde_json::{json, Value};
use std::time::Duration;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const WALLET: [&str; 4] = ["balance", "spent", "custom_rate", "api_key"];

/// A test app asking `smm`, and a signed-up user's token and id.
async fn app_asking(smm: &MockServer, mobile: &str) -> (TestApp, String, i64) {
    let url = smm.uri();
    let app = spawn_with(|s| {
        s.smm_url = Some(url);
        // generous for a busy test machine; the slow stand-in takes 10 s
        s.smm_timeout_ms = 2000;
    })
    .await;
    let token = app.token_for(mobile).await;
    // smm has no answer mounted yet: nulls, and the id to mount one for
    let (status, body) = app.get("/api/v1/user", Some(&token)).await;
    assert_eq!(status, 200, "{body}");
    let id = body["user"]["id"].as_i64().unwrap();
    (app, token, id)
}

/// smm answers `reply` for `id`, to the internal credential only.
async fn smm_answers(smm: &MockServer, id: i64, reply: ResponseTemplate) {
    smm.reset().await;
    Mock::given(method("GET"))
        .and(path(format!("/internal/wallets/{id}")))
        .and(header(platform_auth::INTERNAL_HEADER, INTERNAL_SECRET))
        .respond_with(reply)
        .mount(smm)
        .await;
}

fn wallet(balance: Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({
        "balance": balance, "spent": 1200.5, "custom_rate": 10, "api_key": "a1b2****"
    }))
}

async fn wallet_fields(app: &TestApp, token: &str) -> Value {
    let (status, body) = app.get("/api/v1/user", Some(token)).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["status"], 200);
    WALLET
        .iter()
        .map(|f| (f.to_string(), body["user"][f].clone()))
        .collect::<serde_json::Map<_, _>>()
        .into()
}

fn nulls() -> Value {
    json!({"balance": null, "spent": null, "custom_rate": null, "api_key": null})
}

#[tokio::test]
async fn the_profile_shows_smms_wallet() {
    let smm = MockServer::start().await;
    let (app, token, id) = app_asking(&smm, "09120000101").await;
    smm_answers(&smm, id, wallet(json!(352))).await;
    let shown = json!({"balance": 352, "spent": 1200.5, "custom_rate": 10, "api_key": "a1b2****"});
    assert_eq!(wallet_fields(&app, &token).await, shown);

    // the profile's update and confirmation replies carry it too
    let (status, body) = app
        .post_json_as("/api/v1/user", &token, json!({"first_name": "Ehsan"}))
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["user"]["balance"], 352);
    assert_eq!(body["user"]["api_key"], "a1b2****");

    // a user smm has never seen: its zeros, shown as zeros
    smm_answers(
        &smm,
        id,
        ResponseTemplate::new(200)
            .set_body_json(json!({"balance": 0, "spent": 0, "custom_rate": 0, "api_key": null})),
    )
    .await;
    let fresh = json!({"balance": 0, "spent": 0, "custom_rate": 0, "api_key": null});
    assert_eq!(wallet_fields(&app, &token).await, fresh);
}

#[tokio::test]
async fn smm_is_asked_with_the_internal_credential_for_the_callers_id() {
    let smm = MockServer::start().await;
    let (app, token, id) = app_asking(&smm, "09120000102").await;
    smm_answers(&smm, id, wallet(json!(1))).await;
    wallet_fields(&app, &token).await;
    let asked = smm.received_requests().await.unwrap();
    assert_eq!(asked.len(), 1);
    assert_eq!(asked[0].url.path(), format!("/internal/wallets/{id}"));
    assert_eq!(
        asked[0].headers[platform_auth::INTERNAL_HEADER],
        INTERNAL_SECRET
    );

    // with another credential smm refuses, and the fields are null
    let app = app
        .restart(|s| {
            s.common.internal_secret = Some(platform_settings::Secret::new("x".repeat(32)));
        })
        .await;
    assert_eq!(wallet_fields(&app, &token).await, nulls());
}

#[tokio::test]
async fn a_slow_smm_shows_the_last_known_wallet() {
    let smm = MockServer::start().await;
    let (app, token, id) = app_asking(&smm, "09120000103").await;
    smm_answers(&smm, id, wallet(json!(352))).await;
    assert_eq!(wallet_fields(&app, &token).await["balance"], 352);

    // smm would answer 999, but long after the timeout: identity answers
    // with what it last heard instead of waiting
    smm_answers(
        &smm,
        id,
        wallet(json!(999)).set_delay(Duration::from_secs(10)),
    )
    .await;
    let shown = wallet_fields(&app, &token).await;
    assert_eq!(
        shown,
        json!({"balance": 352, "spent": 1200.5, "custom_rate": 10, "api_key": "a1b2****"})
    );
}

#[tokio::test]
async fn a_slow_smm_without_history_shows_nulls() {
    let smm = MockServer::start().await;
    let (app, token, id) = app_asking(&smm, "09120000104").await;
    smm_answers(
        &smm,
        id,
        wallet(json!(999)).set_delay(Duration::from_secs(10)),
    )
    .await;
    assert_eq!(wallet_fields(&app, &token).await, nulls());
}

#[tokio::test]
async fn a_failing_or_confused_smm_shows_nulls() {
    let smm = MockServer::start().await;
    let (app, token, id) = app_asking(&smm, "09120000105").await;
    for reply in [
        ResponseTemplate::new(500).set_body_json(json!({"status": 500})),
        ResponseTemplate::new(200).set_body_string("<html>not json</html>"),
        ResponseTemplate::new(200).set_body_json(json!({"balance": "352", "spent": 0})),
        ResponseTemplate::new(200).set_body_json(json!([1, 2])),
    ] {
        smm_answers(&smm, id, reply).await;
        assert_eq!(wallet_fields(&app, &token).await, nulls());
    }
    // smm back: its values again
    smm_answers(&smm, id, wallet(json!(7.125))).await;
    assert_eq!(wallet_fields(&app, &token).await["balance"], 7.125);
}

#[tokio::test]
async fn a_down_smm_shows_nulls() {
    // nothing listens there any more
    let gone = MockServer::start().await.uri();
    let app = spawn_with(|s| s.smm_url = Some(gone)).await;
    let token = app.token_for("09120000106").await;
    assert_eq!(wallet_fields(&app, &token).await, nulls());
}

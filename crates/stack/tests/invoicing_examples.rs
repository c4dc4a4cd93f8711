//! The document's curl examples replayed through the real gateway, with the
//! token only in `?access_token=` as the examples send it: the answers must
//! match the same snapshots as the service's own.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a test fails by panicking"
)]

use platform_testkit::{send, service, Running, StandInIdentity, TestDb, ANY_PORT};
use reqwest::Method;
use serde_json::{json, Value};

const ALICE: &str = "account-alice";
const BOB: &str = "account-bob";

/// The same snapshots as invoicing's own replay of the examples
/// (`services/invoicing/tests/api/seed.rs`).
macro_rules! snapshot {
    ($name:expr, $value:expr, $redactions:tt) => {{
        let mut settings = platform_testkit::snapshot_settings();
        settings.set_snapshot_path(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../services/invoicing/tests/api/snapshots"
        ));
        settings.bind(|| insta::assert_json_snapshot!($name, $value, $redactions));
    }};
}

#[actix_web::test]
async fn the_document_examples_through_the_gateway() {
    let identity = StandInIdentity::start().await;
    let db = TestDb::new();
    let settings: invoicing::Settings = service::settings(&db, &identity, |_| {});
    let app = Running::start(move || invoicing::Application::build(settings)).await;
    let mut gw_settings = gateway::Settings {
        listen: ANY_PORT.into(),
        workers: 1,
        jwks_url: identity.jwks_url(),
        revocations_url: None,
        ..gateway::Settings::default()
    };
    gw_settings
        .upstreams
        .insert("invoicing".into(), app.base.clone());
    let gw = Running::start(move || gateway::Application::build(gw_settings)).await;
    let http = reqwest::Client::new();
    let token = identity.token(ALICE);
    let url = |path: &str, query: &str| format!("{}{path}?access_token={token}{query}", gw.base);

    let second = send(
        http.post(url("/v1/customers/", ""))
            .header("Content-Type", "application/json")
            .body(r#"{"email":"second@example.com"}"#),
    )
    .await;
    assert_eq!(second.status, 201, "{}", second.text);

    let full: Value = json!({
        "name": "آرین نجفی", "company": "آسمان", "address": "تهران ، پاسداران ، گلستان سوم",
        "postal_code": "1234567890", "tel": "02188624168", "fax": "02188624168",
        "email": "arian@example.com", "mobile": "09122345577",
        "registration_number": "12345678", "economical_number": "123456789",
    });
    let created = send(
        http.post(url("/v1/customers/", ""))
            .header("Cache-Control", "no-cache")
            .json(&full),
    )
    .await;
    assert_eq!(created.status, 201, "{}", created.text);
    snapshot!("create_every_field", created.body, {
        ".data.Customer.id" => "[id]",
        ".data.Customer.created" => "[created]",
    });
    let id = created.body["data"]["Customer"]["id"]
        .as_str()
        .unwrap()
        .to_string();

    let list = send(http.get(url("/v1/customers/", "&limit=10"))).await;
    assert_eq!(list.status, 200, "{}", list.text);
    assert_eq!(list.header("x-total-count"), Some("2"));
    snapshot!("list_example", list.body, {
        ".data[].Customer.id" => "[id]",
        ".data[].Customer.created" => "[created]",
    });

    let one = send(http.get(url(&format!("/v1/customers/{id}"), ""))).await;
    assert_eq!(one.status, 200, "{}", one.text);
    snapshot!("read_example", one.body, {
        ".data[].Customer.id" => "[id]",
        ".data[].Customer.created" => "[created]",
    });

    let updated = send(
        http.put(url(&format!("/v1/customers/{id}"), ""))
            .header("Content-Type", "application/json")
            .body(r#"{"email":"arian@example.com", "name": "آرین نجفیان"}"#),
    )
    .await;
    assert_eq!(updated.status, 200, "{}", updated.text);
    snapshot!("update_example", updated.body, {
        ".data.Customer.id" => "[id]",
        ".data.Customer.created" => "[created]",
    });

    // another account's token through the gateway reaches nothing of Alice's
    let bobs = format!(
        "{}/v1/customers/{id}?access_token={}",
        gw.base,
        identity.token(BOB)
    );
    send(http.get(&bobs)).await.assert_ledger_error(404);

    let deleted = send(http.delete(url(&format!("/v1/customers/{id}"), ""))).await;
    assert_eq!(deleted.status, 200, "{}", deleted.text);
    snapshot!("delete_example", deleted.body, {
        ".data.Customer.id" => "[id]",
    });
    send(http.get(url(&format!("/v1/customers/{id}"), "")))
        .await
        .assert_ledger_error(404);

    // no token at all: the gateway's 401, in the ledger dialect
    send(http.request(Method::GET, format!("{}/v1/customers", gw.base)))
        .await
        .assert_ledger_error(401);
}

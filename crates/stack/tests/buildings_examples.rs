//! Seed 004's examples replayed through the real gateway, with each kind
//! of body the app may send (multipart as documented, a URL-encoded form,
//! JSON): the answers must match the same snapshots as the service's own
//! (`services/buildings/tests/api/seed.rs`).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a test fails by panicking"
)]

use platform_testkit::{send, service, Reply, Running, StandInIdentity, TestDb, ANY_PORT};
use reqwest::Method;
use serde_json::{json, Value};

const ALICE: &str = "1001";
const BOUNDARY: &str = "----omarty7MA4YWxkTrZu0gW";

macro_rules! snapshot {
    ($name:expr, $value:expr) => {{
        let mut settings = platform_testkit::snapshot_settings();
        settings.set_snapshot_path(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../services/buildings/tests/api/snapshots"
        ));
        settings.bind(|| insta::assert_json_snapshot!($name, $value));
    }};
}

#[derive(Debug, Clone, Copy)]
enum Kind {
    Multipart,
    Form,
    Json,
}

/// `fields` as a body of `kind`: content type and bytes.
fn body(kind: Kind, fields: &Value) -> (String, Vec<u8>) {
    let text = |v: &Value| match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    };
    let pairs: Vec<(String, String)> = fields
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), text(v)))
        .collect();
    match kind {
        Kind::Json => ("application/json".into(), fields.to_string().into_bytes()),
        Kind::Form => (
            "application/x-www-form-urlencoded".into(),
            pairs
                .iter()
                .map(|(k, v)| format!("{k}={}", percent(v)))
                .collect::<Vec<_>>()
                .join("&")
                .into_bytes(),
        ),
        Kind::Multipart => {
            let mut out = String::new();
            for (name, value) in &pairs {
                out.push_str(&format!(
                    "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
                ));
            }
            out.push_str(&format!("--{BOUNDARY}--\r\n"));
            (
                format!("multipart/form-data; boundary={BOUNDARY}"),
                out.into_bytes(),
            )
        }
    }
}

/// Form encoding of the few characters the examples have.
fn percent(value: &str) -> String {
    value.replace('@', "%40").replace('+', "%2B")
}

/// The document's example with `changes` applied, for block 1, apartment 1.
fn example(changes: Value) -> Value {
    let mut fields = json!({
        "api": "AddContact", "phoneNumber": null, "email": null,
        "longitude": "121.12221", "latitude": "20.233", "blockId": 1, "apartmentId": 1,
    });
    for (k, v) in changes.as_object().unwrap() {
        fields[k] = v.clone();
    }
    fields
}

async fn replay(kind: Kind) {
    let identity = StandInIdentity::start().await;
    let db = TestDb::new();
    let settings: buildings::Settings = service::settings(&db, &identity, |_| {});
    let app = Running::start(move || buildings::Application::build(settings)).await;
    let mut gw_settings = gateway::Settings {
        listen: ANY_PORT.into(),
        workers: 1,
        jwks_url: identity.jwks_url(),
        revocations_url: None,
        ..gateway::Settings::default()
    };
    gw_settings
        .upstreams
        .insert("buildings".into(), app.base.clone());
    let gw = Running::start(move || gateway::Application::build(gw_settings)).await;
    let http = reqwest::Client::new();
    let operator = identity.admin_token("9001");
    let alice = identity.token(ALICE);

    // the community, through the gateway's admin routes
    for (path, fields) in [
        (
            "/omartyapis/admin/buildings",
            json!({"name": "Omarty Tower"}),
        ),
        ("/omartyapis/admin/buildings/1/blocks", json!({"name": "A"})),
        (
            "/omartyapis/admin/blocks/1/apartments",
            json!({"number": "1"}),
        ),
        (
            "/omartyapis/admin/apartments/1/residents",
            json!({"user_id": ALICE, "role": "owner"}),
        ),
    ] {
        let reply = send(
            http.post(format!("{}{path}", gw.base))
                .bearer_auth(&operator)
                .json(&fields),
        )
        .await;
        assert_eq!(reply.status, 201, "{path}: {}", reply.text);
    }

    let update = |fields: Value| {
        let (content_type, bytes) = body(kind, &fields);
        http.post(format!("{}/omartyapis/Update/", gw.base))
            .bearer_auth(&alice)
            .header("Content-Type", content_type)
            .body(bytes)
    };
    let expect = |reply: &Reply, status: u16| {
        assert_eq!(reply.status, status, "{kind:?}: {}", reply.text);
        assert_eq!(reply.body["status"], status, "{kind:?}: {}", reply.text);
    };

    let reply = send(update(example(json!({"email": "Test.Test@Test.com"})))).await;
    expect(&reply, 200);
    snapshot!("add_email_only", reply.body);
    let reply = send(update(example(
        json!({"phoneNumber": "01122334455", "email": ""}),
    )))
    .await;
    expect(&reply, 200);
    snapshot!("add_phone_only", reply.body);
    let reply = send(update(example(
        json!({"phoneNumber": "09121234567", "email": "other@example.com"}),
    )))
    .await;
    expect(&reply, 422);
    snapshot!("add_both", reply.body);
    let reply = send(update(example(json!({"blockId": ""})))).await;
    expect(&reply, 422);
    snapshot!("missing_key", reply.body);
    let reply = send(update(example(json!({"api": "AddContacts"})))).await;
    expect(&reply, 404);
    snapshot!("unknown_api", reply.body);

    // no token: the gateway's 401, in the building dialect
    let reply = send(http.post(format!("{}/omartyapis/Update/", gw.base))).await;
    expect(&reply, 401);
    assert!(reply.body["message"].is_string(), "{}", reply.text);
    // the internal API is never routed
    let reply = send(
        http.request(
            Method::GET,
            format!("{}/internal/buildings/members?building=1", gw.base),
        )
        .bearer_auth(&operator),
    )
    .await;
    assert_eq!(reply.status, 404, "{}", reply.text);
}

#[actix_web::test]
async fn the_examples_through_the_gateway_as_multipart() {
    replay(Kind::Multipart).await;
}

#[actix_web::test]
async fn the_examples_through_the_gateway_as_a_form() {
    replay(Kind::Form).await;
}

#[actix_web::test]
async fn the_examples_through_the_gateway_as_json() {
    replay(Kind::Json).await;
}

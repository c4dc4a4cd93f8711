//! The document's curl examples replayed through the real gateway, with the
//! token only in `?access_token=` as the examples send it: the answers must
//! match the same snapshots as the service's own.

use crate::helpers::{send, spawn_app, TestApp, ALICE, BOB};
use gateway::settings::Settings as GatewaySettings;
use platform_testkit::ANY_PORT;
use reqwest::Method;
use serde_json::{json, Value};

struct Gateway {
    address: String,
    handle: actix_web::dev::ServerHandle,
}

impl Drop for Gateway {
    fn drop(&mut self) {
        drop(self.handle.stop(false));
    }
}

/// The gateway with its built-in route table, in front of `app`.
async fn spawn_gateway(app: &TestApp) -> Gateway {
    let mut settings = GatewaySettings {
        listen: ANY_PORT.into(),
        workers: 1,
        jwks_url: app.jwks_url.clone(),
        revocations_url: None,
        ..GatewaySettings::default()
    };
    settings
        .upstreams
        .insert("invoicing".into(), app.address.clone());
    let (tx, rx) = tokio::sync::oneshot::channel();
    std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            let gw = gateway::Application::build(settings)
                .await
                .expect("the gateway starts");
            tx.send((gw.port(), gw.handle())).expect("the test waits");
            gw.run().await.expect("the gateway runs");
        })
    });
    let (port, handle) = rx.await.expect("the gateway reports its port");
    Gateway {
        address: format!("http://127.0.0.1:{port}"),
        handle,
    }
}

macro_rules! snapshot {
    ($name:expr, $value:expr, $redactions:tt) => {
        insta::with_settings!({ sort_maps => true, prepend_module_to_snapshot => false }, {
            insta::assert_json_snapshot!($name, $value, $redactions);
        })
    };
}

#[tokio::test]
async fn the_document_examples_through_the_gateway() {
    let app = spawn_app().await;
    let gw = spawn_gateway(&app).await;
    let http = reqwest::Client::new();
    let token = app.token(ALICE);
    let url = |path: &str, query: &str| format!("{}{path}?access_token={token}{query}", gw.address);

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
        gw.address,
        app.token(BOB)
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
    send(http.request(Method::GET, format!("{}/v1/customers", gw.address)))
        .await
        .assert_ledger_error(401);
}

//! Requests no client should send still get a 4xx in the ledger dialect,
//! never a 5xx and never a plain-text body.

use crate::helpers::{id_of, send, spawn_app, LedgerReply, ALICE};
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn bad_bodies_are_refused_with_the_right_4xx() {
    let app = spawn_app().await;
    let id = id_of(&app.create(ALICE, json!({"email": "a@example.com"})).await);
    let one = format!("/v1/customers/{id}");
    let deep = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
    let big = format!(r#"{{"name":"{}"}}"#, "x".repeat(70 * 1024));
    let cases: Vec<(Option<&str>, Vec<u8>, u16)> = vec![
        (None, br#"{"email":"a@example.com"}"#.to_vec(), 415),
        (Some("text/plain"), b"email=a@example.com".to_vec(), 415),
        (Some("application/xml"), b"<email/>".to_vec(), 415),
        (Some("multipart/form-data; boundary=x"), b"--x--".to_vec(), 415),
        (Some("not a mime type;;"), b"{}".to_vec(), 415),
        (None, Vec::new(), 400),
        (Some("application/json"), Vec::new(), 400),
        (Some("application/json"), b"  \n ".to_vec(), 400),
        (Some("application/json"), b"{".to_vec(), 400),
        (Some("application/json"), b"{\"email\":}".to_vec(), 400),
        (Some("application/json"), b"[]".to_vec(), 400),
        (Some("application/json"), b"null".to_vec(), 400),
        (Some("application/json"), b"\"email\"".to_vec(), 400),
        (Some("application/json"), b"{\"email\":\"\xff\xfe\"}".to_vec(), 400),
        (Some("application/json"), deep.into_bytes(), 400),
        (Some("application/x-www-form-urlencoded"), Vec::new(), 400),
        (Some("application/json"), big.into_bytes(), 413),
        (
            Some("application/json"),
            br#"{"name":{"first":"a"},"email":["a@example.com"],"tel":true,"mobile":1.5,"fax":-2,"postal_code":99999999999999999999999}"#.to_vec(),
            422,
        ),
    ];
    for (method, path) in [(Method::POST, "/v1/customers"), (Method::PUT, one.as_str())] {
        for (content_type, body, status) in &cases {
            let mut request = app.as_(ALICE, method.clone(), path).body(body.clone());
            if let Some(content_type) = content_type {
                request = request.header("Content-Type", *content_type);
            }
            let reply = send(request).await;
            assert_eq!(
                reply.status,
                *status,
                "{method} {content_type:?} {}: {}",
                String::from_utf8_lossy(&body[..body.len().min(60)]),
                reply.text
            );
            reply.assert_ledger_error(*status);
        }
    }
    // nothing above changed the customer
    let reply = app.get(ALICE, &id).await;
    assert_eq!(reply.customers()[0]["email"], json!("a@example.com"));
    assert_eq!(reply.customers()[0]["name"], json!(""));
}

#[tokio::test]
async fn wrong_types_name_every_field() {
    let app = spawn_app().await;
    let reply = send(app.as_(ALICE, Method::POST, "/v1/customers").json(&json!({
        "name": {"first": "a"}, "company": 7, "address": false, "email": ["a@example.com"],
        "tel": true, "mobile": 1.5, "fax": -2, "postal_code": 1e30,
        "registration_number": "12a", "economical_number": {},
    })))
    .await;
    reply.assert_ledger_error(422);
    assert_eq!(
        reply.error_fields(),
        [
            "address",
            "company",
            "economical_number",
            "email",
            "fax",
            "mobile",
            "name",
            "postal_code",
            "registration_number",
            "tel"
        ]
    );
}

#[tokio::test]
async fn unknown_paths_methods_and_ids_are_ledger_errors() {
    let app = spawn_app().await;
    let cases = [
        (Method::GET, "/v1/customers/not-a-uuid", 404),
        (
            Method::GET,
            "/v1/customers/511f70f9f27043709d4432622e65ec33",
            404,
        ),
        (Method::PUT, "/v1/customers/%00", 404),
        (Method::DELETE, "/v1/customers/..%2F..%2Fetc", 404),
        (Method::GET, "/v1/customers/a/b", 404),
        (Method::GET, "/v2/customers", 404),
        (
            Method::PATCH,
            "/v1/customers/511f70f9-f270-4370-9d44-32622e65ec33",
            405,
        ),
        (Method::DELETE, "/v1/customers", 405),
    ];
    for (method, path, status) in cases {
        let reply = send(app.as_(ALICE, method.clone(), path)).await;
        assert_eq!(reply.status, status, "{method} {path}: {}", reply.text);
        reply.assert_ledger_error(status);
    }
}

#[tokio::test]
async fn bad_query_parameters_are_400_naming_each() {
    let app = spawn_app().await;
    for (query, fields) in [
        ("limit=abc", vec!["limit"]),
        ("limit=101", vec!["limit"]),
        ("limit=0", vec!["limit"]),
        ("limit=-5", vec!["limit"]),
        ("offset=-1", vec!["offset"]),
        ("offset=1.5", vec!["offset"]),
        ("page=0", vec!["page"]),
        (
            "page=x&limit=1000&offset=y",
            vec!["limit", "offset", "page"],
        ),
        ("offset=99999999999999999999999", vec!["offset"]),
        ("page=9223372036854775807&limit=100", vec!["page"]),
    ] {
        let reply = app.list(ALICE, query).await;
        reply.assert_ledger_error(400);
        assert_eq!(reply.error_fields(), fields, "{query}");
    }
}

#[tokio::test]
async fn health_and_metrics_answer() {
    let app = spawn_app().await;
    for path in ["/healthz", "/readyz"] {
        let reply = send(app.anonymous(Method::GET, path)).await;
        assert_eq!(reply.status, 200, "{path}: {}", reply.text);
    }
    app.list(ALICE, "").await;
    let metrics = send(app.anonymous(Method::GET, "/metrics")).await;
    assert!(
        metrics.text.contains(r#"service="invoicing""#),
        "{}",
        metrics.text
    );
    assert!(metrics.text.contains("/v1/customers"), "{}", metrics.text);
    // every answer carries a request id
    assert!(metrics.header("x-request-id").is_some());
}

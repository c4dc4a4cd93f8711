//! The reseller API v2 as its existing clients call it: forms or JSON,
//! with or without the trailing slash, errors as HTTP 200 `{"error"}`.

use crate::helpers::{send, spawn_app, TestApp, ALICE};
use reqwest::Method;
use serde_json::json;

async fn key_of(app: &TestApp, user: &str) -> String {
    let reply = send(app.as_(user, Method::POST, "/api/v1/user/api_key")).await;
    assert_eq!(reply.status, 201, "{}", reply.text);
    assert_eq!(reply.body["status"], 201);
    reply.body["api_key"].as_str().unwrap().to_string()
}

async fn call(app: &TestApp, path: &str, form: &[(&str, &str)]) -> platform_testkit::Reply {
    send(app.anonymous(Method::POST, path).form(form)).await
}

#[tokio::test]
async fn a_client_of_the_protocol_buys_and_follows_its_orders() {
    let app = spawn_app().await;
    let c = app.category("Instagram").await;
    let s = app
        .service(c, json!({"price": "0.9", "cancel": 1, "name": "Followers"}))
        .await;
    app.fund(ALICE, 100).await;
    let key = key_of(&app, ALICE).await;
    let services = call(&app, "/api/v2", &[("key", &key), ("action", "services")]).await;
    assert_eq!(services.status, 200, "{}", services.text);
    assert_eq!(
        services.body[0],
        json!({"service": s, "name": "Followers", "type": "Default", "category": "Instagram",
               "rate": "0.900", "min": "10", "max": "5000", "refill": false, "cancel": true, "dripfeed": false})
    );
    let sid = s.to_string();
    // one client always sends runs and interval, even as `undefined`
    let added = call(
        &app,
        "/api/v2/",
        &[
            ("key", &key),
            ("action", "add"),
            ("service", &sid),
            ("link", "https://instagram.com/x"),
            ("quantity", "1000"),
            ("runs", "undefined"),
            ("interval", "undefined"),
        ],
    )
    .await;
    assert_eq!(added.status, 200, "{}", added.text);
    let order = added.body["order"].as_i64().unwrap();
    let status = call(
        &app,
        "/api/v2",
        &[
            ("key", &key),
            ("action", "status"),
            ("order", &order.to_string()),
        ],
    )
    .await;
    assert_eq!(
        status.body,
        json!({"charge": "0.900", "start_count": "0", "status": "Pending", "remains": "1000", "currency": "IRT"})
    );
    let many = format!("{order},999999");
    let statuses = call(
        &app,
        "/api/v2",
        &[("key", &key), ("action", "status"), ("orders", &many)],
    )
    .await;
    assert_eq!(statuses.body[order.to_string()]["status"], "Pending");
    assert_eq!(
        statuses.body["999999"],
        json!({"error": "Incorrect order ID"})
    );
    let balance = send(
        app.anonymous(Method::POST, "/api/v2")
            .json(&json!({"key": key, "action": "balance"})),
    )
    .await;
    assert_eq!(
        balance.body,
        json!({"balance": "99.100", "currency": "IRT"})
    );
    // a manual order not yet worked is canceled at once, refunded in full
    let cancel = call(
        &app,
        "/api/v2",
        &[
            ("key", &key),
            ("action", "cancel"),
            ("orders", &order.to_string()),
        ],
    )
    .await;
    assert_eq!(cancel.body, json!([{"order": order, "cancel": 1}]));
    let again = call(
        &app,
        "/api/v2",
        &[
            ("key", &key),
            ("action", "cancel"),
            ("orders", &order.to_string()),
        ],
    )
    .await;
    assert!(
        again.body[0]["cancel"]["error"].is_string(),
        "{}",
        again.text
    );
    assert_eq!(app.balance(ALICE).await, 100.0);
    // the panel shows the order as placed through the API
    let seen = app.read_order(ALICE, order).await;
    assert_eq!(seen.body["type"], "api");
    assert_eq!(seen.body["status"], "canceled");
    app.assert_books_balance().await;
}

#[tokio::test]
async fn every_error_is_http_200_with_an_error_field() {
    let app = spawn_app().await;
    let c = app.category("c").await;
    let s = app.service(c, json!({})).await.to_string();
    let key = key_of(&app, ALICE).await;
    let cases: Vec<Vec<(&str, &str)>> = vec![
        vec![("action", "balance")],
        vec![("key", "wrong"), ("action", "balance")],
        vec![("key", &key), ("action", "teleport")],
        vec![("key", &key)],
        vec![("key", &key), ("action", "status"), ("order", "abc")],
        vec![("key", &key), ("action", "status"), ("order", "424242")],
        vec![
            ("key", &key),
            ("action", "add"),
            ("service", &s),
            ("link", "instagram"),
            ("quantity", "100"),
        ],
        vec![
            ("key", &key),
            ("action", "add"),
            ("service", "99999"),
            ("link", "instagram"),
            ("quantity", "100"),
        ],
        vec![
            ("key", &key),
            ("action", "add"),
            ("service", &s),
            ("link", "instagram"),
            ("quantity", "1"),
        ],
        vec![("key", &key), ("action", "refill"), ("order", "1")],
    ];
    for form in cases {
        let reply = call(&app, "/api/v2", &form).await;
        assert_eq!(reply.status, 200, "{form:?}: {}", reply.text);
        assert!(reply.body["error"].is_string(), "{form:?}: {}", reply.text);
        assert_eq!(
            reply.body.as_object().unwrap().len(),
            1,
            "{form:?}: {}",
            reply.text
        );
    }
    let no_key = call(&app, "/api/v2", &[("action", "balance")]).await;
    assert_eq!(no_key.body, json!({"error": "Invalid API key."}));
    let malformed = send(
        app.anonymous(Method::POST, "/api/v2")
            .header("content-type", "application/json")
            .body("{"),
    )
    .await;
    assert_eq!(malformed.status, 200);
    assert!(malformed.body["error"].is_string(), "{}", malformed.text);
}

#[tokio::test]
async fn a_rotated_key_replaces_the_old_one() {
    let app = spawn_app().await;
    let old = key_of(&app, ALICE).await;
    let new = key_of(&app, ALICE).await;
    assert_ne!(old, new);
    let with_old = call(&app, "/api/v2", &[("key", &old), ("action", "balance")]).await;
    assert_eq!(with_old.body["error"], "Invalid API key.");
    let with_new = call(&app, "/api/v2", &[("key", &new), ("action", "balance")]).await;
    assert_eq!(with_new.body["balance"], "0.000");
    let anonymous = send(app.anonymous(Method::POST, "/api/v1/user/api_key")).await;
    anonymous.assert_panel_error(401);
}

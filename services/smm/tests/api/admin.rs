//! The operators' API: only the admin role, clear refusals, the catalog
//! and wallets it manages.

use crate::helpers::{send, spawn_app, tamper, ALICE};
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn only_operators_get_in() {
    let app = spawn_app().await;
    let anonymous = send(
        app.anonymous(Method::POST, "/api/v1/admin/categories")
            .json(&json!({"name": "x"})),
    )
    .await;
    anonymous.assert_panel_error(401);
    for (method, path) in [
        (Method::POST, "/api/v1/admin/categories"),
        (Method::POST, "/api/v1/admin/services"),
        (Method::POST, "/api/v1/admin/providers"),
        (Method::GET, "/api/v1/admin/providers"),
        (Method::POST, "/api/v1/admin/wallets/101"),
        (Method::GET, "/api/v1/admin/orders"),
        (Method::POST, "/api/v1/admin/orders/1/status"),
        (Method::GET, "/api/v1/admin/reconcile"),
    ] {
        let reply = send(app.as_(ALICE, method, path).json(&json!({"name": "x"}))).await;
        reply.assert_panel_error(403);
        assert_eq!(reply.body["message"], "منع دسترسی", "{path}");
    }
}

#[tokio::test]
async fn categories_and_services_are_created_and_changed() {
    let app = spawn_app().await;
    // a form body works as well as JSON
    let form = send(
        app.as_operator(Method::POST, "/api/v1/admin/categories")
            .form(&[("name", "اینستاگرام"), ("sort", "3")]),
    )
    .await;
    assert_eq!(form.status, 201, "{}", form.text);
    assert_eq!(form.body["status"], 201);
    assert_eq!(form.body["category"]["sort"], 3);
    let id = form.body["category"]["id"].as_i64().unwrap();
    let changed = send(
        app.as_operator(Method::PUT, &format!("/api/v1/admin/categories/{id}"))
            .json(&json!({"status": 0})),
    )
    .await;
    assert_eq!(changed.status, 200, "{}", changed.text);
    assert_eq!(changed.body["category"]["name"], "اینستاگرام");
    assert_eq!(changed.body["category"]["status"], 0);

    let service = app
        .service(id, json!({"price": "7.5", "type": "Custom Comments"}))
        .await;
    let put = send(
        app.as_operator(Method::PUT, &format!("/api/v1/admin/services/{service}"))
            .json(&json!({"max": 9000, "refill": true})),
    )
    .await;
    assert_eq!(put.status, 200, "{}", put.text);
    let s = &put.body["service"];
    assert_eq!(
        (s["price"].clone(), s["max"].clone(), s["refill"].clone()),
        (json!(7.5), json!(9000), json!(1))
    );
    assert_eq!(s["type"], "custom_comments");

    let missing = send(
        app.as_operator(Method::PUT, "/api/v1/admin/services/99999")
            .json(&json!({"max": 1})),
    )
    .await;
    missing.assert_panel_error(404);
}

#[tokio::test]
async fn services_that_cannot_work_are_refused() {
    let app = spawn_app().await;
    let c = app.category("c").await;
    let base = json!({"cate_id": c, "name": "n", "price": 10, "min": 10, "max": 100});
    let with = |extra: serde_json::Value| {
        let mut body = base.clone();
        for (k, v) in extra.as_object().unwrap() {
            body[k] = v.clone();
        }
        body
    };
    let api_without_provider = app
        .admin_post("/api/v1/admin/services", with(json!({"add_type": "api"})))
        .await;
    api_without_provider.assert_panel_error(422);
    assert_eq!(api_without_provider.body["code"], "provider_required");
    let unknown_provider = app
        .admin_post(
            "/api/v1/admin/services",
            with(json!({"add_type": "api", "api_provider_id": 77, "api_service_id": "1"})),
        )
        .await;
    unknown_provider.assert_panel_error(404);
    let min_above_max = app
        .admin_post("/api/v1/admin/services", with(json!({"min": 500})))
        .await;
    assert_eq!(min_above_max.body["code"], "min_above_max");
    let bad_type = app
        .admin_post("/api/v1/admin/services", with(json!({"type": "teleport"})))
        .await;
    bad_type.assert_panel_error(400);
    assert!(
        bad_type.body["errors"]["type"].is_array(),
        "{}",
        bad_type.text
    );
    let no_category = app
        .admin_post("/api/v1/admin/services", with(json!({"cate_id": 9999})))
        .await;
    no_category.assert_panel_error(404);
    let bad_price = app
        .admin_post("/api/v1/admin/services", with(json!({"price": "1.23456"})))
        .await;
    bad_price.assert_panel_error(400);
    let missing = app
        .admin_post("/api/v1/admin/services", json!({"name": "n"}))
        .await;
    missing.assert_panel_error(400);
}

#[tokio::test]
async fn wallets_move_both_ways_but_never_below_zero() {
    let app = spawn_app().await;
    app.fund(ALICE, 1000).await;
    let take = app
        .admin_post(
            "/api/v1/admin/wallets/101",
            json!({"amount": "-250.5", "reason": "correction"}),
        )
        .await;
    assert_eq!(take.status, 201, "{}", take.text);
    assert_eq!(take.body["balance"], 749.5);
    let overdraw = app
        .admin_post(
            "/api/v1/admin/wallets/101",
            json!({"amount": -750, "reason": "too much"}),
        )
        .await;
    overdraw.assert_panel_error(422);
    assert_eq!(overdraw.body["code"], "insufficient_balance");
    assert_eq!(app.balance(ALICE).await, 749.5);
    let no_reason = app
        .admin_post("/api/v1/admin/wallets/101", json!({"amount": 5}))
        .await;
    no_reason.assert_panel_error(400);
    let rate = app
        .admin_post("/api/v1/admin/wallets/101", json!({"custom_rate": 12}))
        .await;
    assert_eq!(rate.body["custom_rate"], 12);
    let bad_rate = app
        .admin_post("/api/v1/admin/wallets/101", json!({"custom_rate": 101}))
        .await;
    bad_rate.assert_panel_error(400);
    let bad_user = app
        .admin_post(
            "/api/v1/admin/wallets/abc",
            json!({"amount": 5, "reason": "x"}),
        )
        .await;
    bad_user.assert_panel_error(404);
    app.assert_books_balance().await;
}

#[tokio::test]
async fn the_books_check_finds_a_balance_changed_behind_the_ledger() {
    let app = spawn_app().await;
    app.fund(ALICE, 100).await;
    app.assert_books_balance().await;
    tamper(
        &app.db_url,
        "UPDATE wallets SET balance = balance + 5000 WHERE user_id = 101",
    );
    let report = send(app.as_operator(Method::GET, "/api/v1/admin/reconcile")).await;
    assert_eq!(
        report.body["report"]["differences"],
        json!([{"user_id": 101, "balance": 105, "ledger": 100}]),
        "{}",
        report.text
    );
}

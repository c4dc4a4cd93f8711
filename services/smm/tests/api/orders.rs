//! Seed 002's order endpoints: placing, listing and reading, with the
//! wallet debited exactly.

use crate::helpers::{send, spawn_app, ALICE, BOB};
use platform_testkit::snapshot_settings;
use reqwest::Method;
use serde_json::json;

const LINK: &str = "https://www.instagram.com/p/CA2-Sn-n9YX/?igshid=umy1k0igwj1b";

#[tokio::test]
async fn the_seed_examples_give_the_documented_shapes() {
    let app = spawn_app().await;
    let c = app.category("ویو").await;
    let s = app.service(c, json!({"price": 500})).await;
    app.fund(ALICE, 352).await;
    // the seed's parameters, with runs and interval sent though unused
    let placed = app
        .order(
            ALICE,
            json!({"service_id": s.to_string(), "category_id": c.to_string(), "quantity": 100, "link": LINK,
                   "runs": 1, "interval": 6, "is_drip_feed": "facilis", "api_provider_id": 16, "api_service_id": 6}),
        )
        .await;
    assert_eq!(placed.status, 201, "{}", placed.text);
    assert_eq!(placed.body["order"]["charge"], 50);
    assert_eq!(app.balance(ALICE).await, 302.0);
    let id = placed.body["order"]["id"].as_i64().unwrap();
    let list = send(app.as_(ALICE, Method::GET, "/api/v1/order")).await;
    assert_eq!(list.status, 200, "{}", list.text);
    assert_eq!(list.header("x-pagination-total-count"), Some("1"));
    let one = app.read_order(ALICE, id).await;
    assert_eq!(one.status, 200, "{}", one.text);
    assert_eq!(one.body["status"], "pending");
    let foreign = app.read_order(BOB, id).await;
    foreign.assert_panel_error(403);
    assert_eq!(foreign.body["message"], "منع دسترسی");
    let missing = app.read_order(ALICE, id + 1000).await;
    missing.assert_panel_error(404);
    assert_eq!(missing.body["message"], "سفارش مورد نظر یافت نشد");
    let not_a_number = send(app.as_(ALICE, Method::GET, "/api/v1/order/porro")).await;
    not_a_number.assert_panel_error(404);

    let redactions = |prefix: &str| {
        let mut settings = snapshot_settings();
        for field in [
            "id",
            "ids",
            "uid",
            "cate_id",
            "service_id",
            "changed",
            "created",
        ] {
            settings.add_redaction(&format!("{prefix}.{field}"), format!("[{field}]"));
        }
        settings
    };
    redactions(".order").bind(|| insta::assert_json_snapshot!("order_placed", placed.body));
    redactions(".orders[]").bind(|| insta::assert_json_snapshot!("order_list", list.body));
    redactions("").bind(|| insta::assert_json_snapshot!("order_detail", one.body));
}

#[tokio::test]
async fn a_discount_applies_to_every_charge_and_money_is_exact() {
    let app = spawn_app().await;
    let c = app.category("c").await;
    let s = app.service(c, json!({"price": 1, "min": 1})).await;
    app.fund(ALICE, 1).await;
    // 15 units at 1 Toman per 1000: 0.015 Toman, exactly
    let placed = app
        .order(
            ALICE,
            json!({"service_id": s, "category_id": c, "quantity": 15, "link": "instagram"}),
        )
        .await;
    assert_eq!(placed.status, 201, "{}", placed.text);
    assert_eq!(placed.body["order"]["charge"], 0.015);
    assert_eq!(app.balance(ALICE).await, 0.985);

    let pricey = app.service(c, json!({"price": 1000, "min": 1})).await;
    app.admin_post(
        "/api/v1/admin/wallets/102",
        json!({"amount": 100, "reason": "x", "custom_rate": 12}),
    )
    .await;
    let discounted = app
        .order(
            BOB,
            json!({"service_id": pricey, "category_id": c, "quantity": 100, "link": "instagram"}),
        )
        .await;
    assert_eq!(
        discounted.body["order"]["charge"], 88,
        "{}",
        discounted.text
    );
    assert_eq!(app.balance(BOB).await, 12.0);
    app.assert_books_balance().await;
}

#[tokio::test]
async fn the_list_is_newest_first_and_paged() {
    let app = spawn_app().await;
    let c = app.category("c").await;
    let s = app.service(c, json!({})).await;
    app.fund(ALICE, 1000).await;
    let mut ids = Vec::new();
    for _ in 0..5 {
        let r = app
            .order(
                ALICE,
                json!({"service_id": s, "category_id": c, "quantity": 10, "link": "instagram"}),
            )
            .await;
        ids.push(r.body["order"]["id"].as_i64().unwrap());
    }
    app.fund(BOB, 100).await;
    app.order(
        BOB,
        json!({"service_id": s, "category_id": c, "quantity": 10, "link": "instagram"}),
    )
    .await;
    let page = send(app.as_(ALICE, Method::GET, "/api/v1/order?page=2&per-page=2")).await;
    let got: Vec<i64> = page.body["orders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_i64().unwrap())
        .collect();
    assert_eq!(got, [ids[2], ids[1]]);
    assert_eq!(page.header("x-pagination-total-count"), Some("5"));
    assert_eq!(page.header("x-pagination-page-count"), Some("3"));
    let bad = send(app.as_(ALICE, Method::GET, "/api/v1/order?per-page=1000")).await;
    bad.assert_panel_error(400);
    let anonymous = send(app.anonymous(Method::GET, "/api/v1/order")).await;
    anonymous.assert_panel_error(401);
}

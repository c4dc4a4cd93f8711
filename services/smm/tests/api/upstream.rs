//! Orders going to a stand-in provider and coming back: forwarded once,
//! synced, refunded exactly once, and never resent when the outcome of a
//! send is unknown.

use crate::helpers::{replica_of, send, spawn_app, spawn_with, TestApp, ALICE};
use crate::provider::{StandInProvider, KEY};
use platform_testkit::eventually;
use reqwest::Method;
use serde_json::{json, Value};
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(15);

/// A provider registered with the panel and an `api` service of it.
async fn provider_service(app: &TestApp, provider: &StandInProvider, extra: Value) -> (i64, i64) {
    let created = app
        .admin_post(
            "/api/v1/admin/providers",
            json!({"name": "upstream", "url": provider.url(), "key": KEY}),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.text);
    assert!(
        created.body["provider"].get("key").is_none(),
        "the key is never shown"
    );
    assert_eq!(created.body["provider"]["balance"], "100.84292");
    let pid = created.body["provider"]["id"].as_i64().unwrap();
    let c = app.category("c").await;
    let mut fields = json!({"add_type": "api", "api_provider_id": pid, "api_service_id": "1", "price": 1000, "min": 10, "max": 10000});
    for (k, v) in extra.as_object().unwrap() {
        fields[k] = v.clone();
    }
    (c, app.service(c, fields).await)
}

async fn order_of(app: &TestApp, id: i64) -> Value {
    app.read_order(ALICE, id).await.body
}

async fn place(app: &TestApp, c: i64, s: i64, quantity: i64) -> i64 {
    let r = app.order(ALICE, json!({"service_id": s, "category_id": c, "quantity": quantity, "link": "https://instagram.com/p/x"})).await;
    assert_eq!(r.status, 201, "{}", r.text);
    r.body["order"]["id"].as_i64().unwrap()
}

#[tokio::test]
async fn place_forward_sync_to_partial_and_refund() {
    let app = spawn_app().await;
    let provider = StandInProvider::start().await;
    let (c, s) = provider_service(&app, &provider, json!({})).await;
    app.fund(ALICE, 1000).await;
    let id = place(&app, c, s, 1000).await;
    assert_eq!(app.balance(ALICE).await, 0.0);
    assert!(
        eventually(WAIT, async || order_of(&app, id).await["api_order_id"]
            .as_i64()
            > Some(0))
        .await
    );
    let adds = provider.adds();
    assert_eq!(adds.len(), 1);
    assert_eq!(adds[0]["service"], "1");
    assert_eq!(adds[0]["quantity"], "1000");
    assert_eq!(adds[0]["link"], "https://instagram.com/p/x");
    let upstream = order_of(&app, id).await["api_order_id"].as_i64().unwrap();
    assert_eq!(order_of(&app, id).await["forward"], "sent");

    provider.set(upstream, "In progress", "600");
    assert!(
        eventually(WAIT, async || order_of(&app, id).await["status"]
            == "inprogress")
        .await
    );
    assert_eq!(app.balance(ALICE).await, 0.0);
    provider.set(upstream, "Partial", "250");
    assert!(
        eventually(WAIT, async || order_of(&app, id).await["status"]
            == "partial")
        .await
    );
    let order = order_of(&app, id).await;
    assert_eq!(order["remains"], "250");
    assert_eq!(order["start_counter"], 3572);
    assert_eq!(order["refunded"], 250);
    assert_eq!(app.balance(ALICE).await, 250.0);
    // later polls, a restart, another status: nothing more
    provider.set(upstream, "Canceled", "1000");
    tokio::time::sleep(Duration::from_millis(2500)).await;
    assert_eq!(app.balance(ALICE).await, 250.0);
    assert_eq!(order_of(&app, id).await["status"], "partial");
    app.assert_books_balance().await;
}

#[tokio::test]
async fn canceled_refunds_all_and_over_delivery_refunds_nothing() {
    let app = spawn_app().await;
    let provider = StandInProvider::start().await;
    let (c, s) = provider_service(&app, &provider, json!({})).await;
    app.fund(ALICE, 3000).await;
    let canceled = place(&app, c, s, 1000).await;
    let over = place(&app, c, s, 1000).await;
    let unknown = place(&app, c, s, 1000).await;
    for id in [canceled, over, unknown] {
        assert!(eventually(WAIT, async || order_of(&app, id).await["forward"] == "sent").await);
    }
    let mut upstream = Vec::new();
    for id in [canceled, over, unknown] {
        upstream.push(order_of(&app, id).await["api_order_id"].as_i64().unwrap());
    }
    provider.set(upstream[0], "Canceled", "1000");
    provider.set(upstream[1], "Partial", "-5");
    provider.forget(upstream[2]);
    assert!(
        eventually(WAIT, async || order_of(&app, canceled).await["status"]
            == "canceled")
        .await
    );
    assert!(
        eventually(WAIT, async || order_of(&app, over).await["status"]
            == "partial")
        .await
    );
    assert_eq!(order_of(&app, over).await["remains"], "0");
    assert_eq!(order_of(&app, over).await["refunded"], 0);
    assert_eq!(order_of(&app, unknown).await["status"], "pending");
    assert_eq!(app.balance(ALICE).await, 1000.0);
    app.assert_books_balance().await;
}

#[tokio::test]
async fn a_provider_error_refunds_in_full_once() {
    let app = spawn_app().await;
    let provider = StandInProvider::start().await;
    provider.refuse_adds("Not enough funds on balance");
    let (c, s) = provider_service(&app, &provider, json!({})).await;
    app.fund(ALICE, 500).await;
    let id = place(&app, c, s, 500).await;
    assert!(
        eventually(WAIT, async || order_of(&app, id).await["status"]
            == "canceled")
        .await
    );
    let order = order_of(&app, id).await;
    assert_eq!(order["forward"], "failed");
    assert!(
        order["note"].as_str().unwrap().contains("Not enough funds"),
        "{order}"
    );
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(app.balance(ALICE).await, 500.0);
    assert_eq!(provider.adds().len(), 1);
    app.assert_books_balance().await;
}

#[tokio::test]
async fn a_send_that_times_out_goes_to_review_and_is_never_resent() {
    let app = spawn_app().await;
    let provider = StandInProvider::start().await;
    provider.delay_adds(Duration::from_secs(3));
    let (c, s) = provider_service(&app, &provider, json!({})).await;
    app.fund(ALICE, 500).await;
    let id = place(&app, c, s, 500).await;
    assert!(
        eventually(WAIT, async || order_of(&app, id).await["forward"]
            == "review")
        .await
    );
    // many forwarding passes later, still one send
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(provider.adds().len(), 1);
    let order = order_of(&app, id).await;
    assert_eq!(order["status"], "pending");
    assert!(
        order["note"].as_str().unwrap().contains("unknown"),
        "{order}"
    );
    assert_eq!(
        app.balance(ALICE).await,
        0.0,
        "charged until an operator decides"
    );
    let review = send(app.as_operator(Method::GET, "/api/v1/admin/orders?forward=review")).await;
    assert_eq!(review.body["orders"][0]["id"], id, "{}", review.text);
    // the operator cancels it: a full refund
    let done = app
        .admin_post(
            &format!("/api/v1/admin/orders/{id}/status"),
            json!({"status": "canceled"}),
        )
        .await;
    assert_eq!(done.status, 201, "{}", done.text);
    assert_eq!(app.balance(ALICE).await, 500.0);
    app.assert_books_balance().await;
}

#[tokio::test]
async fn two_replicas_send_each_order_once() {
    let app = spawn_app().await;
    let second = replica_of(&app, |_| {}).await;
    let provider = StandInProvider::start().await;
    let (c, s) = provider_service(&app, &provider, json!({})).await;
    app.fund(ALICE, 100_000).await;
    let mut ids = Vec::new();
    for _ in 0..30 {
        ids.push(place(&app, c, s, 100).await);
    }
    let all_sent = async || {
        let list = send(app.as_operator(Method::GET, "/api/v1/admin/orders?forward=sent")).await;
        list.body["orders"].as_array().map_or(0, Vec::len) == 30
    };
    assert!(eventually(WAIT, all_sent).await);
    assert_eq!(provider.adds().len(), 30);
    drop(second);
}

#[tokio::test]
async fn statuses_are_read_in_batches_of_the_configured_size() {
    let app = spawn_with(|s| s.sync_batch = 2).await;
    let provider = StandInProvider::start().await;
    let (c, s) = provider_service(&app, &provider, json!({})).await;
    app.fund(ALICE, 100_000).await;
    let mut ids = Vec::new();
    for _ in 0..5 {
        ids.push(place(&app, c, s, 100).await);
    }
    for id in &ids {
        assert!(
            eventually(WAIT, async || order_of(&app, *id).await["forward"]
                == "sent")
            .await
        );
    }
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let calls = provider.status_calls();
    assert!(!calls.is_empty());
    assert!(calls.iter().all(|c| c.split(',').count() <= 2), "{calls:?}");
}

#[tokio::test]
async fn services_are_imported_with_the_markup() {
    let app = spawn_app().await;
    let provider = StandInProvider::start().await;
    let created = app
        .admin_post(
            "/api/v1/admin/providers",
            json!({"name": "upstream", "url": provider.url(), "key": KEY}),
        )
        .await;
    let pid = created.body["provider"]["id"].as_i64().unwrap();
    let c = app.category("imported").await;
    let path = format!("/api/v1/admin/providers/{pid}/import");
    let imported = app
        .admin_post(
            &path,
            json!({"cate_id": c, "markup_percent": 20, "exchange_rate": 60000}),
        )
        .await;
    assert_eq!(imported.status, 201, "{}", imported.text);
    let services = imported.body["services"].as_array().unwrap();
    assert_eq!(services.len(), 2);
    assert_eq!(services[0]["price"], 64800);
    assert_eq!(services[1]["type"], "custom_comments");
    assert_eq!(services[0]["api_service_id"], "1");
    // importing again updates, never doubles
    let again = app
        .admin_post(
            &path,
            json!({"cate_id": c, "markup_percent": 10, "exchange_rate": 60000}),
        )
        .await;
    assert_eq!(again.body["services"][0]["id"], services[0]["id"]);
    let listed = send(app.anonymous(Method::GET, &format!("/api/v1/services?cate_id={c}"))).await;
    assert_eq!(listed.body["services"].as_array().unwrap().len(), 2);
    let providers = send(app.as_operator(Method::GET, "/api/v1/admin/providers")).await;
    assert_eq!(providers.body["providers"][0]["balance"], "100.84292");
    assert!(!providers.text.contains(KEY));
}

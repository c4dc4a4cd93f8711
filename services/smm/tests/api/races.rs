//! Money under concurrency: many orders against one balance, one
//! Idempotency-Key sent many times at once, one status applied by two
//! replicas at once. The ledger sums to the balance after each.

use crate::helpers::{replica_of, send, spawn_app, ALICE};
use futures_util::future::join_all;
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn two_hundred_concurrent_orders_never_overdraw() {
    let app = spawn_app().await;
    let c = app.category("c").await;
    let s = app.service(c, json!({"price": 1000, "min": 10})).await;
    // room for exactly 50 orders of 10 units (10 Toman each)
    app.fund(ALICE, 500).await;
    let body = json!({"service_id": s, "category_id": c, "quantity": 10, "link": "instagram"});
    let replies = join_all((0..200).map(|_| app.order(ALICE, body.clone()))).await;
    let placed = replies.iter().filter(|r| r.status == 201).count();
    let refused = replies
        .iter()
        .filter(|r| r.status == 422 && r.body["code"] == "insufficient_balance")
        .count();
    let others: Vec<_> = replies
        .iter()
        .filter(|r| r.status != 201 && r.status != 422)
        .map(|r| r.text.clone())
        .collect();
    assert!(others.is_empty(), "{others:?}");
    assert_eq!((placed, refused), (50, 150));
    assert_eq!(app.balance(ALICE).await, 0.0);
    app.assert_books_balance().await;
    let list = send(app.as_(ALICE, Method::GET, "/api/v1/order?per-page=100")).await;
    assert_eq!(list.header("x-pagination-total-count"), Some("50"));
}

#[tokio::test]
async fn a_retried_placement_charges_once() {
    let app = spawn_app().await;
    let c = app.category("c").await;
    let s = app.service(c, json!({"price": 1000})).await;
    app.fund(ALICE, 1000).await;
    let body = json!({"service_id": s, "category_id": c, "quantity": 100, "link": "instagram"});
    let send_once = || {
        send(
            app.as_(ALICE, Method::POST, "/api/v1/order")
                .header("idempotency-key", "retry-7f3a")
                .json(&body),
        )
    };
    let replies = join_all((0..20).map(|_| send_once())).await;
    let ids: std::collections::BTreeSet<i64> = replies
        .iter()
        .map(|r| {
            assert_eq!(r.status, 201, "{}", r.text);
            r.body["order"]["id"].as_i64().unwrap()
        })
        .collect();
    assert_eq!(ids.len(), 1, "one order for one key");
    assert_eq!(app.balance(ALICE).await, 900.0);
    // the same key with another request is refused, not answered wrongly
    let other = send(
        app.as_(ALICE, Method::POST, "/api/v1/order")
            .header("idempotency-key", "retry-7f3a")
            .json(
                &json!({"service_id": s, "category_id": c, "quantity": 200, "link": "instagram"}),
            ),
    )
    .await;
    assert_eq!(
        other.body["code"], "idempotency_key_reused",
        "{}",
        other.text
    );
    app.assert_books_balance().await;
}

#[tokio::test]
async fn one_status_seen_by_two_replicas_at_once_refunds_once() {
    let app = spawn_app().await;
    let second = replica_of(&app, |_| {}).await;
    let c = app.category("c").await;
    let s = app.service(c, json!({"price": 1000})).await;
    app.fund(ALICE, 10_000).await;
    let mut ids = Vec::new();
    for _ in 0..10 {
        let r = app
            .order(
                ALICE,
                json!({"service_id": s, "category_id": c, "quantity": 1000, "link": "instagram"}),
            )
            .await;
        ids.push(r.body["order"]["id"].as_i64().unwrap());
    }
    assert_eq!(app.balance(ALICE).await, 0.0);
    // every order goes partial with 250 undelivered, told to both replicas
    // at the same moment, twice each
    let token = app.identity.admin_token("1");
    let client = reqwest::Client::new();
    let calls = ids.iter().flat_map(|id| {
        [app.url(""), second.url(""), app.url(""), second.url("")].map(|base| {
            send(
                client
                    .post(format!("{base}/api/v1/admin/orders/{id}/status"))
                    .bearer_auth(&token)
                    .json(&json!({"status": "partial", "remains": 250})),
            )
        })
    });
    for reply in join_all(calls).await {
        assert_eq!(reply.status, 201, "{}", reply.text);
    }
    // 250 of 1000 back on each of 10 orders of 1000 Toman
    assert_eq!(app.balance(ALICE).await, 2500.0);
    app.assert_books_balance().await;
}

#[tokio::test]
async fn first_credits_to_a_new_wallet_at_once_all_land() {
    let app = spawn_app().await;
    // twenty credits race to make the same wallet row
    let calls = (0..20).map(|_| {
        app.admin_post(
            "/api/v1/admin/wallets/4242",
            json!({"amount": 5, "reason": "race"}),
        )
    });
    for reply in join_all(calls).await {
        assert_eq!(reply.status, 201, "{}", reply.text);
    }
    assert_eq!(app.balance("4242").await, 100.0);
    app.assert_books_balance().await;
}

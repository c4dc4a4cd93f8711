//! Notifications: the seed's shapes, marking read, and the events that
//! write them (order completed, partial, canceled with their refunds).

use crate::helpers::{send, spawn_app, ALICE, BOB};
use platform_testkit::snapshot_settings;
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn orders_changing_notify_and_the_lists_keep_the_seed_shapes() {
    let app = spawn_app().await;
    let c = app.category("c").await;
    let s = app.service(c, json!({"price": 1000})).await;
    app.fund(ALICE, 1000).await;
    let mut ids = Vec::new();
    for _ in 0..3 {
        let placed = app
            .order(
                ALICE,
                json!({"service_id": s, "category_id": c, "quantity": 100, "link": "instagram"}),
            )
            .await;
        assert_eq!(placed.status, 201, "{}", placed.text);
        ids.push(placed.body["order"]["id"].as_i64().unwrap());
    }
    for (id, body) in ids.iter().zip([
        json!({"status": "completed"}),
        json!({"status": "partial", "remains": 40}),
        json!({"status": "canceled"}),
    ]) {
        let r = app
            .admin_post(&format!("/api/v1/admin/orders/{id}/status"), body)
            .await;
        assert_eq!(r.status, 201, "{}", r.text);
    }
    let (a, b, c3) = (ids[0], ids[1], ids[2]);
    assert_eq!(
        app.notifications(ALICE).await,
        vec![
            format!("Ehsan عزیز، سفارش شماره {c3} شما لغو شد و 100 تومان به حساب شما بازگشت."),
            format!("Ehsan عزیز، سفارش شماره {b} شما به صورت ناقص انجام شد و 40 تومان به حساب شما بازگشت."),
            format!("Ehsan عزیز، سفارش شماره {a} شما تکمیل شد."),
        ]
    );
    // the same status again notifies nothing
    app.admin_post(
        &format!("/api/v1/admin/orders/{a}/status"),
        json!({"status": "completed"}),
    )
    .await;
    assert_eq!(app.notifications(ALICE).await.len(), 3);
    assert!(app.notifications(BOB).await.is_empty());

    let all = app.get(ALICE, "/api/v1/user/notifications").await;
    let one_id = all.body["notifications"][2]["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(uuid::Uuid::parse_str(&one_id).is_ok());
    let unread = app.get(ALICE, "/api/v1/user/notifications/unread").await;
    let redact = || {
        let mut s = snapshot_settings();
        s.add_redaction(".notifications[].id", "[uuid]");
        s.add_redaction(".notifications[].created_at", "[time]");
        s.add_redaction(".notifications[].message", "[message]");
        s
    };
    redact().bind(|| insta::assert_json_snapshot!("notifications", all.body));
    redact().bind(|| insta::assert_json_snapshot!("notifications_unread", unread.body));

    // some by id (another account's ids are ignored), then all
    let marked = app
        .post(
            ALICE,
            "/api/v1/user/notifications",
            json!({"ids": [one_id]}),
        )
        .await;
    assert_eq!(marked.status, 200, "{}", marked.text);
    assert_eq!(marked.body["marked"], 1);
    let by_bob = app
        .post(
            BOB,
            "/api/v1/user/notifications",
            json!({"ids": [all.body["notifications"][0]["id"]]}),
        )
        .await;
    assert_eq!(by_bob.body["marked"], 0);
    let unread = app.get(ALICE, "/api/v1/user/notifications/unread").await;
    assert_eq!(unread.body["notifications"].as_array().unwrap().len(), 2);
    let bad = app
        .post(
            ALICE,
            "/api/v1/user/notifications",
            json!({"ids": ["nope"]}),
        )
        .await;
    bad.assert_panel_error(400);
    // the seed's call: no body, all of them
    let cleared = send(app.as_(ALICE, Method::POST, "/api/v1/user/notifications")).await;
    assert_eq!(cleared.status, 200, "{}", cleared.text);
    snapshot_settings().bind(|| insta::assert_json_snapshot!("notifications_marked", cleared.body));
    let unread = app.get(ALICE, "/api/v1/user/notifications/unread").await;
    assert_eq!(unread.body["notifications"], json!([]));
    let all = app.get(ALICE, "/api/v1/user/notifications").await;
    assert!(
        all.body["notifications"][0]["read_at"].is_i64(),
        "{}",
        all.text
    );
    app.assert_books_balance().await;
}

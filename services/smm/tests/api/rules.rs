//! Every placement rule answers 4xx with a Persian message and a stable
//! code, and charges nothing.

use crate::helpers::{send, spawn_app, ALICE};
use reqwest::Method;
use serde_json::{json, Value};

#[tokio::test]
async fn each_rule_has_its_code_and_nothing_is_charged() {
    let app = spawn_app().await;
    let c = app.category("c").await;
    let other = app.category("other").await;
    let plain = app.service(c, json!({"min": 10, "max": 100})).await;
    let off = app.service(c, json!({"status": 0})).await;
    let drip = app.service(c, json!({"dripfeed": 1})).await;
    let mentions = app
        .service(c, json!({"type": "mentions_user_followers"}))
        .await;
    let hashtags = app
        .service(c, json!({"type": "mentions_with_hashtags"}))
        .await;
    let comments = app
        .service(c, json!({"type": "custom_comments", "min": 2, "max": 3}))
        .await;
    let subs = app.service(c, json!({"type": "subscriptions"})).await;
    app.fund(ALICE, 5).await;
    let order = |s: i64, extra: Value| {
        let mut body =
            json!({"service_id": s, "category_id": c, "quantity": 10, "link": "instagram"});
        for (k, v) in extra.as_object().unwrap() {
            body[k] = v.clone();
        }
        body
    };
    let cases: Vec<(Value, u16, &str)> = vec![
        (order(99_999, json!({})), 404, "service_not_found"),
        (order(off, json!({})), 422, "service_inactive"),
        (
            order(plain, json!({"category_id": other})),
            422,
            "category_mismatch",
        ),
        (
            order(plain, json!({"quantity": 9})),
            422,
            "quantity_out_of_range",
        ),
        (
            order(plain, json!({"quantity": 101})),
            422,
            "quantity_out_of_range",
        ),
        (
            order(plain, json!({"link": "not a link"})),
            422,
            "invalid_link",
        ),
        (
            order(plain, json!({"link": "javascript:alert(1)"})),
            422,
            "invalid_link",
        ),
        (
            order(
                plain,
                json!({"is_drip_feed": "on", "runs": 2, "interval": 5}),
            ),
            422,
            "dripfeed_not_allowed",
        ),
        (
            order(
                drip,
                json!({"is_drip_feed": "on", "runs": 1, "interval": 5}),
            ),
            422,
            "runs_out_of_range",
        ),
        (order(mentions, json!({})), 422, "missing_field"),
        (
            order(hashtags, json!({"usernames": "a"})),
            422,
            "missing_field",
        ),
        (
            order(comments, json!({"comments": "one"})),
            422,
            "quantity_out_of_range",
        ),
        (order(comments, json!({})), 422, "missing_field"),
        (
            order(
                subs,
                json!({"service_type": "subscriptions", "username": "u", "sub_min": 10, "sub_max": 20}),
            ),
            422,
            "missing_field",
        ),
        (
            order(
                subs,
                json!({"service_type": "subscriptions", "username": "u", "sub_min": 30, "sub_max": 20, "sub_posts": 2}),
            ),
            422,
            "quantity_out_of_range",
        ),
        (
            order(
                subs,
                json!({"service_type": "subscriptions", "username": "u", "sub_min": 10, "sub_max": 20, "sub_posts": 2, "sub_delay": 7}),
            ),
            422,
            "invalid_delay",
        ),
        (
            order(
                subs,
                json!({"service_type": "subscriptions", "username": "u", "sub_min": 10, "sub_max": 20, "sub_posts": 2, "sub_expiry": "2027-01-01"}),
            ),
            422,
            "invalid_expiry",
        ),
        (
            order(plain, json!({"service_type": "subscriptions"})),
            422,
            "not_a_subscription",
        ),
        (
            order(plain, json!({"quantity": 100})),
            422,
            "insufficient_balance",
        ),
    ];
    for (body, status, code) in cases {
        let reply = app.order(ALICE, body.clone()).await;
        reply.assert_panel_error(status);
        assert_eq!(reply.body["code"], code, "{body}: {}", reply.text);
        let message = reply.body["message"].as_str().unwrap();
        assert!(
            message
                .chars()
                .any(|ch| ('\u{0600}'..='\u{06FF}').contains(&ch)),
            "Persian: {message}"
        );
    }
    assert_eq!(app.balance(ALICE).await, 5.0);
    let orders = send(app.as_(ALICE, Method::GET, "/api/v1/order")).await;
    assert_eq!(orders.body["orders"], json!([]));
}

#[tokio::test]
async fn malformed_requests_are_400_never_500() {
    let app = spawn_app().await;
    let c = app.category("c").await;
    let s = app.service(c, json!({})).await;
    app.fund(ALICE, 100).await;
    let bodies = [
        json!({}),
        json!({"service_id": "abc", "category_id": c}),
        json!({"service_id": [s], "category_id": c, "quantity": 10, "link": "x"}),
        json!({"service_id": s, "category_id": c, "quantity": "ten", "link": "x"}),
        json!({"service_id": s, "category_id": c, "quantity": 10, "link": "a\u{0}b"}),
        json!({"service_id": s, "category_id": c, "quantity": 10, "link": "x".repeat(5000)}),
        json!({"service_id": s, "category_id": c, "quantity": 10, "link": "x", "is_drip_feed": "on", "runs": "undefined"}),
    ];
    for body in bodies {
        let reply = app.order(ALICE, body.clone()).await;
        reply.assert_panel_error(400);
        assert!(reply.body["errors"].is_object(), "{body}: {}", reply.text);
    }
    let garbage = send(
        app.as_(ALICE, Method::POST, "/api/v1/order")
            .header("content-type", "application/json")
            .body("{\"service_id\":"),
    )
    .await;
    garbage.assert_panel_error(400);
    let key = send(
        app.as_(ALICE, Method::POST, "/api/v1/order")
            .header("idempotency-key", "x".repeat(300))
            .json(&json!({})),
    )
    .await;
    assert_eq!(key.body["code"], "invalid_idempotency_key", "{}", key.text);
    assert_eq!(app.balance(ALICE).await, 100.0);
}

#[tokio::test]
async fn every_type_places_with_what_it_needs() {
    let app = spawn_app().await;
    let c = app.category("c").await;
    app.fund(ALICE, 100_000).await;
    let cases: Vec<(&str, Value, i64, f64)> = vec![
        ("package", json!({}), 1, 500.0),
        (
            "custom_comments",
            json!({"comments": "great\nnice\n\nwow"}),
            3,
            1.5,
        ),
        (
            "custom_comments_package",
            json!({"comments_custom_package": "a\nb"}),
            1,
            500.0,
        ),
        (
            "mentions_with_hashtags",
            json!({"usernames_custom": "a", "hashtags": "#x"}),
            20,
            10.0,
        ),
        (
            "mentions_custom_list",
            json!({"usernames_custom": "a\nb"}),
            2,
            1.0,
        ),
        ("mentions_hashtag", json!({"hashtag": "#x"}), 20, 10.0),
        (
            "mentions_user_followers",
            json!({"username": "someone"}),
            20,
            10.0,
        ),
        (
            "mentions_media_likers",
            json!({"media_url": "https://instagram.com/p/x"}),
            20,
            10.0,
        ),
        ("comment_likes", json!({"username": "someone"}), 20, 10.0),
    ];
    for (kind, extra, quantity, charge) in cases {
        let s = app
            .service(c, json!({"type": kind, "min": 1, "max": 100}))
            .await;
        let mut body =
            json!({"service_id": s, "category_id": c, "quantity": 20, "link": "instagram"});
        for (k, v) in extra.as_object().unwrap() {
            body[k] = v.clone();
        }
        // mentions_with_hashtags reads its usernames from `usernames` too
        if kind == "mentions_with_hashtags" {
            body["usernames"] = json!("a");
        }
        let reply = app.order(ALICE, body).await;
        assert_eq!(reply.status, 201, "{kind}: {}", reply.text);
        assert_eq!(reply.body["order"]["quantity"], quantity, "{kind}");
        assert_eq!(reply.body["order"]["charge"], charge, "{kind}");
        assert_eq!(reply.body["order"]["service_type"], kind);
    }
    // drip-feed: 3 runs of 50 every 10 minutes, all charged up front
    let drip = app.service(c, json!({"dripfeed": 1})).await;
    let reply = app
        .order(
            ALICE,
            json!({"service_id": drip, "category_id": c, "quantity": 50, "link": "instagram",
                             "is_drip_feed": "on", "runs": 3, "interval": 10}),
        )
        .await;
    assert_eq!(reply.status, 201, "{}", reply.text);
    assert_eq!(reply.body["order"]["quantity"], 150);
    assert_eq!(reply.body["order"]["charge"], 75);
    assert_eq!(reply.body["order"]["is_drip_feed"], 1);
    // a subscription: charged for max on every post
    let subs = app.service(c, json!({"type": "subscriptions"})).await;
    let reply = app
        .order(
            ALICE,
            json!({"service_id": subs, "category_id": c, "service_type": "subscriptions",
                             "username": "someone", "sub_min": 100, "sub_max": 200, "sub_posts": 5,
                             "sub_delay": 30, "sub_expiry": "31/12/2030"}),
        )
        .await;
    assert_eq!(reply.status, 201, "{}", reply.text);
    assert_eq!(reply.body["order"]["charge"], 500);
    assert_eq!(reply.body["order"]["status"], "active");
    app.assert_books_balance().await;
}

//! The wheel and gifts: operators define them, a spin wins one (once a
//! day, a monthly cap), using one places a free `mobile_app_gift` order
//! once, whatever the concurrency; each seed message reached.

use crate::helpers::{send, spawn_with, tamper, TestApp, ALICE, BOB};
use futures_util::future::join_all;
use platform_testkit::snapshot_settings;
use reqwest::Method;
use serde_json::json;

/// The seed's gift: a story-views service (100 to 500, price 1), won 30 to 100.
async fn gift(app: &TestApp) -> (i64, i64) {
    let c = app.category("⭐ سرویس رایگان ⭐ ").await;
    let s = app
        .service(c, json!({"name": "ویو استوری اینستاگرام سرعت متوسط ", "price": 1, "min": 100, "max": 500}))
        .await;
    let g = app
        .admin_post(
            "/api/v1/admin/gifts",
            json!({"service_id": s, "min": 30, "max": 100, "status": 1}),
        )
        .await;
    assert_eq!(g.status, 201, "{}", g.text);
    (g.body["gift"]["id"].as_i64().unwrap(), s)
}

fn redact() -> insta::Settings {
    let mut s = snapshot_settings();
    for f in [
        ".user_gift.id",
        ".user_gift.uid",
        ".user_gift.gift_id",
        ".user_gift.quantity",
        ".user_gift.created",
        ".user_gift.changed",
        ".user_gift.expired_at",
        ".user_gift.service.id",
        ".user_gift.service.cate_id",
        ".user_gift.service.created",
        ".user_gift.service.changed",
        ".gifts[].id",
        ".gifts[].quantity",
        ".gifts[].created",
        ".gifts[].changed",
        ".gifts[].expired_at",
        ".gifts[].order_id",
        ".gifts[].gift.id",
        ".gifts[].gift.service_id",
        ".gifts[].gift.created",
        ".gifts[].gift.changed",
        ".gifts[].gift.service.id",
        ".gifts[].gift.service.cate_id",
        ".gifts[].gift.service.created",
        ".gifts[].gift.service.changed",
        ".order.id",
        ".order.uid",
        ".order.cate_id",
        ".order.service_id",
        ".order.quantity",
        ".order.created",
        ".order.changed",
        ".gift.id",
        ".gift.service_id",
        ".gift.created",
        ".gift.changed",
        ".gift.service.id",
        ".gift.service.cate_id",
        ".gift.service.created",
        ".gift.service.changed",
    ] {
        s.add_redaction(f, "[redacted]");
    }
    s
}

#[tokio::test]
async fn a_spin_wins_a_gift_that_places_one_free_order() {
    let app = spawn_with(|s| s.wheel.monthly_max = 2).await;
    let none = app.get(ALICE, "/api/v1/user/wof").await;
    none.assert_panel_error(404);
    let (gift_id, service) = gift(&app).await;
    let won = app.get(ALICE, "/api/v1/user/wof").await;
    assert_eq!(won.status, 200, "{}", won.text);
    let g = &won.body["user_gift"];
    assert_eq!(g["gift_id"], gift_id);
    let quantity = g["quantity"].as_i64().unwrap();
    assert!((30..=100).contains(&quantity));
    assert_eq!(
        g["expired_at"].as_i64().unwrap() - g["created"].as_i64().unwrap(),
        86_400
    );
    redact().bind(|| insta::assert_json_snapshot!("wof", won.body));
    assert_eq!(app.notifications(ALICE).await.len(), 1);

    let again = app.get(ALICE, "/api/v1/user/wof").await;
    again.assert_panel_error(429);
    assert_eq!(
        again.body["message"],
        "شما در هر 1 روز می توانید یک هدیه دریافت کنید."
    );
    tamper(
        &app.db_url,
        "UPDATE allowances SET last_at = last_at - 86400",
    );
    assert_eq!(app.get(ALICE, "/api/v1/user/wof").await.status, 200);
    tamper(
        &app.db_url,
        "UPDATE allowances SET last_at = last_at - 86400",
    );
    let capped = app.get(ALICE, "/api/v1/user/wof").await;
    capped.assert_panel_error(429);
    assert_eq!(
        capped.body["message"],
        "شما به حداکثر تعداد جایزه، در ماه رسیده اید"
    );
    // a new month starts the count again
    tamper(&app.db_url, "UPDATE allowances SET month = month - 1");
    assert_eq!(app.get(ALICE, "/api/v1/user/wof").await.status, 200);

    let list = app.get(ALICE, "/api/v1/user/gifts").await;
    assert_eq!(list.status, 200, "{}", list.text);
    let mut first = list.body.clone();
    first["gifts"].as_array_mut().unwrap().truncate(1);
    redact().bind(|| insta::assert_json_snapshot!("gifts", first));

    let used = app
        .post(
            ALICE,
            "/api/v1/user/gifts",
            json!({"gift_id": gift_id, "link": "https://google.com"}),
        )
        .await;
    assert_eq!(used.status, 201, "{}", used.text);
    assert_eq!(used.body["order"]["type"], "mobile_app_gift");
    assert_eq!(used.body["order"]["charge"], 0);
    assert_eq!(used.body["order"]["service_id"], service);
    redact().bind(|| insta::assert_json_snapshot!("gift_used", used.body));
    // the other two won gifts, then none left
    for _ in 0..2 {
        let next = app
            .post(
                ALICE,
                "/api/v1/user/gifts",
                json!({"gift_id": gift_id, "link": "instagram"}),
            )
            .await;
        assert_eq!(next.status, 201, "{}", next.text);
    }
    let spent = app
        .post(
            ALICE,
            "/api/v1/user/gifts",
            json!({"gift_id": gift_id, "link": "instagram"}),
        )
        .await;
    spent.assert_panel_error(400);
    assert_eq!(spent.body["message"], "هدیه شما استفاده یا منقضی شده است");
    let orders = send(app.as_(ALICE, Method::GET, "/api/v1/order")).await;
    assert_eq!(orders.header("x-pagination-total-count"), Some("3"));
    assert_eq!(app.balance(ALICE).await, 0.0);
    app.assert_books_balance().await;
}

#[tokio::test]
async fn each_refusal_says_the_seed_message() {
    let app = spawn_with(|_| {}).await;
    let (gift_id, _) = gift(&app).await;
    let cases = [
        (
            json!({"link": "instagram"}),
            400,
            "لطفا شناسه هدیه را به درستی وارد کنید",
        ),
        (
            json!({"gift_id": "x", "link": "instagram"}),
            400,
            "لطفا شناسه هدیه را به درستی وارد کنید",
        ),
        (
            json!({"gift_id": gift_id}),
            400,
            "لطفا لینک را به درستی وارد کنید",
        ),
        (
            json!({"gift_id": gift_id, "link": "not a link"}),
            400,
            "لطفا لینک را به درستی وارد کنید",
        ),
        (
            json!({"gift_id": gift_id, "link": "instagram"}),
            404,
            "شما چنین هدیه ای دریافت نکرده اید",
        ),
    ];
    for (body, status, message) in cases {
        let r = app.post(ALICE, "/api/v1/user/gifts", body).await;
        r.assert_panel_error(status);
        assert_eq!(r.body["message"], message);
    }
    assert_eq!(app.get(ALICE, "/api/v1/user/wof").await.status, 200);
    // someone else's gift is not yours
    let r = app
        .post(
            BOB,
            "/api/v1/user/gifts",
            json!({"gift_id": gift_id, "link": "instagram"}),
        )
        .await;
    r.assert_panel_error(404);
    // expired
    tamper(&app.db_url, "UPDATE user_gifts SET expired_at = 1");
    let r = app
        .post(
            ALICE,
            "/api/v1/user/gifts",
            json!({"gift_id": gift_id, "link": "instagram"}),
        )
        .await;
    r.assert_panel_error(400);
    assert_eq!(r.body["message"], "هدیه شما استفاده یا منقضی شده است");
    // operators: a drip-feed service cannot be a gift
    let c = app.category("d").await;
    let drip = app.service(c, json!({"dripfeed": 1})).await;
    let r = app
        .admin_post(
            "/api/v1/admin/gifts",
            json!({"service_id": drip, "min": 1, "max": 2}),
        )
        .await;
    r.assert_panel_error(422);
    let r = app
        .admin_post(
            "/api/v1/admin/gifts",
            json!({"service_id": drip, "min": 3, "max": 2}),
        )
        .await;
    r.assert_panel_error(400);
    let listed = send(app.as_operator(Method::GET, "/api/v1/admin/gifts")).await;
    redact().bind(|| {
        let one = json!({"gift": listed.body["gifts"][0]});
        insta::assert_json_snapshot!("admin_gift", one)
    });
}

#[tokio::test]
async fn one_gift_used_at_once_places_one_order() {
    let app = spawn_with(|_| {}).await;
    let (gift_id, _) = gift(&app).await;
    assert_eq!(app.get(ALICE, "/api/v1/user/wof").await.status, 200);
    let body = json!({"gift_id": gift_id, "link": "instagram"});
    let replies =
        join_all((0..20).map(|_| app.post(ALICE, "/api/v1/user/gifts", body.clone()))).await;
    let placed = replies.iter().filter(|r| r.status == 201).count();
    assert_eq!(placed, 1, "{replies:?}");
    assert!(replies
        .iter()
        .all(|r| r.status == 201 || r.body["code"] == "gift_used_or_expired"));
    let orders = send(app.as_(ALICE, Method::GET, "/api/v1/order")).await;
    assert_eq!(orders.header("x-pagination-total-count"), Some("1"));
    app.assert_books_balance().await;
}

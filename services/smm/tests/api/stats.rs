//! Stats from the maintained aggregates: who spent most (charges less
//! refunds), what sold most; names and masked mobiles from identity.

use crate::helpers::{spawn_app, ALICE, BOB};
use platform_testkit::snapshot_settings;
use serde_json::json;

#[tokio::test]
async fn top_users_and_services_follow_orders_and_refunds() {
    let app = spawn_app().await;
    let c = app.category("c").await;
    let cheap = app
        .service(c, json!({"price": 1000, "name": "ارزان"}))
        .await;
    let dear = app.service(c, json!({"price": 5000, "name": "گران"})).await;
    app.fund(ALICE, 2000).await;
    app.fund(BOB, 2000).await;
    let order = |user, s, q| {
        app.order(
            user,
            json!({"service_id": s, "category_id": c, "quantity": q, "link": "instagram"}),
        )
    };
    for _ in 0..3 {
        assert_eq!(order(ALICE, cheap, 100).await.status, 201);
    }
    let big = order(BOB, dear, 100).await;
    assert_eq!(big.status, 201);
    // ALICE 300 Toman in 3 orders, BOB 500 in 1; then BOB's partly refunded
    let users = app.get(ALICE, "/api/v1/stats/top_users").await;
    assert_eq!(users.status, 200, "{}", users.text);
    assert_eq!(users.body["users"][0]["id"], 102);
    let id = big.body["order"]["id"].as_i64().unwrap();
    app.admin_post(
        &format!("/api/v1/admin/orders/{id}/status"),
        json!({"status": "partial", "remains": 50}),
    )
    .await;
    let users = app.get(ALICE, "/api/v1/stats/top_users").await;
    snapshot_settings().bind(|| insta::assert_json_snapshot!("top_users", users.body));
    let services = app.get(ALICE, "/api/v1/stats/top_services").await;
    snapshot_settings().bind(|| {
        insta::assert_json_snapshot!("top_services", services.body, {
            ".services[].service_id" => "[id]", ".services[].service.id" => "[id]",
            ".services[].service.cate_id" => "[id]", ".services[].service.created" => "[time]",
            ".services[].service.changed" => "[time]",
        })
    });
    // the seed's parameters: limit above 10 reads as 10; a period after
    // today's orders is empty
    let one = app.get(ALICE, "/api/v1/stats/top_users?limit=1").await;
    assert_eq!(one.body["users"].as_array().unwrap().len(), 1);
    let twelve = app
        .get(ALICE, "/api/v1/stats/top_users?limit=12&offset=6")
        .await;
    assert_eq!(twelve.body["users"].as_array().unwrap().len(), 2);
    let later = format!("/api/v1/stats/top_users?offset={}", 4_102_444_800_i64);
    assert_eq!(app.get(ALICE, &later).await.body["users"], json!([]));
    let bad = app.get(ALICE, "/api/v1/stats/top_users?offset=soon").await;
    bad.assert_panel_error(400);
}

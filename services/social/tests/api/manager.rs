//! The store's side: only its manager reads its messages and statistics;
//! operators only create the catalog.

use crate::helpers::spawn_app;
use serde_json::json;

#[tokio::test]
async fn statistics_are_the_counters_and_only_for_the_manager() {
    let app = spawn_app().await;
    let c = app.catalog(900).await;
    let store = c.store.to_string();
    let on = [("target", "store"), ("id", store.as_str())];
    app.post(5, "/web/user/add-like", &on).await;
    app.post(6, "/web/user/add-favorite", &on).await;
    app.post(6, "/web/user/add-view", &on).await;
    app.post(
        5,
        "/web/user/add-comment",
        &[("target", "store"), ("id", &store), ("text", "خوب")],
    )
    .await;
    app.post(
        5,
        "/web/user/submit-store-message",
        &[("store", &store), ("title", "t"), ("text", "x")],
    )
    .await;
    let r = app.get(900, "/web/store-manager/statistics").await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(
        r.body["data"],
        json!({"views": 1, "likes": 1, "dislikes": 0, "favorites": 1, "notifications": 0, "comments": 1})
    );
    let page = app
        .get(900, "/web/store-manager/store-messages?perPage=10")
        .await;
    assert_eq!(page.body["totalCount"], "1", "{}", page.text);
    assert_eq!(page.body["totalPages"], 1);
    assert_eq!(page.body["data"][0]["senderName"], "User 5");
    app.get(5, "/web/store-manager/statistics")
        .await
        .assert_bazaar_error(403);
    app.get(
        900,
        &format!("/web/store-manager/statistics?store={}", c.store + 100),
    )
    .await
    .assert_bazaar_error(403);
    // a user is no operator
    let r = crate::helpers::send(
        app.as_(5, reqwest::Method::POST, "/web/admin/bazzars")
            .json(&json!({"name": "x"})),
    )
    .await;
    r.assert_bazaar_error(403);
    let r = app
        .admin("/web/admin/malls", json!({"name": "x", "bazzar": 999}))
        .await;
    r.assert_bazaar_error(404);
}

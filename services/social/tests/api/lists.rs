//! Every list pages with `page` and `perPage` / `per-page`, with `_links`
//! (`self`, `next`, `last`) and `_meta` that agree.

use crate::helpers::spawn_app;
use serde_json::json;

#[tokio::test]
async fn lists_page_with_links_and_meta() {
    let app = spawn_app().await;
    let mut stores = Vec::new();
    let c = app.catalog(900).await;
    stores.push(c.store);
    for i in 0..4 {
        let r = app
            .admin(
                "/web/admin/stores",
                json!({"name": format!("store {i}"), "mall": c.mall, "manager": 900}),
            )
            .await;
        stores.push(r.body["data"]["id"].as_i64().unwrap());
    }
    for id in &stores {
        let id = id.to_string();
        app.post(
            3,
            "/web/user/add-favorite",
            &[("target", "store"), ("id", &id)],
        )
        .await;
    }
    let page = app
        .get(3, "/web/store-user-favorites?perPage=2&page=2")
        .await;
    assert_eq!(page.status, 200, "{}", page.text);
    assert_eq!(
        page.body["_meta"],
        json!({"totalCount": 5, "pageCount": 3, "currentPage": 2, "perPage": 2})
    );
    assert_eq!(page.body["items"].as_array().unwrap().len(), 2);
    assert_eq!(page.body["items"][0]["store"], stores[2], "newest first");
    let links = &page.body["_links"];
    assert_eq!(
        links["self"]["href"],
        "/web/store-user-favorites?perPage=2&page=2"
    );
    assert_eq!(
        links["next"]["href"],
        "/web/store-user-favorites?perPage=2&page=3"
    );
    assert_eq!(
        links["last"]["href"],
        "/web/store-user-favorites?perPage=2&page=3"
    );
    assert_eq!(page.header("x-pagination-total-count"), Some("5"));
    let last = app
        .get(3, "/web/store-user-favorites?per-page=2&page=3")
        .await;
    assert_eq!(last.body["items"].as_array().unwrap().len(), 1);
    assert!(last.body["_links"].get("next").is_none());
    let bazzar = c.bazzar.to_string();
    app.post(
        3,
        "/web/user/add-like",
        &[("target", "bazzar"), ("id", &bazzar)],
    )
    .await;
    let likes = app.get(3, "/web/bazzar-user-likes").await;
    assert_eq!(
        likes.body["items"][0]["target"]["name"], "بازار تهران",
        "{}",
        likes.text
    );
    // the other kinds' lists answer with the same shape, empty
    for path in [
        "/web/mall-user-likes",
        "/web/mall-user-dislikes",
        "/web/product-user-notifications",
        "/web/bazzar-user-views",
        "/web/mall-user-comments",
        "/web/offers",
        "/web/store-messages",
        "/web/broadcasts",
    ] {
        let r = app.get(3, path).await;
        assert_eq!(r.status, 200, "{path}: {}", r.text);
        assert_eq!(r.body["_meta"]["totalCount"], 0, "{path}");
        assert_eq!(r.body["_meta"]["pageCount"], 1, "{path}");
    }
}

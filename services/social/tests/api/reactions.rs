//! Adding and deleting reactions: plain answers when nothing changes, a
//! like removes the dislike, counters move, the "is true" check.

use crate::helpers::spawn_app;

#[tokio::test]
async fn a_like_removes_the_dislike_and_repeats_change_nothing() {
    let app = spawn_app().await;
    let c = app.catalog(900).await;
    let id = c.store.to_string();
    let on = [("target", "store"), ("id", id.as_str())];
    let r = app.post(7, "/web/user/add-dislike", &on).await;
    assert_eq!(
        (r.status, r.body["message"].as_str()),
        (200, Some("Disliked")),
        "{}",
        r.text
    );
    let r = app.post(7, "/web/user/add-like", &on).await;
    assert_eq!(r.body["message"], "Liked");
    let r = app.post(7, "/web/user/add-like", &on).await;
    assert_eq!(
        (r.status, r.body["message"].as_str()),
        (200, Some("Already liked"))
    );
    let r = app.post(7, "/web/user/delete-dislike", &on).await;
    assert_eq!(
        (r.status, r.body["message"].as_str()),
        (200, Some("Not dislike"))
    );
    for _ in 0..3 {
        app.post(7, "/web/user/add-view", &on).await;
    }
    let list = app.get(7, "/web/store-user-likes").await;
    assert_eq!(list.status, 200, "{}", list.text);
    let target = &list.body["items"][0]["target"];
    assert_eq!(list.body["items"][0]["store"], c.store);
    assert_eq!(
        (target["liked"].as_i64(), target["disliked"].as_i64()),
        (Some(1), Some(0))
    );
    assert_eq!(target["viewed"], 3);
    assert_eq!(target["name"], "حجره");
    assert_eq!(target["score"], 0);
    // views: counted each time, listed once
    let views = app.get(7, "/web/store-user-views").await;
    assert_eq!(views.body["_meta"]["totalCount"], 1, "{}", views.text);
    let r = app
        .post(
            7,
            "/web/user/is-true",
            &[("type", "like"), ("target", "store"), ("id", &id)],
        )
        .await;
    assert_eq!(
        (r.body["message"].as_str(), r.body["data"].as_bool()),
        (Some("Liked"), Some(true))
    );
    let r = app
        .post(
            7,
            "/web/user/is-true",
            &[("type", "notification"), ("target", "store"), ("id", &id)],
        )
        .await;
    assert_eq!(r.body["message"], "Not notifcation");
    let r = app.post(7, "/web/user/delete-like", &on).await;
    assert_eq!(r.body["message"], "Like deleted");
    let r = app.post(7, "/web/user/delete-like", &on).await;
    assert_eq!(r.body["message"], "Not Liked");
    assert_eq!(app.counter_mismatches(), vec![]);
}

#[tokio::test]
async fn comments_are_counted_and_read_by_everyone_with_id() {
    let app = spawn_app().await;
    let c = app.catalog(900).await;
    let id = c.product.to_string();
    for (user, text) in [(5, "عالی"), (6, "خوب")] {
        let r = app
            .post(
                user,
                "/web/user/add-comment",
                &[
                    ("target", "product"),
                    ("id", &id),
                    ("text", text),
                    ("pros", "نرم"),
                ],
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
    }
    let mine = app.get(5, "/web/product-user-comments").await;
    assert_eq!(mine.body["_meta"]["totalCount"], 1, "{}", mine.text);
    let item = &mine.body["items"][0];
    assert_eq!(
        (item["product"].as_i64(), item["user"].as_i64()),
        (Some(c.product), Some(5))
    );
    assert_eq!(item["userTitle"], "User 5");
    assert_eq!(item["avatar"], "img/5.png");
    assert_eq!(item["pros"], "نرم");
    assert!(item["cons"].is_null());
    let all = app
        .get(5, &format!("/web/product-user-comments?id={id}"))
        .await;
    assert_eq!(all.body["_meta"]["totalCount"], 2, "{}", all.text);
    assert_eq!(all.body["items"][0]["text"], "خوب", "newest first");
    let r = app
        .post(
            5,
            "/web/user/is-true",
            &[("type", "comment"), ("target", "product"), ("id", &id)],
        )
        .await;
    assert_eq!(r.body["message"], "Commented");
    // a comment on a user identity knows
    let r = app
        .post(
            5,
            "/web/user/add-comment",
            &[("target", "user"), ("id", "6"), ("text", "سلام")],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let r = app.get(5, "/web/user-user-comments").await;
    assert_eq!(r.body["items"][0]["user"], 5, "{}", r.text);
    assert_eq!(r.body["items"][0]["targetUser"], 6, "{}", r.text);
    let r = app
        .post(
            5,
            "/web/user/add-comment",
            &[("target", "user"), ("id", "5000"), ("text", "x")],
        )
        .await;
    r.assert_bazaar_error(404);
    assert_eq!(app.counter_mismatches(), vec![]);
}

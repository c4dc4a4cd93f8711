//! A user never sees another user's offers or store messages, nor
//! broadcasts addressed to someone else; a store's broadcast reaches its
//! subscribers only.

use crate::helpers::spawn_app;
use serde_json::json;

const MANAGER: i64 = 900;
const ALICE: i64 = 11;
const BOB: i64 = 12;

#[tokio::test]
async fn offers_messages_and_broadcasts_stay_with_their_user() {
    let app = spawn_app().await;
    let c = app.catalog(MANAGER).await;
    let store = c.store.to_string();
    let r = app
        .post(
            MANAGER,
            "/web/store-manager/send-offer",
            &[("user", "11"), ("text", "۱۰٪ تخفیف")],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let offer = r.body["data"]["id"].as_i64().unwrap().to_string();
    let mine = app.get(ALICE, "/web/offers").await;
    assert_eq!(mine.body["_meta"]["totalCount"], 1, "{}", mine.text);
    assert_eq!(mine.body["items"][0]["targetName"], "حجره");
    assert_eq!(mine.body["items"][0]["read"], 0);
    assert_eq!(
        app.get(BOB, "/web/offers").await.body["_meta"]["totalCount"],
        0
    );
    app.post(BOB, "/web/user/read-offer", &[("id", &offer)])
        .await
        .assert_bazaar_error(404);
    let r = app
        .post(ALICE, "/web/user/read-offer", &[("id", &offer)])
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(
        app.get(ALICE, "/web/offers").await.body["items"][0]["read"],
        1
    );

    let r = app
        .post(
            ALICE,
            "/web/user/submit-store-message",
            &[("store", &store), ("title", "سوال"), ("text", "موجود است؟")],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let message = r.body["data"]["id"].as_i64().unwrap().to_string();
    assert_eq!(
        app.get(BOB, "/web/store-messages").await.body["_meta"]["totalCount"],
        0
    );
    // only the store's manager answers it
    app.post(
        BOB,
        "/web/store-manager/answer-store-message",
        &[("message", &message), ("answer", "x")],
    )
    .await
    .assert_bazaar_error(404);
    let r = app
        .post(
            MANAGER,
            "/web/store-manager/answer-store-message",
            &[("message", &message), ("answer", "بله")],
        )
        .await;
    assert_eq!(r.body["message"], "message replied", "{}", r.text);
    let mine = app.get(ALICE, "/web/store-messages").await;
    let item = &mine.body["items"][0];
    assert_eq!(
        (item["answer"].as_str(), item["read"].as_i64()),
        (Some("بله"), Some(1))
    );
    assert_eq!(
        (item["status"].as_str(), item["senderName"].as_str()),
        (Some("active"), Some("User 11"))
    );

    // a broadcast to Bob only, and the store's to its subscribers (Alice)
    app.admin(
        "/web/admin/broadcasts",
        json!({"title": "bob", "text": "x", "user": BOB}),
    )
    .await;
    app.post(
        ALICE,
        "/web/user/add-notification",
        &[("target", "store"), ("id", &store)],
    )
    .await;
    let r = app
        .post(
            MANAGER,
            "/web/store-manager/send-broadcast",
            &[("title", "حراج"), ("text", "فردا")],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let alice = app.get(ALICE, "/web/broadcasts").await;
    let titles: Vec<_> = alice.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["title"].clone())
        .collect();
    assert_eq!(titles, vec![json!("حراج")], "{}", alice.text);
    let bob = app.get(BOB, "/web/broadcasts").await;
    let titles: Vec<_> = bob.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["title"].clone())
        .collect();
    assert_eq!(titles, vec![json!("bob")], "{}", bob.text);
}

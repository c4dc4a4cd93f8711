//! A chat's life over REST: start (one open chat per store), accept,
//! send with gapless sequence numbers and idempotent client ids, read
//! marks, the store's list, finish.

use crate::helpers::{spawn, BUYER, SELLER, STORE, STRANGER};

#[tokio::test]
async fn a_chat_opens_once_is_accepted_by_the_store_and_finishes() {
    let app = spawn().await;
    let first = app.post("/web/chats/start", BUYER, &[("store", "1")]).await;
    assert_eq!(first.body["message"], "chat started");
    assert_eq!(first.body["data"]["status"], "pending");
    assert_eq!(first.body["data"]["storeId"], STORE);
    assert_eq!(first.body["data"]["store"], "تست");
    assert_eq!(first.body["data"]["seller"], "Jasem Eshghi");
    let id = first.body["data"]["id"].as_i64().unwrap();
    let again = app.post("/web/chats/start", BUYER, &[("store", "1")]).await;
    assert_eq!(again.body["message"], "chat is open");
    assert_eq!(
        again.body["data"]["id"], id,
        "the open chat, not a second one"
    );

    let by_buyer = app
        .post("/web/chats/accept", BUYER, &[("id", &id.to_string())])
        .await;
    by_buyer.assert_bazaar_error(403);
    let by_stranger = app
        .post("/web/chats/accept", STRANGER, &[("id", &id.to_string())])
        .await;
    assert_eq!(by_stranger.body["message"], "there is no chat for u");
    let accepted = app
        .post("/web/chats/accept", SELLER, &[("id", &id.to_string())])
        .await;
    assert_eq!(accepted.body["data"]["status"], "chatting");

    let listed = app.get("/web/store-manager/chats", SELLER).await;
    assert_eq!(listed.body["items"][0]["id"], id);
    assert_eq!(listed.body["items"][0]["customer"], "Mostafa Azizi");
    assert_eq!(
        app.get("/web/store-manager/chats", BUYER).await.body["items"],
        serde_json::json!([])
    );

    let finished = app
        .post("/web/chats/finish", BUYER, &[("id", &id.to_string())])
        .await;
    assert_eq!(finished.body["data"]["status"], "finished");
    let late = app
        .post(
            "/web/main-chats",
            SELLER,
            &[("id", &id.to_string()), ("text", "hello?")],
        )
        .await;
    late.assert_bazaar_error(422);
    let unknown = app
        .post("/web/chats/start", BUYER, &[("store", "77")])
        .await;
    unknown.assert_bazaar_error(404);
    let own = app
        .post("/web/chats/start", SELLER, &[("store", "1")])
        .await;
    own.assert_bazaar_error(422);
    let blank = app.post("/web/chats/start", BUYER, &[]).await;
    blank.assert_bazaar_error(422);
}

#[tokio::test]
async fn concurrent_sends_take_gapless_numbers_and_a_client_id_stores_once() {
    let app = spawn().await;
    let id = app.chatting().await.to_string();
    let sends = (0..20).map(|i| {
        let (app, id) = (&app, id.clone());
        async move {
            let who = if i % 2 == 0 { BUYER } else { SELLER };
            app.post(
                "/web/main-chats",
                who,
                &[("id", &id), ("text", &format!("m{i}"))],
            )
            .await
        }
    });
    let replies = futures_util::future::join_all(sends).await;
    let mut seqs: Vec<i64> = replies
        .iter()
        .map(|r| {
            assert_eq!(r.status, 200, "{}", r.text);
            r.body["data"]["seq"].as_i64().unwrap()
        })
        .collect();
    seqs.sort_unstable();
    assert_eq!(
        seqs,
        (1..=20).collect::<Vec<_>>(),
        "1..20, no gaps, no repeats"
    );

    let twice = (0..5).map(|_| {
        let (app, id) = (&app, id.clone());
        async move {
            app.post(
                "/web/main-chats",
                BUYER,
                &[("id", &id), ("text", "once"), ("client_id", "c0ffee-1")],
            )
            .await
        }
    });
    let replies = futures_util::future::join_all(twice).await;
    let ids: std::collections::HashSet<i64> = replies
        .iter()
        .map(|r| r.body["data"]["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids.len(), 1, "one message for one client_id");
    assert_eq!(replies[0].body["data"]["client_id"], "c0ffee-1");
    let history = app
        .get(&format!("/web/main-chats?id={id}&perPage=100"), SELLER)
        .await;
    assert_eq!(history.body["_meta"]["totalCount"], 21);

    // read marks: the seller's unread count falls to what is after its mark
    let chats = app.get("/web/store-manager/chats", SELLER).await;
    assert!(chats.body["items"][0]["unread"].as_i64().unwrap() > 0);
    let read = app
        .post(
            "/web/main-chats/read",
            SELLER,
            &[("id", &id), ("seq", "21")],
        )
        .await;
    assert_eq!(
        read.body,
        serde_json::json!({"status": "success", "message": "done", "data": ""})
    );
    let chats = app.get("/web/store-manager/chats", SELLER).await;
    assert_eq!(chats.body["items"][0]["unread"], 0);
    let bad = app
        .post(
            "/web/main-chats",
            BUYER,
            &[("id", &id), ("text", "nul\0here")],
        )
        .await;
    bad.assert_bazaar_error(422);
}

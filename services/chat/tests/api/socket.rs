//! The socket, straight to the service: refused handshakes, pushes to
//! the other side, resume after missed messages, client ids, errors, and
//! a revoked token closing the socket.

use crate::helpers::{spawn, spawn_with, Socket, BUYER, SELLER, STRANGER};
use serde_json::json;
use std::time::Duration;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

#[tokio::test]
async fn a_handshake_without_a_valid_token_is_refused_before_the_upgrade() {
    let app = spawn().await;
    let url = format!("{}/ws", app.chat.base.replace("http://", "ws://"));
    for token in [None, Some("not.a.token")] {
        let mut request = url.clone().into_client_request().unwrap();
        if let Some(token) = token {
            request
                .headers_mut()
                .insert("authorization", format!("Bearer {token}").parse().unwrap());
        }
        match tokio_tungstenite::connect_async(request).await {
            Err(tokio_tungstenite::tungstenite::Error::Http(res)) => {
                assert_eq!(res.status(), 401);
                let body: serde_json::Value =
                    serde_json::from_slice(res.body().as_deref().unwrap()).unwrap();
                assert_eq!(body["message"], "not login");
            }
            other => panic!("not refused: {:?}", other.map(|_| ())),
        }
    }
}

#[tokio::test]
async fn the_sellers_message_reaches_the_buyers_socket_once_with_its_seq() {
    let app = spawn().await;
    let chat = app.chatting().await;
    let mut buyer = app.socket(BUYER).await;
    let mut seller = app.socket(SELLER).await;
    let subscribed = buyer
        .ask(json!({"id": 1, "type": "subscribe", "chat": chat, "since": 0}))
        .await;
    assert_eq!(
        subscribed,
        json!({"id": 1, "type": "subscribed", "chat": chat, "seq": 0, "recovered": true, "messages": []})
    );
    // the seller's presence comes with the subscription
    assert_eq!(buyer.next_of("presence").await["user"], 4);
    let sent = seller
        .ask(json!({"id": "s1", "type": "send", "chat": chat, "text": "سلام", "client_id": "u-1"}))
        .await;
    assert_eq!(sent["type"], "sent");
    assert_eq!(sent["message"]["seq"], 1);
    let again = seller
        .ask(json!({"id": "s2", "type": "send", "chat": chat, "text": "سلام", "client_id": "u-1"}))
        .await;
    assert_eq!(
        again["message"]["id"], sent["message"]["id"],
        "the stored one, not a second"
    );
    let pushed = buyer.next_of("message").await;
    assert_eq!(pushed["chat"], chat);
    assert_eq!(pushed["message"]["text"], "سلام");
    assert_eq!(pushed["message"]["seq"], 1);
    assert_eq!(pushed["message"]["client_id"], "u-1");
    assert_eq!(pushed["message"]["senderId"], 4);

    let typing = seller
        .ask(json!({"id": 3, "type": "typing", "chat": chat}))
        .await;
    assert_eq!(typing, json!({"id": 3, "type": "ok"}));
    assert_eq!(
        buyer.next_of("typing").await,
        json!({"type": "typing", "chat": chat, "user": 4})
    );
    buyer
        .ask(json!({"id": 4, "type": "read", "chat": chat, "seq": 1}))
        .await;
    let mut seller_sub = app.socket(SELLER).await;
    seller_sub
        .ask(json!({"id": 1, "type": "subscribe", "chat": chat, "since": 1}))
        .await;
    let accepted = app
        .post("/web/chats/finish", BUYER, &[("id", &chat.to_string())])
        .await;
    assert_eq!(accepted.status, 200);
    assert_eq!(
        seller_sub.next_of("chat").await,
        json!({"type": "chat", "chat": chat, "status": "finished"})
    );

    let mut stranger = app.socket(STRANGER).await;
    let refused = stranger
        .ask(json!({"id": 9, "type": "subscribe", "chat": chat}))
        .await;
    assert_eq!(
        refused,
        json!({"id": 9, "type": "error", "code": 403, "message": "there is no chat for u"})
    );
    let unknown = stranger.ask(json!({"id": 10, "type": "shout"})).await;
    assert_eq!(unknown["code"], 400);
}

#[tokio::test]
async fn a_client_back_after_missing_50_gets_exactly_those_in_order() {
    let app = spawn_with(|s| s.replay_limit = 60).await;
    let chat = app.chatting().await;
    let id = chat.to_string();
    for i in 0..3 {
        app.post(
            "/web/main-chats",
            SELLER,
            &[("id", &id), ("text", &format!("before {i}"))],
        )
        .await;
    }
    let mut buyer = app.socket(BUYER).await;
    let first = buyer
        .ask(json!({"id": 1, "type": "subscribe", "chat": chat, "since": 0}))
        .await;
    assert_eq!(first["messages"].as_array().unwrap().len(), 3);
    let last = first["seq"].as_i64().unwrap();
    drop(buyer);
    for i in 0..50 {
        app.post(
            "/web/main-chats",
            SELLER,
            &[("id", &id), ("text", &format!("missed {i}"))],
        )
        .await;
    }
    let mut back = app.socket(BUYER).await;
    let resumed = back
        .ask(json!({"id": 2, "type": "subscribe", "chat": chat, "since": last}))
        .await;
    assert_eq!(resumed["recovered"], true);
    let texts: Vec<String> = resumed["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["text"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        texts,
        (0..50).map(|i| format!("missed {i}")).collect::<Vec<_>>()
    );
    assert_eq!(resumed["seq"], last + 50);
}

#[tokio::test]
async fn past_the_replay_window_the_client_is_told_to_reload() {
    let app = spawn_with(|s| s.replay_limit = 10).await;
    let chat = app.chatting().await;
    let id = chat.to_string();
    for i in 0..12 {
        app.post(
            "/web/main-chats",
            SELLER,
            &[("id", &id), ("text", &format!("m{i}"))],
        )
        .await;
    }
    let mut buyer = app.socket(BUYER).await;
    let reply = buyer
        .ask(json!({"id": 1, "type": "subscribe", "chat": chat, "since": 1}))
        .await;
    assert_eq!(reply["recovered"], false);
    assert_eq!(reply["messages"], json!([]));
    assert_eq!(reply["seq"], 12);
    // and live messages continue from there
    app.post("/web/main-chats", SELLER, &[("id", &id), ("text", "live")])
        .await;
    assert_eq!(buyer.next_of("message").await["message"]["seq"], 13);
}

#[tokio::test]
async fn a_revoked_token_closes_the_socket_with_4003() {
    let app = spawn_with(|s| s.ping_secs = 1).await;
    let claims = platform_auth::Claims::new(BUYER, "user", 3600);
    let token = app.identity.sign(&claims);
    let mut socket = Socket::open(&app.chat.base.replace("http://", "ws://"), &token).await;
    app.identity.revoke(&[&claims.jti]).await;
    let closed = tokio::time::timeout(Duration::from_secs(5), socket.closed())
        .await
        .unwrap();
    assert_eq!(closed, Some(4003));
}

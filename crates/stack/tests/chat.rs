//! The chat through the real gateway: the socket's handshake refused
//! without a valid token, a seller's message on the buyer's socket, a
//! client id sent twice stored once, logout closing the socket, and with
//! Redis two chat replicas as one (fan-out and resume across them).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a test fails by panicking"
)]

use futures_util::{SinkExt, StreamExt};
use platform_testkit::{send, service, Running, StandInIdentity, TestDb, ANY_PORT};
use serde_json::{json, Value};
use std::time::Duration;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const BUYER: &str = "1";
const SELLER: &str = "4";

/// social's store 1 managed by user 4; identity knows no names.
async fn peers() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/internal/stores"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"stores": [{"id": 1, "name": "تست", "avatar": null, "manager": 4}]}),
        ))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/internal/users"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"status": 200, "users": []})))
        .mount(&server)
        .await;
    server
}

async fn chat(
    db: &TestDb,
    identity: &StandInIdentity,
    peers: &MockServer,
    redis_prefix: &str,
) -> Running {
    let prefix = redis_prefix.to_string();
    let settings: chat::Settings = service::settings(db, identity, |s: &mut chat::Settings| {
        s.social_url = peers.uri();
        s.identity_url = peers.uri();
        s.buildings_url = None;
        s.redis_prefix = prefix;
    });
    Running::start(move || chat::Application::build(settings)).await
}

async fn gateway(identity: &StandInIdentity, chat: &Running) -> Running {
    let mut settings = gateway::Settings {
        listen: ANY_PORT.into(),
        workers: 1,
        jwks_url: identity.jwks_url(),
        revocations_url: Some(identity.revocations_url()),
        internal_secret: Some(platform_settings::Secret::new(
            platform_testkit::INTERNAL_SECRET,
        )),
        ..gateway::Settings::default()
    };
    settings.upstreams.insert("chat".into(), chat.base.clone());
    Running::start(move || gateway::Application::build(settings)).await
}

type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

async fn socket(gw: &Running, query: &str) -> Socket {
    let url = format!("{}/ws?{query}", gw.base.replace("http://", "ws://"));
    let (ws, _) = tokio_tungstenite::connect_async(url.into_client_request().unwrap())
        .await
        .unwrap();
    ws
}

async fn next(ws: &mut Socket, kind: &str) -> Value {
    loop {
        let frame = tokio::time::timeout(Duration::from_secs(5), ws.next())
            .await
            .expect("a frame within 5 s")
            .expect("open")
            .unwrap();
        if let Message::Text(text) = frame {
            let value: Value = serde_json::from_str(&text).unwrap();
            if value["type"] == kind {
                return value;
            }
        }
    }
}

async fn ask(ws: &mut Socket, frame: Value, kind: &str) -> Value {
    ws.send(Message::text(frame.to_string())).await.unwrap();
    next(ws, kind).await
}

async fn close_code(ws: &mut Socket) -> Option<u16> {
    loop {
        match tokio::time::timeout(Duration::from_secs(3), ws.next())
            .await
            .expect("closed in time")
        {
            Some(Ok(Message::Close(reason))) => return reason.map(|r| u16::from(r.code)),
            Some(Ok(_)) => continue,
            _ => return None,
        }
    }
}

/// A chat of the buyer with store 1, accepted, through `gw`.
async fn chatting(http: &reqwest::Client, gw: &Running, identity: &StandInIdentity) -> i64 {
    let started = send(
        http.post(gw.url("/web/chats/start?store=1"))
            .bearer_auth(identity.token(BUYER)),
    )
    .await;
    assert_eq!(started.status, 200, "{}", started.text);
    let id = started.body["data"]["id"].as_i64().unwrap();
    let accepted = send(
        http.post(gw.url(&format!("/web/chats/accept?id={id}")))
            .bearer_auth(identity.token(SELLER)),
    )
    .await;
    assert_eq!(accepted.status, 200, "{}", accepted.text);
    id
}

async fn say(
    http: &reqwest::Client,
    gw: &Running,
    identity: &StandInIdentity,
    chat: i64,
    text: &str,
) -> Value {
    let sent = send(
        http.post(gw.url("/web/main-chats"))
            .bearer_auth(identity.token(SELLER))
            .form(&[("id", chat.to_string().as_str()), ("text", text)]),
    )
    .await;
    assert_eq!(sent.status, 200, "{}", sent.text);
    sent.body["data"].clone()
}

#[tokio::test]
async fn sockets_through_the_gateway_refuse_strangers_deliver_and_close_on_logout() {
    let identity = StandInIdentity::start().await;
    let peers = peers().await;
    let db = TestDb::new();
    let chat = chat(&db, &identity, &peers, &platform_testkit::redis_prefix()).await;
    let gw = gateway(&identity, &chat).await;
    let http = reqwest::Client::new();

    // no token, a bad one: the dialect's 401, no upgrade
    for query in ["", "token=not.a.token", "access_token=nope"] {
        let url = format!("{}/ws?{query}", gw.base.replace("http://", "ws://"));
        match tokio_tungstenite::connect_async(url.into_client_request().unwrap()).await {
            Err(tokio_tungstenite::tungstenite::Error::Http(res)) => {
                assert_eq!(res.status(), 401, "{query}");
                let body: Value = serde_json::from_slice(res.body().as_deref().unwrap()).unwrap();
                assert_eq!(
                    body,
                    json!({"status": "error", "message": "not login", "data": ""})
                );
            }
            other => panic!("{query}: not refused: {:?}", other.map(|_| ())),
        }
    }

    let id = chatting(&http, &gw, &identity).await;
    // the buyer's app: username + token in the query
    let buyer_claims = platform_auth::Claims::new(BUYER, "user", 3600).with_username("09121111111");
    let buyer_token = identity.sign(&buyer_claims);
    let mut buyer = socket(&gw, &format!("username=09121111111&token={buyer_token}")).await;
    let subscribed = ask(
        &mut buyer,
        json!({"id": 1, "type": "subscribe", "chat": id, "since": 0}),
        "subscribed",
    )
    .await;
    assert_eq!(subscribed["recovered"], true);
    let mut seller = socket(&gw, &format!("access_token={}", identity.token(SELLER))).await;
    let frame = json!({"id": 2, "type": "send", "chat": id, "text": "سلام", "client_id": "same-1"});
    let first = ask(&mut seller, frame.clone(), "sent").await;
    let again = ask(&mut seller, frame, "sent").await;
    assert_eq!(
        first["message"]["id"], again["message"]["id"],
        "a client id stores one message"
    );
    let pushed = next(&mut buyer, "message").await;
    assert_eq!(pushed["message"]["text"], "سلام");
    assert_eq!(pushed["message"]["seq"], 1);
    let history = send(
        http.get(gw.url(&format!("/web/main-chats?id={id}")))
            .bearer_auth(identity.token(BUYER)),
    )
    .await;
    assert_eq!(history.body["_meta"]["totalCount"], 1);
    // a REST send reaches the socket too
    say(&http, &gw, &identity, id, "over REST").await;
    assert_eq!(next(&mut buyer, "message").await["message"]["seq"], 2);

    // logout: the gateway closes the socket with 4003
    identity.revoke(&[&buyer_claims.jti]).await;
    assert_eq!(close_code(&mut buyer).await, Some(4003));
}

#[tokio::test]
#[ignore = "needs Redis: set TEST_REDIS_URL and pass --include-ignored"]
async fn two_chat_replicas_on_one_redis_are_one_chat() {
    platform_testkit::require_redis();
    let identity = StandInIdentity::start().await;
    let peers = peers().await;
    let db = TestDb::new();
    let prefix = platform_testkit::redis_prefix();
    let chat_a = chat(&db, &identity, &peers, &prefix).await;
    let chat_b = chat(&db, &identity, &peers, &prefix).await;
    let gw_a = gateway(&identity, &chat_a).await;
    let gw_b = gateway(&identity, &chat_b).await;
    let http = reqwest::Client::new();
    let id = chatting(&http, &gw_a, &identity).await;

    // sent to A, on a socket held by B
    let mut on_b = socket(&gw_b, &format!("token={}", identity.token(BUYER))).await;
    ask(
        &mut on_b,
        json!({"id": 1, "type": "subscribe", "chat": id, "since": 0}),
        "subscribed",
    )
    .await;
    say(&http, &gw_a, &identity, id, "from A").await;
    let pushed = next(&mut on_b, "message").await;
    assert_eq!(pushed["message"]["text"], "from A");
    let last = pushed["message"]["seq"].as_i64().unwrap();

    // away while 50 are sent to A, back on B: exactly those 50, in order
    drop(on_b);
    let mut missed = Vec::new();
    for i in 0..50 {
        missed.push(
            say(&http, &gw_a, &identity, id, &format!("missed {i}")).await["seq"]
                .as_i64()
                .unwrap(),
        );
    }
    let mut back = socket(&gw_b, &format!("token={}", identity.token(BUYER))).await;
    let resumed = ask(
        &mut back,
        json!({"id": 2, "type": "subscribe", "chat": id, "since": last}),
        "subscribed",
    )
    .await;
    assert_eq!(resumed["recovered"], true);
    let got: Vec<(i64, String)> = resumed["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["seq"].as_i64().unwrap(),
                m["text"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expected: Vec<(i64, String)> = missed
        .iter()
        .enumerate()
        .map(|(i, seq)| (*seq, format!("missed {i}")))
        .collect();
    assert_eq!(got, expected);
    // and live again, from A
    say(&http, &gw_a, &identity, id, "live").await;
    assert_eq!(
        next(&mut back, "message").await["message"]["seq"],
        last + 51
    );
}

//! A chat service on a free port with its own database, the stand-in
//! identity (tokens, JWKS, logout feed) and one stand-in for its peers:
//! social's stores, identity's users and buildings' change feed, each in
//! the peer's own shapes.

use chat::Settings;
use futures_util::{SinkExt, StreamExt};
use platform_testkit::{service, Running, StandInIdentity, TestDb};
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

/// The buyer of the examples (seed 000: user 1, Mostafa Azizi).
pub const BUYER: &str = "1";
/// The manager of store 1 (seed 000's seller, Jasem Eshghi).
pub const SELLER: &str = "4";
pub const STRANGER: &str = "9";
pub const STORE: i64 = 1;

/// Answers `?ids=a,b` with the known rows among them (unknown ids left
/// out), under `key`.
struct ByIds {
    key: &'static str,
    rows: Vec<Value>,
}

impl Respond for ByIds {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        let ids: Vec<String> = req
            .url
            .query_pairs()
            .find(|(k, _)| k == "ids")
            .map(|(_, v)| v.split(',').map(str::to_string).collect())
            .unwrap_or_default();
        let rows: Vec<Value> = self
            .rows
            .iter()
            .filter(|r| ids.contains(&r["id"].to_string()))
            .cloned()
            .collect();
        let mut body = json!({ self.key: rows });
        if self.key == "users" {
            body["status"] = json!(200);
        }
        ResponseTemplate::new(200).set_body_json(body)
    }
}

/// buildings' change feed: the changes after `since`.
#[derive(Clone, Default)]
pub struct Feed(Arc<Mutex<Vec<Value>>>);

impl Feed {
    /// `user` joined (`joined` true) or left apartment 1 of `block` in `building`.
    pub fn push(&self, user: &str, building: i64, block: i64, joined: bool) {
        let mut changes = self.0.lock().unwrap();
        let seq = changes.len() as i64 + 1;
        changes.push(json!({
            "seq": seq, "change": if joined { "joined" } else { "left" }, "user_id": user,
            "role": "owner", "building_id": building, "block_id": block, "apartment_id": 1,
            "in_block": joined, "in_building": joined, "created": 1_700_000_000,
        }));
    }
}

impl Respond for Feed {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        let since: i64 = req
            .url
            .query_pairs()
            .find(|(k, _)| k == "since")
            .and_then(|(_, v)| v.parse().ok())
            .unwrap_or(0);
        let changes = self.0.lock().unwrap();
        let after: Vec<Value> = changes
            .iter()
            .filter(|c| c["seq"].as_i64().unwrap() > since)
            .cloned()
            .collect();
        let cursor = after.last().map_or(since, |c| c["seq"].as_i64().unwrap());
        ResponseTemplate::new(200).set_body_json(json!({
            "status": 200,
            "data": {"changes": after, "cursor": cursor, "newest": changes.len()},
        }))
    }
}

/// social, identity's users and buildings' feed, as chat calls them.
pub async fn peers(feed: Feed) -> MockServer {
    let server = MockServer::start().await;
    let stores = vec![
        json!({"id": 1, "name": "تست", "avatar": "img/stores/1.png", "manager": 4}),
        json!({"id": 2, "name": "دوم", "avatar": null, "manager": 5}),
    ];
    let users = vec![
        json!({"id": 1, "first_name": "Mostafa", "last_name": "Azizi", "avatar": "defaults/avatars/4.png", "mobile": "0912***1111"}),
        json!({"id": 4, "first_name": "Jasem", "last_name": "Eshghi", "avatar": "img/defaults/avatars/51.png", "mobile": "0912***4444"}),
    ];
    Mock::given(method("GET"))
        .and(path("/internal/stores"))
        .respond_with(ByIds {
            key: "stores",
            rows: stores,
        })
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/internal/users"))
        .respond_with(ByIds {
            key: "users",
            rows: users,
        })
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/internal/buildings/changes"))
        .respond_with(feed)
        .mount(&server)
        .await;
    server
}

pub struct App {
    pub chat: Running,
    pub identity: StandInIdentity,
    pub feed: Feed,
    pub http: reqwest::Client,
    _peers: MockServer,
    _db: TestDb,
}

pub async fn spawn() -> App {
    spawn_with(|_| {}).await
}

pub async fn spawn_with(tune: impl FnOnce(&mut Settings)) -> App {
    let identity = StandInIdentity::start().await;
    let feed = Feed::default();
    let peers = peers(feed.clone()).await;
    let db = TestDb::new();
    let settings: Settings = service::settings(&db, &identity, |s: &mut Settings| {
        s.social_url = peers.uri();
        s.identity_url = peers.uri();
        s.buildings_url = Some(peers.uri());
        s.buildings_poll_ms = 20;
        s.redis_prefix = platform_testkit::redis_prefix();
        tune(s);
    });
    let chat = Running::start(move || chat::Application::build(settings)).await;
    App {
        chat,
        identity,
        feed,
        http: reqwest::Client::new(),
        _peers: peers,
        _db: db,
    }
}

impl App {
    pub fn token(&self, user: &str) -> String {
        self.identity.token(user)
    }

    /// A POST with the fields as a form, as the bazaar apps send them.
    pub async fn post(
        &self,
        path: &str,
        user: &str,
        fields: &[(&str, &str)],
    ) -> platform_testkit::Reply {
        platform_testkit::send(
            self.http
                .post(self.chat.url(path))
                .bearer_auth(self.token(user))
                .form(fields),
        )
        .await
    }

    pub async fn get(&self, path: &str, user: &str) -> platform_testkit::Reply {
        platform_testkit::send(
            self.http
                .get(self.chat.url(path))
                .bearer_auth(self.token(user)),
        )
        .await
    }

    /// A chat of the buyer with store 1, accepted by its manager.
    pub async fn chatting(&self) -> i64 {
        let started = self
            .post("/web/chats/start", BUYER, &[("store", "1")])
            .await;
        assert_eq!(started.status, 200, "{}", started.text);
        let id = started.body["data"]["id"].as_i64().unwrap();
        let accepted = self
            .post("/web/chats/accept", SELLER, &[("id", &id.to_string())])
            .await;
        assert_eq!(accepted.status, 200, "{}", accepted.text);
        id
    }

    pub async fn socket(&self, user: &str) -> Socket {
        Socket::open(
            &self.chat.base.replace("http://", "ws://"),
            &self.token(user),
        )
        .await
    }
}

type Stream =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// A client socket speaking the protocol.
pub struct Socket {
    pub ws: Stream,
}

impl Socket {
    /// `base` is `ws://host:port`; the token goes as a Bearer header.
    pub async fn open(base: &str, token: &str) -> Socket {
        let mut request = format!("{base}/ws").into_client_request().unwrap();
        request
            .headers_mut()
            .insert("authorization", format!("Bearer {token}").parse().unwrap());
        let (ws, _) = tokio_tungstenite::connect_async(request).await.unwrap();
        Socket { ws }
    }

    pub async fn send(&mut self, frame: Value) {
        self.ws
            .send(Message::text(frame.to_string()))
            .await
            .unwrap();
    }

    /// The next text frame, within 5 s.
    pub async fn next(&mut self) -> Value {
        loop {
            let frame = tokio::time::timeout(Duration::from_secs(5), self.ws.next())
                .await
                .expect("a frame within 5 s")
                .expect("the socket is open")
                .unwrap();
            match frame {
                Message::Text(text) => return serde_json::from_str(&text).unwrap(),
                Message::Close(reason) => panic!("closed: {reason:?}"),
                _ => continue,
            }
        }
    }

    /// The next frame of `type`, skipping others (presence, typing).
    pub async fn next_of(&mut self, kind: &str) -> Value {
        loop {
            let frame = self.next().await;
            if frame["type"] == kind {
                return frame;
            }
        }
    }

    /// Sends `frame` and waits for the reply echoing its id.
    pub async fn ask(&mut self, frame: Value) -> Value {
        let id = frame["id"].clone();
        self.send(frame).await;
        loop {
            let reply = self.next().await;
            if reply["id"] == id && reply.get("type").is_some_and(|t| t != "message") {
                return reply;
            }
        }
    }

    /// Waits for the server's close; its code.
    pub async fn closed(&mut self) -> Option<u16> {
        loop {
            let frame = tokio::time::timeout(Duration::from_secs(5), self.ws.next())
                .await
                .expect("closed within 5 s");
            match frame {
                Some(Ok(Message::Close(reason))) => return reason.map(|r| u16::from(r.code)),
                Some(Ok(_)) => continue,
                _ => return None,
            }
        }
    }
}

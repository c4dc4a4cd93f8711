//! The SMM panel through the real gateway, with the real identity (login
//! by SMS code, the operator by identity's `admins`) and a stand-in
//! provider: seed 002's catalog and order examples give the service's own
//! snapshots, and an order goes out, comes back partial and is refunded,
//! with the wallet right at each step as the profile shows it.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a test fails by panicking"
)]

mod common;
#[path = "../../../services/smm/tests/api/provider.rs"]
#[expect(dead_code, reason = "this flow uses part of the stand-in")]
mod provider;

use platform_testkit::{eventually, send, Reply, TestDb};
use provider::{StandInProvider, KEY};
use reqwest::Method;
use serde_json::{json, Value};
use std::time::Duration;

const OPERATOR: &str = "09120000401";
const USER: &str = "09120000402";
const WAIT: Duration = Duration::from_secs(20);

macro_rules! snapshot {
    ($name:expr, $value:expr, $prefix:expr) => {{
        let mut settings = platform_testkit::snapshot_settings();
        settings.set_snapshot_path(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../services/smm/tests/api/snapshots"
        ));
        for field in [
            "id",
            "ids",
            "uid",
            "cate_id",
            "service_id",
            "changed",
            "created",
        ] {
            settings.add_redaction(&format!("{}.{field}", $prefix), format!("[{field}]"));
        }
        settings.bind(|| insta::assert_json_snapshot!($name, $value));
    }};
}

/// A port free now, for a component others must know before it starts.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

struct Platform {
    gw: String,
    http: reqwest::Client,
    operator: String,
    user: String,
    _dbs: Vec<TestDb>,
    _keys: tempfile::TempDir,
}

impl Platform {
    async fn start() -> Platform {
        let sms = common::sms_stand_in().await;
        let (identity_db, smm_db) = (TestDb::new(), TestDb::new());
        let keys = tempfile::tempdir().unwrap();
        let smm_port = free_port();
        let identity = common::identity(&sms, &identity_db, keys.path(), |s| {
            s.admins = vec![OPERATOR.into()];
            s.smm_url = Some(format!("http://127.0.0.1:{smm_port}"));
        })
        .await;
        let mut settings = smm::Settings {
            forward_interval_ms: 50,
            sync_interval_ms: 1_000,
            provider_timeout_ms: 1_000,
            ..smm::Settings::default()
        };
        settings.common.listen = format!("127.0.0.1:{smm_port}");
        settings.common.database_url = smm_db.url.clone();
        settings.common.workers = 1;
        settings.common.jwks_url = format!("{identity}/.well-known/jwks.json");
        settings.common.revocations_url = Some(format!("{identity}/internal/revocations"));
        settings.common.internal_secret = Some(platform_settings::Secret::new(
            platform_testkit::INTERNAL_SECRET,
        ));
        let app = smm::Application::build(settings).await.unwrap();
        actix_web::rt::spawn(app.run());
        let gw = common::gateway(&identity, |g| {
            g.upstreams
                .insert("smm".into(), format!("http://127.0.0.1:{smm_port}"));
        })
        .await;
        let http = reqwest::Client::new();
        let (operator, _) = common::login(&http, &gw, &gw, &sms, OPERATOR).await;
        let (user, _) = common::login(&http, &gw, &gw, &sms, USER).await;
        Platform {
            gw,
            http,
            operator,
            user,
            _dbs: vec![identity_db, smm_db],
            _keys: keys,
        }
    }

    async fn call(&self, token: &str, method: Method, path: &str, body: Option<Value>) -> Reply {
        let mut req = self
            .http
            .request(method, format!("{}{path}", self.gw))
            .bearer_auth(token);
        if let Some(body) = body {
            req = req.json(&body);
        }
        send(req).await
    }

    async fn admin(&self, path: &str, body: Value) -> Reply {
        let reply = self
            .call(&self.operator, Method::POST, path, Some(body))
            .await;
        assert_eq!(reply.status, 201, "{path}: {}", reply.text);
        reply
    }

    /// The user's wallet as the profile (identity, asking smm) shows it.
    async fn profile_balance(&self) -> Value {
        let profile = self
            .call(&self.user, Method::GET, "/api/v1/user", None)
            .await;
        assert_eq!(profile.status, 200, "{}", profile.text);
        profile.body["user"]["balance"].clone()
    }

    fn user_id(&self) -> String {
        let claims = self.user.split('.').nth(1).unwrap();
        let bytes = base64_url(claims);
        let claims: Value = serde_json::from_slice(&bytes).unwrap();
        claims["sub"].as_str().unwrap().to_string()
    }
}

/// The JWT's middle part, decoded (no padding, URL alphabet).
fn base64_url(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut bits = 0u32;
    let mut count = 0;
    let mut out = Vec::new();
    for c in text.bytes() {
        let v = ALPHABET.iter().position(|a| *a == c).unwrap() as u32;
        bits = (bits << 6) | v;
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
            bits &= (1 << count) - 1;
        }
    }
    out
}

#[actix_web::test]
async fn seed_examples_and_an_order_from_placing_to_refund() {
    let p = Platform::start().await;
    let user = p.user_id();

    // the seed's catalog, built by the operator through the gateway
    let free = p
        .admin(
            "/api/v1/admin/categories",
            json!({"name": "⭐ سرویس رایگان ⭐ "}),
        )
        .await;
    let free = free.body["category"]["id"].clone();
    let facebook = p
        .admin("/api/v1/admin/categories", json!({"name": "فیسبوک"}))
        .await;
    let facebook = facebook.body["category"]["id"].clone();
    let base = json!({"desc": "<p>x</p>", "type": "default", "add_type": "manual", "status": 1});
    let with = |extra: Value| {
        let mut body = base.clone();
        for (k, v) in extra.as_object().unwrap() {
            body[k] = v.clone();
        }
        body
    };
    p.admin("/api/v1/admin/services", with(json!({"cate_id": free, "name": "ویو استوری اینستاگرام سرعت متوسط ", "price": 1, "min": 100, "max": 500}))).await;
    p.admin("/api/v1/admin/services", with(json!({"cate_id": facebook, "name": "لایک", "price": 22000, "original_price": 15000, "min": 100, "max": 2000, "dripfeed": 1}))).await;
    let views = p
        .admin("/api/v1/admin/categories", json!({"name": "ویو"}))
        .await;
    let views = views.body["category"]["id"].clone();
    let manual = p
        .admin(
            "/api/v1/admin/services",
            with(json!({"cate_id": views, "name": "فالوور", "price": 500, "min": 10, "max": 5000})),
        )
        .await;
    let manual = manual.body["service"]["id"].clone();

    // the profile shows the real wallet, through identity and smm
    assert_eq!(p.profile_balance().await, 0);
    p.admin(
        &format!("/api/v1/admin/wallets/{user}"),
        json!({"amount": 352, "reason": "top-up"}),
    )
    .await;
    assert_eq!(p.profile_balance().await, 352);

    let categories = send(p.http.get(format!("{}/api/v1/categories", p.gw))).await;
    assert_eq!(categories.status, 200, "{}", categories.text);
    let services = send(
        p.http
            .get(format!("{}/api/v1/services", p.gw))
            .json(&json!({"cate_id": free, "status": "1", "order_by": "id"})),
    )
    .await;
    assert_eq!(services.status, 200, "{}", services.text);
    // the service's own snapshots (with categories of other tests removed)
    let mut listed = categories.body.clone();
    listed["categories"]
        .as_array_mut()
        .unwrap()
        .retain(|c| c["id"] != views);
    {
        let mut settings = platform_testkit::snapshot_settings();
        settings.set_snapshot_path(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../services/smm/tests/api/snapshots"
        ));
        settings.bind(|| {
            insta::assert_json_snapshot!("categories", listed, {
                ".categories[].id" => "[id]", ".categories[].changed" => "[time]", ".categories[].created" => "[time]",
            });
            insta::assert_json_snapshot!("services", services.body, {
                ".services[].id" => "[id]", ".services[].cate_id" => "[id]",
                ".services[].changed" => "[time]", ".services[].created" => "[time]",
            });
        });
    }

    let placed = p
        .call(&p.user, Method::POST, "/api/v1/order", Some(json!({
            "service_id": manual.to_string(), "category_id": views.to_string(), "quantity": 100,
            "link": "https://www.instagram.com/p/CA2-Sn-n9YX/?igshid=umy1k0igwj1b",
            "runs": 1, "interval": 6, "is_drip_feed": "facilis", "api_provider_id": 16, "api_service_id": 6,
        })))
        .await;
    assert_eq!(placed.status, 201, "{}", placed.text);
    assert_eq!(p.profile_balance().await, 302);
    let id = placed.body["order"]["id"].as_i64().unwrap();
    let list = p.call(&p.user, Method::GET, "/api/v1/order", None).await;
    let one = p
        .call(&p.user, Method::GET, &format!("/api/v1/order/{id}"), None)
        .await;
    snapshot!("order_placed", placed.body, ".order");
    snapshot!("order_list", list.body, ".orders[]");
    snapshot!("order_detail", one.body, "");
    let foreign = p
        .call(
            &p.operator,
            Method::GET,
            &format!("/api/v1/order/{id}"),
            None,
        )
        .await;
    assert_eq!(foreign.status, 403, "{}", foreign.text);
    assert_eq!(foreign.body["message"], "منع دسترسی");

    // an api service of a stand-in provider: out, partial, refunded
    let upstream = StandInProvider::start().await;
    let provider = p
        .admin(
            "/api/v1/admin/providers",
            json!({"name": "upstream", "url": upstream.url(), "key": KEY}),
        )
        .await;
    let pid = provider.body["provider"]["id"].clone();
    let api = p
        .admin("/api/v1/admin/services", with(json!({"cate_id": views, "name": "api", "price": 1000, "min": 10, "max": 10000,
                                                      "add_type": "api", "api_provider_id": pid, "api_service_id": "1"})))
        .await;
    let api = api.body["service"]["id"].clone();
    p.admin(
        &format!("/api/v1/admin/wallets/{user}"),
        json!({"amount": 698, "reason": "top-up"}),
    )
    .await;
    assert_eq!(p.profile_balance().await, 1000);
    let placed = p
        .call(&p.user, Method::POST, "/api/v1/order", Some(json!({
            "service_id": api, "category_id": views, "quantity": 1000, "link": "https://instagram.com/p/x"})))
        .await;
    assert_eq!(placed.status, 201, "{}", placed.text);
    let id = placed.body["order"]["id"].as_i64().unwrap();
    assert_eq!(p.profile_balance().await, 0);
    let order = async || {
        p.call(&p.user, Method::GET, &format!("/api/v1/order/{id}"), None)
            .await
            .body
    };
    assert!(eventually(WAIT, async || order().await["forward"] == "sent").await);
    let upstream_id = order().await["api_order_id"].as_i64().unwrap();
    upstream.set(upstream_id, "Partial", "400");
    assert!(eventually(WAIT, async || order().await["status"] == "partial").await);
    assert_eq!(p.profile_balance().await, 400);
    assert_eq!(upstream.adds().len(), 1);

    // a provider that times out: the order waits for review, sent once
    let slow = StandInProvider::start().await;
    slow.delay_adds(Duration::from_secs(3));
    let provider = p
        .admin(
            "/api/v1/admin/providers",
            json!({"name": "slow", "url": slow.url(), "key": KEY}),
        )
        .await;
    let slow_service = p
        .admin("/api/v1/admin/services", with(json!({"cate_id": views, "name": "slow", "price": 1000, "min": 10, "max": 10000,
            "add_type": "api", "api_provider_id": provider.body["provider"]["id"], "api_service_id": "1"})))
        .await;
    let placed = p
        .call(&p.user, Method::POST, "/api/v1/order", Some(json!({
            "service_id": slow_service.body["service"]["id"], "category_id": views, "quantity": 100, "link": "instagram"})))
        .await;
    let id = placed.body["order"]["id"].as_i64().unwrap();
    let order = async || {
        p.call(&p.user, Method::GET, &format!("/api/v1/order/{id}"), None)
            .await
            .body
    };
    assert!(eventually(WAIT, async || order().await["forward"] == "review").await);
    tokio::time::sleep(Duration::from_millis(1000)).await;
    assert_eq!(slow.adds().len(), 1);
    assert_eq!(p.profile_balance().await, 300);

    // the reseller API through the gateway, with the user's key
    let key = p
        .call(&p.user, Method::POST, "/api/v1/user/api_key", None)
        .await;
    assert_eq!(key.status, 201, "{}", key.text);
    let balance = send(p.http.post(format!("{}/api/v2/", p.gw)).form(&[
        ("key", key.body["api_key"].as_str().unwrap()),
        ("action", "balance"),
    ]))
    .await;
    assert_eq!(
        balance.body,
        json!({"balance": "300.000", "currency": "IRT"}),
        "{}",
        balance.text
    );
    let wrong = send(
        p.http
            .post(format!("{}/api/v2", p.gw))
            .form(&[("key", "nope"), ("action", "balance")]),
    )
    .await;
    assert_eq!(
        (wrong.status, wrong.body.clone()),
        (200, json!({"error": "Invalid API key."}))
    );

    let books = p
        .call(&p.operator, Method::GET, "/api/v1/admin/reconcile", None)
        .await;
    assert_eq!(
        books.body["report"]["differences"],
        json!([]),
        "{}",
        books.text
    );
}

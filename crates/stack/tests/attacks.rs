//! Issue 9, items 1 and 2, replayed as the outside probe ran them: through
//! the gateway, with the gateway's own limits in force, against identity
//! with its default lock settings (on PostgreSQL and Redis when CI sets
//! them).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a test fails by panicking"
)]

mod common;

use serde_json::{json, Value};
use std::time::{Duration, Instant};
use wiremock::MockServer;

/// The resend cooldown in force: short, so the test can outwait it, and
/// long enough that a shared cooldown would show.
const COOLDOWN_SECS: u64 = 3;

struct Probe {
    gw: String,
    http: reqwest::Client,
    sms: MockServer,
}

impl Probe {
    async fn post(
        &self,
        path: &str,
        token: Option<&str>,
        client: &str,
        body: Value,
    ) -> (u16, Value) {
        let mut req = self
            .http
            .post(format!("{}{path}", self.gw))
            .header("x-forwarded-for", client)
            .json(&body);
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        let res = req.send().await.unwrap();
        (res.status().as_u16(), res.json().await.unwrap())
    }

    async fn me(&self, token: &str) -> Value {
        let res = self
            .http
            .get(format!("{}/api/v1/user", self.gw))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        res.json::<Value>().await.unwrap()["user"].clone()
    }

    /// The code of the last SMS to `mobile` with `purpose`.
    async fn code(&self, mobile: &str, purpose: &str) -> String {
        let sent = self.sms.received_requests().await.unwrap();
        sent.iter()
            .rev()
            .filter(|r| r.url.path() == "/sms")
            .map(|r| serde_json::from_slice::<Value>(&r.body).unwrap())
            .find(|m| m["receptor"] == mobile && m["purpose"] == purpose)
            .unwrap_or_else(|| panic!("no {purpose} SMS to {mobile}"))["code"]
            .as_str()
            .unwrap()
            .to_string()
    }

    async fn log_in(&self, client: &str, mobile: &str) -> String {
        let (status, body) = self
            .post("/api/v1/login", None, client, json!({"username": mobile}))
            .await;
        assert_eq!(status, 201, "{body}");
        let code = self.code(mobile, "login").await;
        let (status, body) = self
            .post(
                "/api/v1/login/verify",
                None,
                client,
                json!({"username": mobile, "code": code}),
            )
            .await;
        assert_eq!(status, 200, "{body}");
        body["access_token"].as_str().unwrap().to_string()
    }
}

#[actix_web::test]
async fn a_stranger_neither_takes_over_a_number_nor_locks_its_account() {
    let sms = common::sms_stand_in().await;
    let db = platform_testkit::TestDb::new();
    let keys = tempfile::tempdir().unwrap();
    let identity = common::identity(&sms, &db, keys.path(), |s| {
        s.code.resend_cooldown_secs = COOLDOWN_SECS as i64;
    })
    .await;
    let redis = platform_testkit::redis_url_if_set();
    let gw = common::gateway(&identity, |s| {
        // the probe's five addresses reach the gateway through a proxy it trusts
        s.trusted_proxies = vec!["127.0.0.1".into()];
        s.redis_url = redis;
        s.redis_prefix = platform_testkit::redis_prefix();
    })
    .await;
    let probe = Probe {
        gw,
        http: reqwest::Client::new(),
        sms,
    };
    let (attacker, owner) = ("198.51.100.7", "203.0.113.50");
    let (b_mobile, victim) = ("09120000201", "09120000202");

    // 1. B moves his account to a number that has no account yet
    let b = probe.log_in(attacker, b_mobile).await;
    let (status, body) = probe
        .post(
            "/api/v1/user",
            Some(&b),
            attacker,
            json!({"mobile": victim}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let b_id = body["user"]["id"].clone();
    let change_code = probe.code(victim, "mobile_change").await;

    // the owner types that code into the login with his own number: refused
    let (status, _) = probe
        .post(
            "/api/v1/login/verify",
            None,
            owner,
            json!({"username": victim, "code": change_code}),
        )
        .await;
    assert_eq!(status, 401);
    // and his sign-up, inside the cooldown B's request started, goes through
    let owner_token = probe.log_in(owner, victim).await;
    let owner_since = Instant::now();
    let owner_me = probe.me(&owner_token).await;
    assert_ne!(owner_me["id"], b_id, "the owner's token is his own account");
    assert_eq!(owner_me["mobile"], victim);
    // B's account kept its number; his change was cancelled and cannot be
    // confirmed, even with the code
    let b_me = probe.me(&b).await;
    assert_eq!(
        (b_me["mobile"].as_str(), b_me["mobile_verified"].as_i64()),
        (Some(b_mobile), Some(1))
    );
    let (status, _) = probe
        .post(
            "/api/v1/user/mobile/confirm",
            Some(&b),
            attacker,
            json!({"code": change_code}),
        )
        .await;
    assert_eq!(status, 422);
    let b_me = probe.me(&b).await;
    assert_eq!(b_me["mobile"], b_mobile);

    // 2. five client addresses send wrong codes for the owner's account as
    // fast as the gateway lets them (its `auth` limit: 20 per address)
    let mut sent = 0;
    for n in 0..5 {
        let client = format!("192.0.2.{}", n + 10);
        for _ in 0..20 {
            let (status, _) = probe
                .post(
                    "/api/v1/login/verify",
                    None,
                    &client,
                    json!({"username": victim, "code": "000000"}),
                )
                .await;
            assert_eq!(status, 401);
            sent += 1;
        }
    }
    assert_eq!(
        sent, 100,
        "as many as the default account lock used to take"
    );
    // the owner is not locked out: he logs in as usual
    let wait = Duration::from_secs(COOLDOWN_SECS).saturating_sub(owner_since.elapsed());
    tokio::time::sleep(wait + Duration::from_millis(200)).await;
    let again = probe.log_in(owner, victim).await;
    assert_eq!(probe.me(&again).await["id"], owner_me["id"]);
}

//! The embedded platform as a newcomer runs it, through the gateway only:
//! sign-up by SMS code, profile, invoicing customers, logout refused within
//! a second, and tokens and data that survive a restart.
//!
//! One test in this file: it sets identity's SMS settings in the process
//! environment, which the stack reads like the binary does.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a test fails by panicking"
)]

mod common;

use serde_json::{json, Value};
use stack::{Ports, Stack, StackSettings};
use std::time::Duration;

struct Running {
    base: String,
    handles: Vec<actix_web::dev::ServerHandle>,
}

impl Running {
    async fn start(dir: &std::path::Path) -> Running {
        let settings = StackSettings {
            data_dir: dir.to_path_buf(),
            host: "127.0.0.1".into(),
            ports: Ports {
                gateway: 0,
                identity: 0,
                social: 0,
                chat: 0,
                smm: 0,
                invoicing: 0,
                buildings: 0,
            },
            workers: 1,
        };
        let stack = Stack::start(settings).await.expect("the stack starts");
        let names: Vec<_> = stack.components().iter().map(|c| c.name).collect();
        assert_eq!(
            names,
            [
                "gateway",
                "identity",
                "invoicing",
                "smm",
                "buildings",
                "social",
                "chat"
            ]
        );
        let base = stack.components()[0].url.clone();
        let handles = stack.handles();
        actix_web::rt::spawn(stack.run());
        Running { base, handles }
    }

    async fn stop(self) {
        for h in self.handles {
            h.stop(true).await;
        }
    }
}

#[actix_web::test]
async fn sign_up_work_log_out_and_restart_through_the_gateway() {
    let sms = common::sms_stand_in().await;
    // Set before any component reads its settings; no other test shares this process.
    std::env::set_var("IDENTITY__SMS__PROVIDER", "webhook");
    std::env::set_var("IDENTITY__SMS__WEBHOOK_URL", format!("{}/sms", sms.uri()));
    std::env::set_var("IDENTITY__CODE__RESEND_COOLDOWN_SECS", "0");

    let dir = tempfile::tempdir().unwrap();
    let http = reqwest::Client::new();
    let stack = Running::start(dir.path()).await;
    let base = stack.base.clone();

    assert_eq!(
        http.get(format!("{base}/healthz"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    let ready = http.get(format!("{base}/readyz")).send().await.unwrap();
    assert_eq!(ready.status(), 200, "{:?}", ready.text().await);

    let mobile = "09121234567";
    let (first, receptor) = common::login(&http, &base, &base, &sms, "+98 912 123 4567").await;
    assert_eq!(receptor, mobile, "every spelling reaches one number");
    let (second, _) = common::login(&http, &base, &base, &sms, mobile).await;

    let user: Value = http
        .get(format!("{base}/api/v1/user"))
        .bearer_auth(&first)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(user["status"], 200, "{user}");

    // invoicing, with the token in the query as its documents do
    let res = http
        .post(format!("{base}/v1/customers/?access_token={first}"))
        .json(&json!({"name": "آرین نجفی", "mobile": "۰۹۱۲۲۳۴۵۵۷۷"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let created: Value = res.json().await.unwrap();
    assert_eq!(created["data"]["Customer"]["mobile"], "09122345577");

    // logout: that token is refused within a second; the other one is not
    let res = http
        .get(format!("{base}/api/v1/logout"))
        .bearer_auth(&first)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let customers = format!("{base}/v1/customers");
    let since = std::time::Instant::now();
    common::refused_within(&http, &customers, &first, since, Duration::from_secs(1)).await;

    stack.stop().await;
    let stack = Running::start(dir.path()).await;
    let base = stack.base.clone();
    // keys and data were kept: the other token still works and sees the customer
    let list: Value = http
        .get(format!("{base}/v1/customers"))
        .bearer_auth(&second)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list["data"].as_array().unwrap().len(), 1, "{list}");
    // and the logged-out one stays refused after the restart
    let res = http
        .get(format!("{base}/api/v1/user"))
        .bearer_auth(&first)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    stack.stop().await;
}

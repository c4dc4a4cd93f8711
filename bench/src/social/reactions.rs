//! Reactions through HTTP as fast as `connections` clients can: `USERS`
//! users, each call a random user on a random target, in equal shares
//! add-like, add-dislike, delete-like, add-favorite and add-view; then the
//! counters are checked against their rows.

use crate::common::database::Fresh;
use crate::{counters, mobile, token, Args};
use futures_util::future::join_all;
use hdrhistogram::Histogram;
use platform_testkit::StandInIdentity;
use serde_json::{json, Value};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Users 1..=USERS react.
pub const USERS: i64 = 1_000;

const ACTIONS: [&str; 5] = [
    "add-like",
    "add-dislike",
    "delete-like",
    "add-favorite",
    "add-view",
];

/// A target as the routes name it.
#[derive(Clone, Copy)]
pub struct Target {
    pub kind: &'static str,
    pub id: i64,
}

/// What the calls answered, summed over the clients.
#[derive(Default)]
struct Tally {
    /// 200 and something changed (`Liked`, `Like deleted`, `Viewed`, …).
    changed: AtomicU64,
    /// 200 and nothing to change (`Already liked`, `Not Liked`).
    unchanged: AtomicU64,
    views: AtomicU64,
    failed: AtomicU64,
}

/// A small deterministic generator (SplitMix64): every client its own.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        (z ^ (z >> 31)) % n
    }
}

async fn created(
    http: &reqwest::Client,
    identity: &StandInIdentity,
    url: String,
    body: Value,
) -> i64 {
    let res = http
        .post(url)
        .bearer_auth(identity.admin_token("1"))
        .json(&body)
        .send()
        .await
        .expect("social answers");
    assert_eq!(res.status(), 200, "admin call refused");
    let body: Value = res.json().await.expect("json");
    assert_eq!(body["message"], "created", "{body}");
    body["data"]["id"].as_i64().expect("an id")
}

/// 1 bazzar, 4 malls, 20 stores and 100 products, through the admin API.
async fn catalog(http: &reqwest::Client, identity: &StandInIdentity, social: &str) -> Vec<Target> {
    let mut targets = Vec::new();
    let bazzar = created(
        http,
        identity,
        format!("{social}/web/admin/bazzars"),
        json!({"name": "بازار", "image": "b.png"}),
    )
    .await;
    targets.push(Target {
        kind: "bazzar",
        id: bazzar,
    });
    for m in 0..4 {
        let mall = created(
            http,
            identity,
            format!("{social}/web/admin/malls"),
            json!({"name": format!("پاساژ {m}"), "bazzar": bazzar, "image": "m.png"}),
        )
        .await;
        targets.push(Target {
            kind: "mall",
            id: mall,
        });
        for s in 0..5 {
            let store = created(
                http,
                identity,
                format!("{social}/web/admin/stores"),
                json!({"name": format!("حجره {m}.{s}"), "mall": mall, "manager": 900_000 + m * 5 + s, "image": "s.png"}),
            )
            .await;
            targets.push(Target {
                kind: "store",
                id: store,
            });
            for p in 0..5 {
                let product = created(
                    http,
                    identity,
                    format!("{social}/web/admin/products"),
                    json!({"title": format!("کالا {p}"), "store": store, "price": 1000, "mainImage": "p.png"}),
                )
                .await;
                targets.push(Target {
                    kind: "product",
                    id: product,
                });
            }
        }
    }
    targets
}

pub async fn run(args: &Args, identity: &StandInIdentity, social: &str, db_url: &str) {
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(args.connections)
        .build()
        .unwrap();
    let targets = Arc::new(catalog(&http, identity, social).await);
    let tokens: Arc<Vec<(String, String)>> = Arc::new(
        (1..=USERS)
            .map(|u| (token(identity, u), mobile(u)))
            .collect(),
    );
    let tally = Arc::new(Tally::default());
    let deadline = Instant::now() + Duration::from_secs(args.seconds);
    let started = Instant::now();
    let clients = (0..args.connections).map(|i| {
        let (http, tokens, targets, tally) = (
            http.clone(),
            Arc::clone(&tokens),
            Arc::clone(&targets),
            Arc::clone(&tally),
        );
        let social = social.to_string();
        async move {
            let mut latency = Histogram::<u64>::new(3).unwrap();
            let mut rng = Rng::new(i as u64 + 1);
            while Instant::now() < deadline {
                let (token, username) = &tokens[rng.below(USERS as u64) as usize];
                let target = targets[rng.below(targets.len() as u64) as usize];
                let action = ACTIONS[rng.below(ACTIONS.len() as u64) as usize];
                let id = target.id.to_string();
                let form = serde_urlencoded::to_string([
                    ("username", username.as_str()),
                    ("x", "51.4"),
                    ("y", "35.7"),
                    ("target", target.kind),
                    ("id", &id),
                ])
                .unwrap();
                let t = Instant::now();
                let res = http
                    .post(format!("{social}/web/user/{action}"))
                    .bearer_auth(token)
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(form)
                    .send()
                    .await
                    .expect("social answers");
                let status = res.status().as_u16();
                let body = res.bytes().await.unwrap_or_default();
                latency.record(t.elapsed().as_micros() as u64).unwrap();
                if status != 200 {
                    if tally.failed.fetch_add(1, Ordering::Relaxed) < 5 {
                        eprintln!(
                            "reactions: {action} answered {status}: {}",
                            String::from_utf8_lossy(&body)
                        );
                    }
                    continue;
                }
                let message = serde_json::from_slice::<Value>(&body)
                    .ok()
                    .and_then(|v| v["message"].as_str().map(str::to_string))
                    .unwrap_or_default();
                if message.starts_with("Already") || message.starts_with("Not ") {
                    tally.unchanged.fetch_add(1, Ordering::Relaxed);
                } else {
                    tally.changed.fetch_add(1, Ordering::Relaxed);
                }
                if action == "add-view" {
                    tally.views.fetch_add(1, Ordering::Relaxed);
                }
            }
            latency
        }
    });
    let histograms = join_all(clients).await;
    let elapsed = started.elapsed().as_secs_f64();
    let mut latency = Histogram::<u64>::new(3).unwrap();
    for h in &histograms {
        latency.add(h).unwrap();
    }
    let changed = tally.changed.load(Ordering::Relaxed);
    let unchanged = tally.unchanged.load(Ordering::Relaxed);
    let failed = tally.failed.load(Ordering::Relaxed);
    let done = changed + unchanged;
    println!(
        "reactions: {done} in {elapsed:.1} s = {:.0} reactions/s over {} connections, {USERS} users, {} targets \
         ({changed} changed something, {unchanged} found it done already); {failed} failed; \
         latency p50 {:.1} ms, p90 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        done as f64 / elapsed,
        args.connections,
        targets.len(),
        latency.value_at_quantile(0.5) as f64 / 1000.0,
        latency.value_at_quantile(0.9) as f64 / 1000.0,
        latency.value_at_quantile(0.99) as f64 / 1000.0,
        latency.max() as f64 / 1000.0,
    );
    assert_eq!(failed, 0, "every reaction answers 200");
    let mut conn = Fresh::connect(db_url);
    let books = counters::check(&mut conn, "reactions");
    assert_eq!(
        books.views,
        tally.views.load(Ordering::Relaxed) as i64,
        "every view answered is one row"
    );
}

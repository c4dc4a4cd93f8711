//! Orders placed through HTTP as fast as `connections` clients can, each a
//! wallet debit; then the books are checked.

use crate::database::{count_orders, Fresh};
use crate::Args;
use diesel::prelude::*;
use futures_util::future::join_all;
use hdrhistogram::Histogram;
use platform_testkit::StandInIdentity;
use serde_json::{json, Value};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const USERS: usize = 100;
/// Users take turns so consecutive orders of one client hit other wallets.
const STEP: usize = 7;

pub struct Catalog {
    pub category: i64,
    pub service: i64,
}

pub async fn admin(
    http: &reqwest::Client,
    identity: &StandInIdentity,
    url: String,
    body: Value,
) -> Value {
    let res = http
        .post(url)
        .bearer_auth(identity.admin_token("1"))
        .json(&body)
        .send()
        .await
        .expect("smm answers");
    assert_eq!(res.status(), 201, "admin call refused");
    res.json().await.expect("json")
}

pub async fn catalog(http: &reqwest::Client, identity: &StandInIdentity, smm: &str) -> Catalog {
    let c = admin(
        http,
        identity,
        format!("{smm}/api/v1/admin/categories"),
        json!({"name": "bench"}),
    )
    .await;
    let category = c["category"]["id"].as_i64().unwrap();
    let s = admin(
        http,
        identity,
        format!("{smm}/api/v1/admin/services"),
        json!({"cate_id": category, "name": "followers", "price": 1000, "min": 10, "max": 1000000}),
    )
    .await;
    Catalog {
        category,
        service: s["service"]["id"].as_i64().unwrap(),
    }
}

pub async fn run(args: &Args, identity: &StandInIdentity, smm: &str, db_url: &str) {
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(args.connections)
        .build()
        .unwrap();
    let catalog = catalog(&http, identity, smm).await;
    for user in 0..USERS {
        let id = 1000 + user;
        admin(
            &http,
            identity,
            format!("{smm}/api/v1/admin/wallets/{id}"),
            json!({"amount": 1_000_000, "reason": "bench"}),
        )
        .await;
    }
    let tokens: Arc<Vec<String>> = Arc::new(
        (0..USERS)
            .map(|u| identity.token(&(1000 + u).to_string()))
            .collect(),
    );
    let body = json!({"service_id": catalog.service, "category_id": catalog.category, "quantity": 10, "link": "instagram"});
    let placed = Arc::new(AtomicU64::new(0));
    let refused = Arc::new(AtomicU64::new(0));
    let deadline = Instant::now() + Duration::from_secs(args.seconds);
    let started = Instant::now();
    let clients = (0..args.connections).map(|i| {
        let (http, tokens, body) = (http.clone(), Arc::clone(&tokens), body.clone());
        let (placed, refused) = (Arc::clone(&placed), Arc::clone(&refused));
        let url = format!("{smm}/api/v1/order");
        async move {
            let mut latency = Histogram::<u64>::new(3).unwrap();
            let mut n = i;
            while Instant::now() < deadline {
                let t = Instant::now();
                let res = http
                    .post(&url)
                    .bearer_auth(&tokens[n % USERS])
                    .json(&body)
                    .send()
                    .await
                    .expect("smm answers");
                let status = res.status().as_u16();
                let _ = res.bytes().await;
                latency.record(t.elapsed().as_micros() as u64).unwrap();
                if status == 201 {
                    placed.fetch_add(1, Ordering::Relaxed);
                } else {
                    refused.fetch_add(1, Ordering::Relaxed);
                }
                n += STEP;
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
    let placed = placed.load(Ordering::Relaxed);
    println!(
        "placement: {placed} orders in {elapsed:.1} s = {:.0} orders/s over {} connections; refused {}; latency p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        placed as f64 / elapsed,
        args.connections,
        refused.load(Ordering::Relaxed),
        latency.value_at_quantile(0.5) as f64 / 1000.0,
        latency.value_at_quantile(0.99) as f64 / 1000.0,
        latency.max() as f64 / 1000.0,
    );
    let mut conn = Fresh::connect(db_url);
    assert_eq!(
        count_orders(&mut conn, "true"),
        placed as i64,
        "every 201 is one order row"
    );
    overdraft_race(&http, identity, smm, &catalog).await;
    books(&http, identity, smm, &mut conn).await;
}

/// 200 orders at once against a balance worth exactly 50 of them.
async fn overdraft_race(
    http: &reqwest::Client,
    identity: &StandInIdentity,
    smm: &str,
    catalog: &Catalog,
) {
    admin(
        http,
        identity,
        format!("{smm}/api/v1/admin/wallets/9999"),
        json!({"amount": 500, "reason": "race"}),
    )
    .await;
    let token = identity.token("9999");
    let body = json!({"service_id": catalog.service, "category_id": catalog.category, "quantity": 10, "link": "instagram"});
    let calls = (0..200).map(|_| {
        http.post(format!("{smm}/api/v1/order"))
            .bearer_auth(&token)
            .json(&body)
            .send()
    });
    let statuses: Vec<u16> = join_all(calls)
        .await
        .into_iter()
        .map(|r| r.unwrap().status().as_u16())
        .collect();
    let placed = statuses.iter().filter(|s| **s == 201).count();
    println!(
        "overdraft race: 200 orders against a balance for 50: {placed} placed, {} refused",
        200 - placed
    );
    assert_eq!(placed, 50, "exactly what the balance covers");
}

/// The ledger sums to every balance and no balance is below zero.
async fn books(
    http: &reqwest::Client,
    identity: &StandInIdentity,
    smm: &str,
    conn: &mut PgConnection,
) {
    let report: Value = http
        .get(format!("{smm}/api/v1/admin/reconcile"))
        .bearer_auth(identity.admin_token("1"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    #[derive(QueryableByName)]
    struct Count {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let negative = diesel::sql_query("SELECT count(*) AS n FROM wallets WHERE balance < 0")
        .get_result::<Count>(conn)
        .unwrap()
        .n;
    println!(
        "books: {} accounts, {} differences between ledger and balance, {negative} balances below zero",
        report["report"]["accounts"], report["report"]["differences"].as_array().map_or(0, Vec::len)
    );
    assert_eq!(report["report"]["differences"], json!([]));
    assert_eq!(negative, 0);
}

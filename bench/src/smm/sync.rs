//! `--orders` active orders spread over 3 providers; how long until the
//! panel shows the providers' change on every one of them.

use crate::database::{count_orders, Fresh};
use crate::placement::admin;
use crate::providers::{self, Switch};
use crate::Args;
use diesel::prelude::*;
use platform_testkit::StandInIdentity;
use serde_json::json;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

pub async fn run(args: &Args, identity: &StandInIdentity, smm: &str, db_url: &str) {
    let http = reqwest::Client::new();
    let switch = Switch::default();
    let c = admin(
        &http,
        identity,
        format!("{smm}/api/v1/admin/categories"),
        json!({"name": "sync"}),
    )
    .await;
    let category = c["category"]["id"].as_i64().unwrap();
    let mut services = Vec::new();
    for i in 0..3 {
        let url = providers::start(switch.clone());
        let p = admin(
            &http,
            identity,
            format!("{smm}/api/v1/admin/providers"),
            json!({"name": format!("provider {i}"), "url": url, "key": "bench"}),
        )
        .await;
        let provider = p["provider"]["id"].as_i64().unwrap();
        let s = admin(
            &http,
            identity,
            format!("{smm}/api/v1/admin/services"),
            json!({"cate_id": category, "name": "api", "price": 1000, "min": 10, "max": 1000,
                   "add_type": "api", "api_provider_id": provider, "api_service_id": "1"}),
        )
        .await;
        services.push((provider, s["service"]["id"].as_i64().unwrap()));
    }
    // the orders, as the forwarding worker leaves them: sent, due now
    let mut conn = Fresh::connect(db_url);
    let per = args.orders / 3;
    for (i, (provider, service)) in services.iter().enumerate() {
        let from = i as i64 * per + 1;
        let to = if i == 2 { args.orders } else { from + per - 1 };
        diesel::sql_query(format!(
            "INSERT INTO orders (ids, uid, source, cate_id, service_id, service_type, api_provider_id, \
             api_service_id, api_order_id, link, quantity, rate, charge, status, remains, forward, \
             next_sync_at, changed, created) \
             SELECT md5('sync' || g::text), 5000, 'api', {category}, {service}, 'default', {provider}, '1', \
             g, 'instagram', 10, 1000000, 10000, 'pending', 10, 'sent', 0, 0, 0 \
             FROM generate_series({from}, {to}) AS g"
        ))
        .execute(&mut conn)
        .expect("orders inserted");
    }
    let started = Instant::now();
    wait(&mut conn, args.orders, "status = 'inprogress'").await;
    println!(
        "sync: {} orders over 3 providers read for the first time in {:.1} s",
        args.orders,
        started.elapsed().as_secs_f64()
    );
    let calls_before = switch.status_calls.load(Ordering::Relaxed);
    switch.completed.store(true, Ordering::Relaxed);
    let flipped = Instant::now();
    loop {
        let done = count_orders(&mut conn, "status = 'completed'");
        if done == args.orders {
            break;
        }
        assert!(
            flipped.elapsed() < Duration::from_secs(300),
            "sync stalled at {done}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    println!(
        "sync: all {} orders completed {:.1} s after their providers changed (sync_interval 30 s); {} status calls",
        args.orders,
        flipped.elapsed().as_secs_f64(),
        switch.status_calls.load(Ordering::Relaxed) - calls_before
    );
}

async fn wait(conn: &mut PgConnection, n: i64, condition: &str) {
    let started = Instant::now();
    while count_orders(conn, condition) < n {
        assert!(started.elapsed() < Duration::from_secs(300), "sync stalled");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

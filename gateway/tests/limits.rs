//! Rate limits (in-process and across replicas on Redis, through an outage)
//! and body limits.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a test fails by panicking"
)]

mod common;

use common::{http, routes, settings, spawn_gateway, upstream, with_tight_policy, Identity};
use gateway::settings::{AuthMode, Policy, RouteSettings};
use platform_http::Dialect;
use serde_json::{json, Value};

#[actix_web::test]
async fn the_request_after_the_quota_gets_429_with_retry_after() {
    let identity = Identity::start().await;
    let up = upstream::start().await;
    let gw = spawn_gateway(with_tight_policy(settings(&identity, &up.url, routes()), 3)).await;
    let client = http();
    for remaining in [2, 1, 0] {
        let res = client.get(format!("{gw}/limited/x")).send().await.unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["ratelimit-limit"], "3");
        assert_eq!(
            res.headers()["ratelimit-remaining"],
            remaining.to_string().as_str()
        );
        assert!(res.headers().contains_key("ratelimit-reset"));
    }
    let res = client.get(format!("{gw}/limited/x")).send().await.unwrap();
    assert_eq!(res.status(), 429);
    let retry: u64 = res.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=200).contains(&retry), "retry-after {retry}");
    assert_eq!(res.headers()["ratelimit-remaining"], "0");
    assert_eq!(
        res.json::<Value>().await.unwrap(),
        json!({"status": 429, "message": "محدودیت ارسال درخواست"})
    );
    assert_eq!(up.requests(), 3);
}

#[actix_web::test]
async fn authenticated_users_have_their_own_buckets() {
    let identity = Identity::start().await;
    let up = upstream::start().await;
    let mut r = routes();
    r.push(
        RouteSettings::new("/mine", "up", AuthMode::Required, Dialect::Panel).limited_by("tight"),
    );
    let gw = spawn_gateway(with_tight_policy(settings(&identity, &up.url, r), 1)).await;
    let client = http();
    let (a, b) = (identity.token("a"), identity.token("b"));
    let get = |t: &str| client.get(format!("{gw}/mine/x")).bearer_auth(t).send();
    assert_eq!(get(&a).await.unwrap().status(), 200);
    assert_eq!(get(&a).await.unwrap().status(), 429);
    assert_eq!(get(&b).await.unwrap().status(), 200);
}

#[actix_web::test]
async fn bodies_over_the_route_limit_get_413() {
    let identity = Identity::start().await;
    let up = upstream::start().await;
    let mut small = RouteSettings::new("/small", "up", AuthMode::Public, Dialect::Ledger);
    small.max_body_bytes = 1024;
    let gw = spawn_gateway(settings(&identity, &up.url, vec![small])).await;
    let client = http();

    let res = client
        .post(format!("{gw}/small/upload"))
        .body(vec![0u8; 2048])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 413);
    assert_eq!(res.json::<Value>().await.unwrap()["status"], 413);

    // chunked, so the size is only known while streaming
    let chunks =
        futures_util::stream::iter((0..4).map(|_| Ok::<_, std::io::Error>(vec![0u8; 512])));
    let res = client
        .post(format!("{gw}/small/upload"))
        .body(reqwest::Body::wrap_stream(chunks))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 413);

    let res = client
        .post(format!("{gw}/small/upload"))
        .body(vec![0u8; 1000])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
}

/// Two gateways, one Redis: one limit. Redis goes away: traffic goes on
/// (fail-open) and the failure is counted. Redis comes back: the shared
/// limit holds again.
#[actix_web::test]
#[ignore = "needs Redis: set TEST_REDIS_URL and pass --include-ignored"]
async fn replicas_share_one_limit_and_survive_a_redis_outage() {
    let redis_url = platform_testkit::require_redis();
    let identity = Identity::start().await;
    let up = upstream::start().await;
    let redis_addr = redis_url
        .trim_start_matches("redis://")
        .split('/')
        .next()
        .unwrap()
        .to_string();
    let redis_addr: std::net::SocketAddr = tokio::net::lookup_host(redis_addr)
        .await
        .unwrap()
        .next()
        .unwrap();
    let toggle = platform_testkit::TcpToggle::start(redis_addr).await;
    let prefix = platform_testkit::redis_prefix();
    let make = || {
        let mut s = with_tight_policy(settings(&identity, &up.url, routes()), 4);
        s.redis_url = Some(format!("redis://127.0.0.1:{}", toggle.port()));
        s.redis_prefix = prefix.clone();
        s.trusted_proxies = vec!["127.0.0.1".into()];
        s
    };
    let (one, two) = (spawn_gateway(make()).await, spawn_gateway(make()).await);
    let client = http();
    let status = |gw: &str, who: &str| {
        client
            .get(format!("{gw}/limited/x"))
            .header("x-forwarded-for", who)
            .send()
    };
    // 4 allowed in all, alternating replicas; the 5th is refused by either
    for gw in [&one, &two, &one, &two] {
        assert_eq!(status(gw, "10.0.0.1").await.unwrap().status(), 200);
    }
    assert_eq!(status(&one, "10.0.0.1").await.unwrap().status(), 429);
    assert_eq!(status(&two, "10.0.0.1").await.unwrap().status(), 429);

    toggle.set_up(false);
    // fail-open: each replica now counts on its own, and keeps serving
    let res = client.get(format!("{one}/open/x")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let res = client.get(format!("{one}/limited/y")).send().await.unwrap();
    assert_eq!(res.status(), 200, "Redis down must not stop traffic");
    let metrics = client
        .get(format!("{one}/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let failures = metrics
        .lines()
        .find(|l| l.starts_with("gateway_redis_failures_total"))
        .unwrap();
    assert!(!failures.ends_with(" 0"), "{failures}");

    toggle.set_up(true);
    // back on Redis: each replica's decisions land in Redis again
    let mut redis = redis::Client::open(redis_url.as_str())
        .unwrap()
        .get_multiplexed_async_connection()
        .await
        .unwrap();
    let mut probe = 0;
    let back = platform_testkit::eventually(std::time::Duration::from_secs(5), async || {
        probe += 1;
        let mut both = true;
        for (i, gw) in [&one, &two].into_iter().enumerate() {
            let ip = format!("10.1.{i}.{probe}");
            status(gw, &ip).await.unwrap();
            let key = format!("{prefix}rate:tight:ip:{ip}");
            both &= redis::cmd("EXISTS")
                .arg(&key)
                .query_async::<i64>(&mut redis)
                .await
                .unwrap()
                == 1;
        }
        both
    })
    .await;
    assert!(back, "the replicas did not go back to Redis");
    // the quota spent before the outage is still spent, on both replicas
    assert_eq!(status(&one, "10.0.0.1").await.unwrap().status(), 429);
    assert_eq!(status(&two, "10.0.0.1").await.unwrap().status(), 429);
    // and a fresh client's quota is shared again: 4 across both
    for gw in [&one, &two, &two, &one] {
        assert_eq!(status(gw, "10.0.0.3").await.unwrap().status(), 200);
    }
    assert_eq!(status(&two, "10.0.0.3").await.unwrap().status(), 429);
}

/// A burst of concurrent requests from one client gets exactly its quota,
/// no more and no fewer, however the checks are batched: across two
/// replicas on one Redis when `TEST_REDIS_URL` is set, in one replica's
/// own counters otherwise.
#[actix_web::test]
async fn a_concurrent_burst_gets_exactly_the_quota() {
    const QUOTA: u32 = 25;
    const SENT: usize = 150;
    let identity = Identity::start().await;
    let up = upstream::start().await;
    let redis = platform_testkit::redis_url_if_set();
    let prefix = platform_testkit::redis_prefix();
    let make = || {
        let mut s = with_tight_policy(settings(&identity, &up.url, routes()), QUOTA);
        s.redis_url = redis.clone();
        s.redis_prefix = prefix.clone();
        s.trusted_proxies = vec!["127.0.0.1".into()];
        s
    };
    let mut gateways = vec![spawn_gateway(make()).await];
    if redis.is_some() {
        gateways.push(spawn_gateway(make()).await);
    }
    let client = http();
    let sends = (0..SENT).map(|i| {
        client
            .get(format!("{}/limited/burst", gateways[i % gateways.len()]))
            .header("x-forwarded-for", "10.9.9.9")
            .send()
    });
    let statuses = all_at_once(sends).await;
    let allowed = statuses.iter().filter(|s| **s == 200).count();
    let limited = statuses.iter().filter(|s| **s == 429).count();
    assert_eq!(allowed, QUOTA as usize, "statuses: {statuses:?}");
    assert_eq!(limited, SENT - QUOTA as usize, "statuses: {statuses:?}");
    assert_eq!(up.requests(), u64::from(QUOTA));
}

/// With leases (on by default), a busy client's replicas spend part of its
/// quota without asking Redis each time. Under a concurrent burst on two
/// replicas no more than the quota passes, and once the leases have
/// expired the tokens they did not spend are back: exactly the quota has
/// passed in all.
#[actix_web::test]
#[ignore = "needs Redis: set TEST_REDIS_URL and pass --include-ignored"]
async fn leased_quota_never_lets_more_through_and_comes_back_unspent() {
    const QUOTA: u32 = 400;
    let redis = platform_testkit::require_redis();
    let identity = Identity::start().await;
    let up = upstream::start().await;
    let prefix = platform_testkit::redis_prefix();
    let make = || {
        let mut s = settings(&identity, &up.url, routes());
        // a day's quota: nothing refills while the test runs
        s.rate_limit.policies.insert(
            "tight".into(),
            Policy {
                requests: QUOTA,
                per_secs: 86_400,
            },
        );
        s.rate_limit.lease = 64;
        s.rate_limit.lease_ms = 50;
        s.redis_url = Some(redis.clone());
        s.redis_prefix = prefix.clone();
        s
    };
    let gateways = [spawn_gateway(make()).await, spawn_gateway(make()).await];
    let client = http();
    let get = |gw: &str| client.get(format!("{gw}/limited/lease")).send();
    // one request to each replica, on a full bucket: each takes a lease
    // (a 16th of what is left) that it never spends
    for gw in &gateways {
        let res = get(gw).await.unwrap();
        assert_eq!(res.status(), 200);
    }
    let burst = (0..2 * QUOTA as usize).map(|i| get(&gateways[i % 2]));
    let statuses = all_at_once(burst).await;
    let burst_allowed = statuses.iter().filter(|s| **s == 200).count();
    assert!(
        burst_allowed <= QUOTA as usize - 2,
        "{burst_allowed} passed"
    );
    assert!(statuses.iter().all(|s| [200, 429].contains(s)));

    // every lease expires within 50 ms and its replica reports it; then one
    // replica gets exactly what the burst left
    let mut redis_conn = redis::Client::open(redis.as_str())
        .unwrap()
        .get_multiplexed_async_connection()
        .await
        .unwrap();
    let bucket = format!("{prefix}rate:tight:ip:127.0.0.1");
    let reported = platform_testkit::eventually(std::time::Duration::from_secs(5), async || {
        let leased: Option<i64> = redis::cmd("HGET")
            .arg(&bucket)
            .arg("leased")
            .query_async(&mut redis_conn)
            .await
            .unwrap();
        leased.unwrap_or(0) == 0
    })
    .await;
    assert!(reported, "the leases were not reported back");
    let mut later = 0;
    loop {
        let res = get(&gateways[0]).await.unwrap();
        if res.status() == 429 {
            break;
        }
        assert_eq!(res.status(), 200);
        later += 1;
        let left = QUOTA as usize - 2 - burst_allowed - later;
        assert_eq!(
            res.headers()["ratelimit-remaining"],
            left.to_string().as_str()
        );
        assert!(later <= QUOTA as usize, "never refused");
    }
    assert_eq!(2 + burst_allowed + later, QUOTA as usize);
    assert_eq!(up.requests(), u64::from(QUOTA));
}

/// Sends the requests all at once and returns their statuses, in order.
async fn all_at_once(
    sends: impl IntoIterator<
        Item = impl std::future::Future<Output = reqwest::Result<reqwest::Response>>,
    >,
) -> Vec<u16> {
    futures_util::future::join_all(sends)
        .await
        .into_iter()
        .map(|r| r.expect("the gateway answers").status().as_u16())
        .collect()
}

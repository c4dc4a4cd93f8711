//! `gateway-bench`: throughput and latency of the gateway against the same
//! trivial upstream called directly and through nginx, in one run.
//!
//! cargo run --release -p bench --bin gateway-bench -- [--seconds 5] [--rounds 3] [--connections 64] [--rate N] [--workers 1] [--redis redis://127.0.0.1:6379] [--only b,c]
//!
//! Scenarios run in turn, round after round, and each one's rounds are
//! added up, so a slow spell of the machine spreads over all of them.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a benchmark stops at its first failure, with the reason"
)]

// the allocator the gateway's own binary uses
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod cpu;
mod load;
mod nginx;
mod servers;

use gateway::settings::{AuthMode, Policy, RouteSettings};
use platform_auth::{Claims, SigningKey};
use platform_http::Dialect;
use std::time::Duration;

struct Args {
    seconds: u64,
    rounds: usize,
    connections: usize,
    rate: Option<u64>,
    workers: usize,
    redis: String,
    /// Scenario letters to run (`a`, `b`, `c`, `c0`, `c'`, `d`); all when empty.
    /// One scenario alone is what a profiler wants to watch.
    only: Vec<String>,
}

fn args() -> Args {
    let mut a = Args {
        seconds: 5,
        rounds: 3,
        connections: 64,
        rate: None,
        workers: 1,
        redis: std::env::var("REDIS_URL").unwrap_or_else(|_| "redis://127.0.0.1:6379".into()),
        only: Vec::new(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().unwrap_or_else(|| panic!("{flag} needs a value"));
        match flag.as_str() {
            "--seconds" => a.seconds = value.parse().expect("--seconds N"),
            "--rounds" => a.rounds = value.parse().expect("--rounds N"),
            "--connections" => a.connections = value.parse().expect("--connections N"),
            "--rate" => a.rate = Some(value.parse().expect("--rate N (requests per second)")),
            "--workers" => a.workers = value.parse().expect("--workers N"),
            "--redis" => a.redis = value,
            "--only" => a.only = value.split(',').map(|s| s.trim().to_string()).collect(),
            other => panic!("unknown flag {other}"),
        }
    }
    a
}

/// How a secured gateway counts its rate limit: in Redis, with leases of
/// this size (0: every request in Redis), or in-process.
#[derive(Clone, Copy)]
enum Limit<'a> {
    Redis(&'a str, u32),
    InProcess,
}

/// `secured`: JWT required and a rate limit that never refuses, counted as
/// `Limit` says.
async fn gateway(upstream: u16, jwks: u16, workers: usize, secured: Option<Limit<'_>>) -> u16 {
    let mut s = gateway::Settings {
        listen: "127.0.0.1:0".into(),
        workers,
        jwks_url: format!("http://127.0.0.1:{jwks}/.well-known/jwks.json"),
        revocations_url: None,
        ..gateway::Settings::default()
    };
    s.upstreams
        .insert("up".into(), format!("http://127.0.0.1:{upstream}"));
    let mut route =
        RouteSettings::new("/", "up", AuthMode::Public, Dialect::Panel).limited_by("none");
    if let Some(limit) = secured {
        // a limit so high it never refuses: the cost of checking is measured
        s.rate_limit.policies.insert(
            "bench".into(),
            Policy {
                requests: 1_000_000_000,
                per_secs: 60,
            },
        );
        if let Limit::Redis(url, lease) = limit {
            s.redis_url = Some(url.to_string());
            s.rate_limit.lease = lease;
        }
        s.redis_prefix = format!("bench:{}:", std::process::id());
        route =
            RouteSettings::new("/", "up", AuthMode::Required, Dialect::Panel).limited_by("bench");
    }
    s.routes = vec![route];
    let app = gateway::Application::build(s)
        .await
        .expect("gateway starts");
    let port = app.port();
    actix_web::rt::spawn(app.run());
    port
}

#[actix_web::main]
async fn main() {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("error")).init();
    let a = args();
    let (warmup, duration) = (Duration::from_secs(2), Duration::from_secs(a.seconds));
    let key = SigningKey::generate();
    let token = key.sign(&Claims::new("bench-user", "user", 3600));
    let upstream = servers::upstream(a.workers);
    let jwks = servers::jwks(&key);
    let plain = gateway(upstream, jwks, a.workers, None).await;
    let lease = gateway::Settings::default().rate_limit.lease;
    let secured = gateway(
        upstream,
        jwks,
        a.workers,
        Some(Limit::Redis(&a.redis, lease)),
    )
    .await;
    let secured_strict = gateway(upstream, jwks, a.workers, Some(Limit::Redis(&a.redis, 0))).await;
    let secured_local = gateway(upstream, jwks, a.workers, Some(Limit::InProcess)).await;
    let nginx = nginx::Nginx::start(upstream, a.workers);
    tokio::time::sleep(Duration::from_millis(300)).await;

    if let Some(rate) = a.rate {
        println!("paced: {rate} requests/s in all, to measure latency below saturation");
    }
    println!(
        "gateway benchmark: {} connections, {} round(s) of {} s per scenario (each after {} s warm-up), {} worker(s) per server, {} cores",
        a.connections,
        a.rounds,
        a.seconds,
        warmup.as_secs(),
        a.workers,
        std::thread::available_parallelism().map_or(0, std::num::NonZero::get)
    );
    let url = |port: u16| format!("http://127.0.0.1:{port}/bench");
    let mut scenarios = vec![
        ("a", "(a) upstream direct", upstream, None),
        ("b", "(b) gateway, no auth", plain, None),
        (
            "c",
            "(c) gateway, JWT + Redis limit",
            secured,
            Some(token.as_str()),
        ),
        (
            "c0",
            "(c0) as (c), every request counted in Redis (no leases)",
            secured_strict,
            Some(token.as_str()),
        ),
        (
            "c'",
            "(c') gateway, JWT + in-process limit",
            secured_local,
            Some(token.as_str()),
        ),
    ];
    match &nginx {
        Some(n) => scenarios.push(("d", "(d) nginx reverse proxy", n.port, None)),
        None => println!("nginx not installed: (d) skipped (apt-get install nginx-light)"),
    }
    scenarios.retain(|s| a.only.is_empty() || a.only.iter().any(|o| o == s.0));
    let cpu = cpu::CpuClock::new(nginx.as_ref().map(nginx::Nginx::pid), &a.redis);
    let mut rows: Vec<(&str, &str, Option<load::Measured>)> =
        scenarios.iter().map(|s| (s.0, s.1, None)).collect();
    for _ in 0..a.rounds {
        for (i, (_, _, port, tok)) in scenarios.iter().enumerate() {
            let m = load::run(
                &cpu,
                &url(*port),
                *tok,
                a.connections,
                a.rate,
                warmup,
                duration,
            )
            .await;
            match &mut rows[i].2 {
                Some(total) => total.absorb(m),
                slot => *slot = Some(m),
            }
        }
    }
    let rows: Vec<(&str, &str, load::Measured)> = rows
        .into_iter()
        .map(|(key, name, m)| (key, name, m.expect("measured")))
        .collect();
    let find = |key: &str| rows.iter().find(|r| r.0 == key).map(|r| &r.2);
    let ratio = |m: &load::Measured, key: &str| {
        find(key).map_or("-".to_string(), |base| {
            format!("{:.2}", m.rps() / base.rps())
        })
    };

    println!();
    println!(
        "| scenario | req/s | p50 ms | p99 ms | errors | vs (a) | vs (b) | CPU µs/req | proxy's µs/req |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    );
    for (_, name, m) in &rows {
        // what the proxy in between costs: all CPU per request, less the
        // load generator's and the upstream's, which (a) is alone
        let proxy = find("a").map_or("-".to_string(), |a| {
            format!("{:.1}", m.cpu_us_per_request() - a.cpu_us_per_request())
        });
        println!(
            "| {name} | {:.0} | {:.2} | {:.2} | {} | {} | {} | {:.1} | {proxy} |",
            m.rps(),
            m.percentile_ms(0.5),
            m.percentile_ms(0.99),
            m.errors,
            ratio(m, "a"),
            ratio(m, "b"),
            m.cpu_us_per_request(),
        );
    }
    println!();
    if let (Some(a), Some(b)) = (find("a"), find("b")) {
        let added = b.percentile_ms(0.99) - a.percentile_ms(0.99);
        println!("p99 added by the gateway (b - a): {added:.2} ms (target <= 1 ms)");
    }
    if let (Some(b), Some(c)) = (find("b"), find("c")) {
        println!(
            "(c) keeps {:.0}% of (b)'s throughput (target >= 90%)",
            100.0 * c.rps() / b.rps()
        );
    }
    if let (Some(b), Some(d)) = (find("b"), find("d")) {
        println!(
            "(b) / (d) throughput: {:.2} (target >= 1.00)",
            b.rps() / d.rps()
        );
    }
}

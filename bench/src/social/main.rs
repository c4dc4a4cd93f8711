//! `social-bench`: the social service's two targets on PostgreSQL (issue 13).
//!
//! cargo run --release -p bench --bin social-bench -- [--seconds 10] [--connections 64] [--reactions 1000000] [--requests 2000] [--database postgres://postgres@127.0.0.1:5432/postgres]
//!
//! The service runs in-process (release build, 2 workers, 16 database
//! connections, as smm-bench runs smm) on its own new database, dropped at
//! the end (`BENCH_DATABASE_URL` or `--database` names the server, its
//! parameters kept: with PostgreSQL on loopback, `?sslmode=disable` spares
//! the TLS libpq otherwise negotiates, about a third of the reactions'
//! cost on 2 cores); tokens are `platform_testkit`'s stand-in identity's,
//! and identity's `/internal/users` (comment writers' names) is a stand-in
//! here (`names.rs`).
//!
//! 1. Reactions: `USERS` users react at once for `--seconds` through HTTP
//!    over `--connections` connections (add-like, add-dislike, delete-like,
//!    add-favorite, add-view in equal shares, on a catalog of 125 targets
//!    made through the admin API). It reports reactions per second and
//!    latency, then checks in SQL that every counter equals the rows it
//!    counts, that no user likes and dislikes one target, that every view
//!    answered is one row and that each user's last view is the one the
//!    view list shows. Target: at least 2,000/s, counters exact.
//! 2. Lists: `--reactions` likes, dislikes, favorites and subscriptions
//!    (plus a quarter as many views and a twentieth as many comments) are
//!    inserted with SQL (`generate_series`) in the service's shapes on a
//!    catalog of their own, the counters moved from the inserted rows, the
//!    counters checked again; then `--requests` list pages are read one at
//!    a time, and again over `--connections` connections, and it reports
//!    p50/p99 by list. Target: p99 at most 10 ms with 1,000,000 stored.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a benchmark stops at its first failure, with the reason"
)]

#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "../common/mod.rs"]
mod common;
mod counters;
mod lists;
mod names;
mod reactions;
mod seed;

use common::database::Fresh;
use common::flags;
use platform_auth::Claims;
use platform_testkit::StandInIdentity;
use std::time::Duration;

pub struct Args {
    pub seconds: u64,
    pub connections: usize,
    pub reactions: i64,
    pub requests: usize,
    pub database: String,
}

fn args() -> Args {
    let mut a = Args {
        seconds: 10,
        connections: 64,
        reactions: 1_000_000,
        requests: 2_000,
        database: flags::database(),
    };
    for (flag, value) in flags::pairs() {
        match flag.as_str() {
            "--seconds" => a.seconds = flags::number(&flag, &value, "a number"),
            "--connections" => a.connections = flags::number(&flag, &value, "a number"),
            "--reactions" => a.reactions = flags::number(&flag, &value, "a number"),
            "--requests" => a.requests = flags::number(&flag, &value, "a number"),
            "--database" => a.database = value,
            other => panic!("unknown flag {other}"),
        }
    }
    assert!(a.connections > 0 && a.requests > 0, "at least one of each");
    a
}

/// The app's `username` of user `id` (a mobile number, as in the
/// service's tests).
pub fn mobile(id: i64) -> String {
    format!("0912{id:07}")
}

/// A user's token as identity issues it to the app: subject the numeric
/// id, `username` the mobile.
pub fn token(identity: &StandInIdentity, user: i64) -> String {
    identity.sign(&Claims::new(user.to_string(), "user", 3600).with_username(mobile(user)))
}

/// The service on a free port against `database`, release build, as it
/// would run in production.
pub async fn start_social(identity: &StandInIdentity, database: &str, names: &str) -> String {
    let mut s = social::Settings::default();
    s.common.listen = "127.0.0.1:0".into();
    s.common.database_url = database.into();
    s.common.workers = 2;
    s.common.max_connections = 16;
    s.common.jwks_url = identity.jwks_url();
    s.common.revocations_url = Some(identity.revocations_url());
    s.common.internal_secret = Some(platform_settings::Secret::new(
        platform_testkit::INTERNAL_SECRET,
    ));
    s.identity_url = names.into();
    let served = social::Application::build(s).await.expect("social starts");
    let url = format!("http://127.0.0.1:{}", served.port());
    actix_web::rt::spawn(served.run());
    url
}

#[actix_web::main]
async fn main() {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).init();
    let args = args();
    let identity = StandInIdentity::start().await;
    let names = names::start();
    let db = Fresh::create(&args.database, "social");
    let social = start_social(&identity, &db.url, &names).await;
    println!("social-bench: social at {social}, database {}", db.name);
    println!("social-bench: load average before: {}", load_average());
    reactions::run(&args, &identity, &social, &db.url).await;
    let seeded = seed::run(&args, &db.url);
    lists::run(&args, &identity, &social, &seeded).await;
    println!("social-bench: load average after: {}", load_average());
    // let the pool close before the database is dropped
    tokio::time::sleep(Duration::from_millis(200)).await;
}

/// `/proc/loadavg`'s three figures: other work on the machine skews these.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

//! `smm-bench`: the SMM panel's two targets on PostgreSQL (issue 11).
//!
//! cargo run --release -p bench --bin smm-bench -- [--seconds 10] [--connections 64] [--orders 10000] [--database postgres://postgres@127.0.0.1:5432/postgres]
//!
//! 1. Placement: many users order at once for `--seconds` through HTTP
//!    (the real service, release build, its own new database); every order
//!    is a conditional wallet debit, an order row and a ledger line. It
//!    reports orders per second and latency, then checks the books (every
//!    ledger sums to its balance) and that no wallet went below zero, and
//!    races 200 orders against one balance worth 50 of them.
//! 2. Sync: `--orders` active orders over 3 stand-in providers; every
//!    provider's orders turn Completed at once, and it reports how long
//!    until the panel shows all of them completed (target: within 60 s,
//!    with the default `sync_interval_ms` of 30 s).

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
mod database;
mod placement;
mod providers;
mod sync;

use common::flags;
use platform_testkit::StandInIdentity;
use std::time::Duration;

pub struct Args {
    pub seconds: u64,
    pub connections: usize,
    pub orders: i64,
    pub database: String,
}

fn args() -> Args {
    let mut a = Args {
        seconds: 10,
        connections: 64,
        orders: 10_000,
        database: flags::database(),
    };
    for (flag, value) in flags::pairs() {
        match flag.as_str() {
            "--seconds" => a.seconds = flags::number(&flag, &value, "a number"),
            "--connections" => a.connections = flags::number(&flag, &value, "a number"),
            "--orders" => a.orders = flags::number(&flag, &value, "a number"),
            "--database" => a.database = value,
            other => panic!("unknown flag {other}"),
        }
    }
    a
}

/// The service on a free port against `database`, release build, as it
/// would run in production (workers on, default intervals).
pub async fn start_smm(identity: &StandInIdentity, database: &str) -> String {
    let mut s = smm::Settings::default();
    s.common.listen = "127.0.0.1:0".into();
    s.common.database_url = database.into();
    s.common.workers = 2;
    s.common.max_connections = 16;
    s.common.jwks_url = identity.jwks_url();
    s.common.internal_secret = Some(platform_settings::Secret::new(
        platform_testkit::INTERNAL_SECRET,
    ));
    let served = smm::Application::build(s).await.expect("smm starts");
    let url = format!("http://127.0.0.1:{}", served.port());
    actix_web::rt::spawn(served.run());
    url
}

#[actix_web::main]
async fn main() {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).init();
    let args = args();
    let identity = StandInIdentity::start().await;
    let db = database::Fresh::create(&args.database, "smm");
    let smm = start_smm(&identity, &db.url).await;
    println!("smm-bench: smm at {smm}, database {}", db.name);
    placement::run(&args, &identity, &smm, &db.url).await;
    sync::run(&args, &identity, &smm, &db.url).await;
    // let the pool close before the database is dropped
    tokio::time::sleep(Duration::from_millis(200)).await;
}

//! What tests of every service share: a fresh database per test (a SQLite
//! file, or a fresh PostgreSQL database when `TEST_DATABASE_URL` is set), a
//! Redis key prefix per test when `TEST_REDIS_URL` is set, a stand-in
//! identity (JWKS, logout feed, tokens), settings for a service under test,
//! a service running on a free port, answers read whole with assertions of
//! each dialect's error shape, the snapshot settings, and a TCP proxy that
//! can cut a connection to simulate an outage.

// test support: a set-up that cannot be made is a failed test, said plainly
#![expect(
    clippy::expect_used,
    clippy::panic,
    reason = "test support panics, as a test does, when its set-up fails"
)]

mod database;
pub mod identity;
mod serve;
pub mod service;
mod toggle;

pub use database::TestDb;
pub use identity::{StandInIdentity, INTERNAL_SECRET};
pub use serve::{send, snapshot_settings, Reply, Running};
pub use toggle::TcpToggle;

/// Where a service under test listens: a free port on loopback.
pub const ANY_PORT: &str = "127.0.0.1:0";

/// Why a test is `#[ignore]`d: it needs Redis. CI sets `TEST_REDIS_URL`
/// and runs ignored tests too (`--include-ignored`).
pub const NEEDS_REDIS: &str = "needs Redis: set TEST_REDIS_URL and pass --include-ignored";

/// `TEST_REDIS_URL`, for a test that cannot do without Redis (and so is
/// `#[ignore = "needs Redis..."]`). Panics when it is unset: such a test
/// never passes by checking nothing.
pub fn require_redis() -> String {
    redis_url_if_set().unwrap_or_else(|| panic!("{NEEDS_REDIS}"))
}

/// Why a test is `#[ignore]`d: it is about PostgreSQL alone. CI sets
/// `TEST_DATABASE_URL` and runs ignored tests too.
pub const NEEDS_POSTGRES: &str =
    "needs PostgreSQL: set TEST_DATABASE_URL and pass --include-ignored";

/// A fresh PostgreSQL database, for a test that cannot do without one.
/// Panics when `TEST_DATABASE_URL` is unset.
pub fn require_postgres() -> TestDb {
    let db = TestDb::new();
    if !db.is_postgres() {
        panic!("{NEEDS_POSTGRES}");
    }
    db
}

/// `TEST_REDIS_URL` when set, for tests that run either way (in-process
/// without it, on Redis with it).
pub fn redis_url_if_set() -> Option<String> {
    std::env::var("TEST_REDIS_URL")
        .ok()
        .filter(|url| !url.is_empty())
}

/// A key prefix no other test shares, so tests on one Redis never collide.
pub fn redis_prefix() -> String {
    format!("test:{}:", uuid::Uuid::new_v4().simple())
}

/// Waits until `check` returns true, polling every 20 ms, for at most `limit`.
pub async fn eventually(limit: std::time::Duration, mut check: impl AsyncFnMut() -> bool) -> bool {
    let deadline = tokio::time::Instant::now() + limit;
    loop {
        if check().await {
            return true;
        }
        if tokio::time::Instant::now() >= deadline {
            return false;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}

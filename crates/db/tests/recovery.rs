//! A pooled PostgreSQL connection whose server side went away (a restart
//! of PostgreSQL, an operator's `pg_terminate_backend`): one that sat idle
//! is checked and replaced before use; one handed back moments before
//! (inside the pool's alive-bypass window, where no check is made) fails
//! its one request and is then dropped, so the next request works.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a test fails by panicking"
)]

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel_migrations::{embed_migrations, EmbeddedMigrations};
use platform_db::{Db, DbError, DbOptions, Migrations};
use std::time::Duration;

const PG: EmbeddedMigrations = embed_migrations!("tests/migrations/postgres");
const SQLITE: EmbeddedMigrations = embed_migrations!("tests/migrations/sqlite");
static MIGRATIONS: Migrations = Migrations {
    postgres: &PG,
    sqlite: &SQLITE,
};

/// Ends every server process of the test's database but the caller's.
fn terminate_others(url: &str) {
    let mut admin = PgConnection::establish(url).unwrap();
    admin
        .batch_execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
             WHERE datname = current_database() AND pid <> pg_backend_pid()",
        )
        .unwrap();
}

fn select_one(db: &Db) -> Result<(), DbError> {
    db.get()?.batch_execute("SELECT 1").map_err(DbError::from)
}

#[test]
#[ignore = "needs PostgreSQL: set TEST_DATABASE_URL and pass --include-ignored"]
fn a_dead_connection_is_replaced_before_use_or_dropped_after_one_failure() {
    let test_db = platform_testkit::require_postgres();
    let options = DbOptions {
        max_connections: 1,
        ..DbOptions::default()
    };
    let db = Db::connect(&test_db.url, &MIGRATIONS, &options).unwrap();
    select_one(&db).unwrap();

    // idle past the window: checked at checkout, replaced, no failure
    terminate_others(&test_db.url);
    std::thread::sleep(Duration::from_millis(800));
    select_one(&db).expect("an idle dead connection is replaced before use");

    // handed back just now: no check, so this request fails, as unavailable
    terminate_others(&test_db.url);
    let failed = select_one(&db).expect_err("a dead connection used without a check fails");
    assert!(failed.is_unavailable(), "{failed}");
    // and the broken connection was dropped, not handed out again
    select_one(&db).expect("the next request has a new connection");
}

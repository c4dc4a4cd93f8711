//! The pool, migrations and write transactions under concurrent writers, on
//! SQLite and (with TEST_DATABASE_URL) PostgreSQL.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a test fails by panicking"
)]

use diesel::prelude::*;
use diesel_migrations::{embed_migrations, EmbeddedMigrations};
use platform_db::{Db, DbError, DbOptions, Migrations};

const PG: EmbeddedMigrations = embed_migrations!("tests/migrations/postgres");
const SQLITE: EmbeddedMigrations = embed_migrations!("tests/migrations/sqlite");
static MIGRATIONS: Migrations = Migrations {
    postgres: &PG,
    sqlite: &SQLITE,
};

diesel::table! {
    counters (id) {
        id -> Integer,
        value -> BigInt,
    }
}

fn connect(url: &str) -> Db {
    Db::connect(url, &MIGRATIONS, &DbOptions::default()).expect("connects and migrates")
}

/// Read-then-write increments inside write transactions: 8 threads × 25
/// increments lose none and none fails with "database is locked".
#[test]
fn write_transactions_serialise_read_modify_write() {
    let test_db = platform_testkit::TestDb::new();
    let db = connect(&test_db.url);
    diesel::insert_into(counters::table)
        .values((counters::id.eq(1), counters::value.eq(0i64)))
        .execute(&mut *db.get().unwrap())
        .unwrap();
    let threads: Vec<_> = (0..8)
        .map(|_| {
            let db = db.clone();
            std::thread::spawn(move || {
                for _ in 0..25 {
                    let mut conn = db.get().unwrap();
                    conn.write_transaction(|c| {
                        let v: i64 = match c {
                            // PostgreSQL: lock the row for the read
                            platform_db::AnyConnection::Postgresql(pg) => counters::table
                                .find(1)
                                .select(counters::value)
                                .for_update()
                                .first(pg)?,
                            platform_db::AnyConnection::Sqlite(_) => {
                                counters::table.find(1).select(counters::value).first(c)?
                            }
                        };
                        diesel::update(counters::table.find(1))
                            .set(counters::value.eq(v + 1))
                            .execute(c)?;
                        Ok::<_, DbError>(())
                    })
                    .unwrap();
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let total: i64 = counters::table
        .find(1)
        .select(counters::value)
        .first(&mut *db.get().unwrap())
        .unwrap();
    assert_eq!(total, 200);
}

/// Replicas starting together: migrations run once, nobody fails.
#[test]
fn concurrent_start_ups_migrate_once() {
    let test_db = platform_testkit::TestDb::new();
    let url = test_db.url.clone();
    let starts: Vec<_> = (0..4)
        .map(|_| {
            let url = url.clone();
            std::thread::spawn(move || connect(&url))
        })
        .collect();
    for s in starts {
        let db = s.join().unwrap();
        let rows: i64 = counters::table
            .count()
            .get_result(&mut *db.get().unwrap())
            .unwrap();
        assert_eq!(rows, 0);
    }
}

#[test]
fn bad_urls_are_refused_with_their_reason() {
    let err = Db::connect(
        "mysql://user:secret@h/db",
        &MIGRATIONS,
        &DbOptions::default(),
    )
    .err()
    .unwrap()
    .to_string();
    assert!(err.contains("neither sqlite nor postgres"), "{err}");
    assert!(!err.contains("secret"), "{err}");
}

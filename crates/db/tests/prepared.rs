//! A [`Prepared`] statement on PostgreSQL: its values reach the places its
//! `$n` name (one name used twice included), a data-modifying `WITH` is
//! one statement, and the statement is prepared once per connection.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a test fails by panicking"
)]

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text};
use platform_db::{Prepared, Value};

#[test]
#[ignore = "needs PostgreSQL: set TEST_DATABASE_URL and pass --include-ignored"]
fn a_statement_is_prepared_once_and_binds_by_number() {
    let test_db = platform_testkit::require_postgres();
    let mut conn = PgConnection::establish(&test_db.url).unwrap();
    conn.batch_execute("CREATE TABLE t (id BIGSERIAL PRIMARY KEY, n BIGINT NOT NULL, s TEXT)")
        .unwrap();
    const ADD: &str = "WITH a AS (INSERT INTO t (n, s) VALUES ($2, $1) RETURNING id, n), \
        b AS (INSERT INTO t (n, s) SELECT n + $2, $3 FROM a RETURNING n) \
        SELECT b.n, $1 FROM b";
    for i in 1..=3_i64 {
        let (n, s): (i64, Option<String>) = Prepared::<(BigInt, Nullable<Text>)>::new(
            ADD,
            vec![
                Value::NullText(Some("x")),
                Value::BigInt(i),
                Value::NullText(None),
            ],
        )
        .get_result(&mut conn)
        .unwrap();
        assert_eq!((n, s.as_deref()), (2 * i, Some("x")));
    }
    let rows: i64 = diesel::dsl::sql::<BigInt>("SELECT count(*) FROM t")
        .get_result(&mut conn)
        .unwrap();
    assert_eq!(rows, 6);
    let prepared: i64 = diesel::dsl::sql::<BigInt>(
        "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE 'WITH a AS (INSERT INTO t%'",
    )
    .get_result(&mut conn)
    .unwrap();
    assert_eq!(prepared, 1, "three runs, one prepared statement");
}

#[test]
#[ignore = "needs PostgreSQL: set TEST_DATABASE_URL and pass --include-ignored"]
fn a_value_missing_for_a_name_is_an_error_not_a_panic() {
    let test_db = platform_testkit::require_postgres();
    let mut conn = PgConnection::establish(&test_db.url).unwrap();
    let missing = Prepared::<BigInt>::new("SELECT $1 + $2", vec![Value::BigInt(1)])
        .get_result::<i64>(&mut conn);
    assert!(missing.is_err());
}

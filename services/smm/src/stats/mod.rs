//! Seed 002's stats (`/api/v1/stats/top_users`, `/top_services`), read
//! from per-day aggregates (`user_stats`, `service_stats`) that every
//! placement and refund keeps in its own transaction ([`record`]), so a
//! page reads a few aggregate rows instead of scanning orders.

pub mod top_services;
pub mod top_users;

use crate::input::Params;
use actix_web::web;
use diesel::prelude::*;
use diesel::sql_types::BigInt;
use platform_db::AnyConnection;

pub fn configure(cfg: &mut web::ServiceConfig) {
    // one resource per path: another method is a 405, not a 404
    cfg.service(
        web::resource("/api/v1/stats/top_users").route(web::get().to(top_users::top_users)),
    );
    cfg.service(
        web::resource("/api/v1/stats/top_services")
            .route(web::get().to(top_services::top_services)),
    );
}

pub const DAY: i64 = 86_400;

/// Rows per service and day in `service_stats`.
const SHARDS: i64 = 16;

/// The aggregates' day of a moment (unix seconds).
pub fn day(at: i64) -> i64 {
    at.div_euclid(DAY)
}

/// Which of a service's day rows an account's orders go to.
pub fn shard(uid: i64) -> i64 {
    uid.rem_euclid(SHARDS)
}

/// Adds `orders` orders and `amount` (thousandths of a Toman, negative for
/// a refund) to the order's day, account and service. Written once per
/// backend family: the same upsert text reads alike on both.
pub fn record(
    conn: &mut AnyConnection,
    order_created: i64,
    uid: i64,
    service_id: i64,
    orders: i64,
    amount: i64,
) -> QueryResult<()> {
    const USERS: &str =
        "INSERT INTO user_stats (day, uid, orders, amount) VALUES ($1, $2, $3, $4) \
        ON CONFLICT (day, uid) DO UPDATE SET orders = user_stats.orders + excluded.orders, \
        amount = user_stats.amount + excluded.amount";
    // a service's day is spread over SHARDS rows by account, so orders of
    // different accounts do not queue on one row's lock (migration
    // 2026-12-03-000000_stats_shards). SQLite numbers `$n` parameters in
    // the order they first appear: keep them in order.
    const SERVICES: &str = "INSERT INTO service_stats (day, service_id, shard, orders, amount) VALUES ($1, $2, $3, $4, $5) \
        ON CONFLICT (day, service_id, shard) DO UPDATE SET orders = service_stats.orders + excluded.orders, \
        amount = service_stats.amount + excluded.amount";
    let (day, shard) = (day(order_created), shard(uid));
    let users = diesel::sql_query(USERS)
        .bind::<BigInt, _>(day)
        .bind::<BigInt, _>(uid)
        .bind::<BigInt, _>(orders)
        .bind::<BigInt, _>(amount);
    let services = diesel::sql_query(SERVICES)
        .bind::<BigInt, _>(day)
        .bind::<BigInt, _>(service_id)
        .bind::<BigInt, _>(shard)
        .bind::<BigInt, _>(orders)
        .bind::<BigInt, _>(amount);
    match conn {
        AnyConnection::Postgresql(pg) => {
            users.execute(pg)?;
            services.execute(pg)?;
        }
        AnyConnection::Sqlite(lite) => {
            users.execute(lite)?;
            services.execute(lite)?;
        }
    }
    Ok(())
}

/// A ranked row of an aggregate.
#[derive(QueryableByName)]
pub struct Ranked {
    #[diesel(sql_type = BigInt)]
    pub item: i64,
    #[diesel(sql_type = BigInt)]
    pub orders: i64,
    #[diesel(sql_type = BigInt)]
    pub amount: i64,
}

/// The top `limit` of `table` (`user_stats` by `uid` or `service_stats`
/// by `service_id`) since the day of `since`, by `rank` (`amount` or
/// `orders`). The names are this module's constants, never input.
pub fn ranked(
    conn: &mut AnyConnection,
    table: &'static str,
    key: &'static str,
    rank: &'static str,
    since: i64,
    limit: i64,
) -> QueryResult<Vec<Ranked>> {
    let sql = format!(
        "SELECT {key} AS item, CAST(SUM(orders) AS BIGINT) AS orders, CAST(SUM(amount) AS BIGINT) AS amount \
         FROM {table} WHERE day >= $1 GROUP BY {key} ORDER BY CAST(SUM({rank}) AS BIGINT) DESC, {key} LIMIT $2"
    );
    let query = diesel::sql_query(sql)
        .bind::<BigInt, _>(since.max(0).div_euclid(DAY))
        .bind::<BigInt, _>(limit);
    match conn {
        AnyConnection::Postgresql(pg) => query.load(pg),
        AnyConnection::Sqlite(lite) => query.load(lite),
    }
}

/// `limit` (default and most 10; more is read as 10) and `offset` (the
/// period's start in unix seconds, default 0; the aggregates count whole
/// UTC days, so it counts from the start of its day).
pub fn period(params: &mut Params) -> (i64, i64) {
    let limit = params
        .integer("limit", i64::MIN, i64::MAX)
        .unwrap_or(10)
        .clamp(1, 10);
    let offset = params.integer("offset", 0, i64::MAX / 2).unwrap_or(0);
    (limit, offset)
}

//! A placement on PostgreSQL as one statement: the conditional debit, the
//! order, its ledger line, the day's stats and the `Idempotency-Key`, in a
//! data-modifying `WITH`, prepared once per connection. One statement is
//! its own transaction, so the wallet's row lock is held for one round trip
//! instead of the seven of the same steps sent one by one (which is what
//! kept placement under its target). SQLite, where a statement costs no
//! round trip, takes the same steps one by one ([`super::place`]).

use super::place::NewOrder;
use diesel::sql_types::BigInt;
use diesel::{OptionalExtension, PgConnection, QueryResult, RunQueryDsl};
use platform_db::{Prepared, Value};

/// Nothing comes back when the balance does not cover the charge (or the
/// account has no wallet): then nothing was written. The stats upserts are
/// the ones `stats::record` sends on SQLite.
const PLACE: &str = "\
WITH debit AS (
    UPDATE wallets SET balance = balance - $1, spent = spent + $1, changed = $2
    WHERE user_id = $3 AND balance >= $1
    RETURNING balance
), placed AS (
    INSERT INTO orders (ids, uid, source, cate_id, service_id, service_type,
        api_provider_id, api_service_id, api_order_id, link, quantity, usernames,
        username, hashtags, hashtag, media, comments, sub_posts, sub_min, sub_max,
        sub_delay, sub_expiry, rate, charge, status, remains, is_drip_feed, runs,
        run_interval, dripfeed_quantity, forward, changed, created)
    SELECT $4, $3, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
        $19, $20, $21, $22, $23, $24, $25, $1, $26, $27, $28, $29, $30, $31, $32, $37, $2
    FROM debit
    RETURNING id
), line AS (
    INSERT INTO ledger (user_id, kind, amount, balance_after, order_id, reason, created)
    SELECT $3, 'charge', -$1, debit.balance, placed.id, 'order', $2 FROM debit, placed
), per_user AS (
    INSERT INTO user_stats (day, uid, orders, amount) SELECT $33, $3, 1, $1 FROM placed
    ON CONFLICT (day, uid) DO UPDATE SET orders = user_stats.orders + excluded.orders,
        amount = user_stats.amount + excluded.amount
), per_service AS (
    INSERT INTO service_stats (day, service_id, shard, orders, amount)
    SELECT $33, $7, $34, 1, $1 FROM placed
    ON CONFLICT (day, service_id, shard) DO UPDATE SET
        orders = service_stats.orders + excluded.orders,
        amount = service_stats.amount + excluded.amount
), keyed AS (
    INSERT INTO idempotency_keys (user_id, idem_key, fingerprint, order_id, created)
    SELECT $3, $35, $36, placed.id, $2 FROM placed WHERE $35 IS NOT NULL
)
SELECT id FROM placed";

/// Where the order's day and account fall in the stats, and the key that
/// names this placement, if any: `(key, fingerprint)`.
pub struct Extras<'a> {
    pub day: i64,
    pub shard: i64,
    pub key: Option<(&'a str, &'a str)>,
}

/// The new order's id, or `None` when the balance does not cover it.
pub fn place(
    pg: &mut PgConnection,
    row: &NewOrder<'_>,
    extras: &Extras<'_>,
) -> QueryResult<Option<i64>> {
    use Value::{BigInt as Int, Int as Int4, NullBigInt as OptInt, NullText as OptText, Text};
    let binds = vec![
        Int(row.charge),
        Int(row.created),
        Int(row.uid),
        Text(row.ids),
        Text(row.source),
        Int(row.cate_id),
        Int(row.service_id),
        Text(row.service_type),
        OptInt(row.api_provider_id),
        OptText(row.api_service_id),
        Int(row.api_order_id),
        OptText(row.link),
        Int(row.quantity),
        OptText(row.usernames),
        OptText(row.username),
        OptText(row.hashtags),
        OptText(row.hashtag),
        OptText(row.media),
        OptText(row.comments),
        OptInt(row.sub_posts),
        OptInt(row.sub_min),
        OptInt(row.sub_max),
        OptInt(row.sub_delay),
        OptText(row.sub_expiry),
        Int(row.rate),
        Text(row.status),
        Int(row.remains),
        Int4(row.is_drip_feed),
        Int(row.runs),
        Int(row.run_interval),
        Int(row.dripfeed_quantity),
        Text(row.forward),
        Int(extras.day),
        Int(extras.shard),
        OptText(extras.key.map(|(key, _)| key)),
        OptText(extras.key.map(|(_, fingerprint)| fingerprint)),
        Int(row.changed),
    ];
    Prepared::<BigInt>::new(PLACE, binds)
        .get_result(pg)
        .optional()
}

//! Reactions and views on PostgreSQL, each one prepared statement: the rows
//! and the counters that count them change together in a data-modifying
//! `WITH`, instead of five to eight statements sent one by one (which is
//! what kept reactions under their target). The SQLite path
//! ([`super::store`]) takes the same steps one by one.

use super::kind::Reaction;
use crate::catalog::counters::Delta;
use crate::catalog::Target;
use crate::input::Location;
use diesel::sql_types::{BigInt, Bool};
use diesel::{PgConnection, QueryResult, RunQueryDsl};
use platform_db::{Prepared, Value};

/// The counters' columns a reaction moves, each by `$n * rows` for the
/// rows added (`added`) and removed (`gone`) by the statement.
macro_rules! move_counters {
    () => {
        "liked = liked + $9 * n.added + $13 * n.gone,
        disliked = disliked + $10 * n.added + $14 * n.gone,
        favorite_count = favorite_count + $11 * n.added + $15 * n.gone,
        notification_count = notification_count + $12 * n.added + $16 * n.gone"
    };
}

/// Adds `$2` (when the target has counters, so exists) and removes the
/// kind it excludes (`$8`, none when NULL); answers whether the target
/// exists and how many rows were added. Runs inside the pair's locked
/// transaction, so the removal sees every earlier change of this user on
/// this target.
const ADD: &str = concat!(
    "WITH added AS (
    INSERT INTO reactions (user_id, kind, target_kind, target_id, x, y, created)
    SELECT $1, $2, $3, $4, $5, $6, $7 FROM counters WHERE target_kind = $3 AND target_id = $4
    ON CONFLICT (user_id, kind, target_kind, target_id) DO NOTHING
    RETURNING 1
), gone AS (
    DELETE FROM reactions
    WHERE user_id = $1 AND kind = $8 AND target_kind = $3 AND target_id = $4
        AND EXISTS (SELECT 1 FROM added)
    RETURNING 1
), n AS (
    SELECT (SELECT count(*) FROM added) AS added, (SELECT count(*) FROM gone) AS gone
), moved AS (
    UPDATE counters SET ",
    move_counters!(),
    "
    FROM n WHERE target_kind = $3 AND target_id = $4 AND n.added > 0
)
SELECT EXISTS (SELECT 1 FROM counters WHERE target_kind = $3 AND target_id = $4), n.added FROM n"
);

/// Removes `$2`; answers whether the target exists and how many rows went.
/// A single statement needs no lock: two removals of one row queue on it,
/// and the second finds it gone.
const REMOVE: &str = concat!(
    "WITH gone AS (
    DELETE FROM reactions
    WHERE user_id = $1 AND kind = $2 AND target_kind = $3 AND target_id = $4
    RETURNING 1
), n AS (
    SELECT 0::BIGINT AS added, (SELECT count(*) FROM gone) AS gone
), moved AS (
    UPDATE counters SET ",
    move_counters!(),
    "
    FROM n WHERE target_kind = $3 AND target_id = $4 AND n.gone > 0
)
SELECT EXISTS (SELECT 1 FROM counters WHERE target_kind = $3 AND target_id = $4), n.gone FROM n"
);

/// Counts a view when the target has counters, and makes it the user's
/// last of the target; a view that lost a race to a newer one of the same
/// user leaves the newer one last. Answers how many views were counted.
const VIEW: &str = "\
WITH seen AS (
    UPDATE counters SET viewed = viewed + 1
    WHERE target_kind = $2 AND target_id = $3
    RETURNING 1
), viewed AS (
    INSERT INTO views (user_id, target_kind, target_id, x, y, created)
    SELECT $1, $2, $3, $4, $5, $6 FROM seen
    RETURNING id
), last AS (
    INSERT INTO last_views (user_id, target_kind, target_id, view_id, created)
    SELECT $1, $2, $3, id, $6 FROM viewed
    ON CONFLICT (user_id, target_kind, target_id) DO UPDATE
    SET view_id = excluded.view_id, created = excluded.created
    WHERE last_views.view_id < excluded.view_id
)
SELECT count(*) FROM seen";

/// The four counters' deltas of one row of `kind`, as `$n` values.
fn per_row(kind: Option<Reaction>, sign: i64) -> [Value<'static>; 4] {
    let d = kind.map_or(Delta::default(), |k| k.delta(sign));
    [
        Value::BigInt(d.liked),
        Value::BigInt(d.disliked),
        Value::BigInt(d.favorites),
        Value::BigInt(d.notifications),
    ]
}

/// Whether the target exists, and the rows added.
pub fn add(
    pg: &mut PgConnection,
    user: i64,
    kind: Reaction,
    target: Target,
    at: Location,
    now: i64,
) -> QueryResult<(bool, i64)> {
    let other = kind.excludes();
    let mut binds = vec![
        Value::BigInt(user),
        Value::Text(kind.name()),
        Value::Text(target.kind.name()),
        Value::BigInt(target.id),
        Value::NullDouble(at.x),
        Value::NullDouble(at.y),
        Value::BigInt(now),
        Value::NullText(other.map(Reaction::name)),
    ];
    binds.extend(per_row(Some(kind), 1));
    binds.extend(per_row(other, -1));
    Prepared::<(Bool, BigInt)>::new(ADD, binds).get_result(pg)
}

/// Whether the target exists, and the rows removed.
pub fn remove(
    pg: &mut PgConnection,
    user: i64,
    kind: Reaction,
    target: Target,
) -> QueryResult<(bool, i64)> {
    let mut binds = vec![
        Value::BigInt(user),
        Value::Text(kind.name()),
        Value::Text(target.kind.name()),
        Value::BigInt(target.id),
    ];
    // $5 to $8 are not named, and nothing is added for $9 to $12 to move
    binds.extend(per_row(None, 1));
    binds.extend(per_row(None, 1));
    binds.extend(per_row(Some(kind), -1));
    Prepared::<(Bool, BigInt)>::new(REMOVE, binds).get_result(pg)
}

/// How many views were counted: 0 when the target does not exist.
pub fn view(
    pg: &mut PgConnection,
    user: i64,
    target: Target,
    at: Location,
    now: i64,
) -> QueryResult<i64> {
    let binds = vec![
        Value::BigInt(user),
        Value::Text(target.kind.name()),
        Value::BigInt(target.id),
        Value::NullDouble(at.x),
        Value::NullDouble(at.y),
        Value::BigInt(now),
    ];
    Prepared::<BigInt>::new(VIEW, binds).get_result(pg)
}

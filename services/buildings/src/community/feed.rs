//! The membership change feed: every resident who joined or left, by
//! `seq`. The chat service polls it with the last `seq` it saw, so `seq`
//! order must be commit order: a change that became visible after a
//! poller had moved past its seq would never be seen.

use super::model::Resident;
use crate::clock::now;
use crate::schema::{membership_changes, residents};
use diesel::prelude::*;
use platform_db::AnyConnection;
use serde::Serialize;

/// Any fixed number; only membership changes take it.
const FEED_LOCK: i64 = 0x6275_696c_6469_6e67;

#[derive(Debug, Clone, Serialize, Queryable, Selectable, utoipa::ToSchema)]
#[diesel(table_name = membership_changes)]
pub struct Change {
    /// The cursor: strictly increasing in commit order.
    pub seq: i64,
    /// `joined` or `left`.
    pub change: String,
    pub user_id: String,
    pub role: String,
    pub building_id: i64,
    pub block_id: i64,
    pub apartment_id: i64,
    /// Whether the user still lives in this block after the change (in
    /// another apartment of it, say).
    pub in_block: bool,
    /// Whether the user still lives in this building after the change.
    pub in_building: bool,
    /// Unix seconds.
    pub created: i64,
}

/// Records that `resident` joined (`joined`) or left (`left`), inside the
/// caller's write transaction, after the residents table has changed.
pub fn record(
    conn: &mut AnyConnection,
    resident: &Resident,
    change: &'static str,
) -> QueryResult<()> {
    // PostgreSQL hands out identity values before commit, so two
    // concurrent changes could commit out of seq order; the lock makes
    // them take turns until commit. SQLite already has one writer at a time.
    if let AnyConnection::Postgresql(pg) = conn {
        diesel::sql_query(format!("SELECT pg_advisory_xact_lock({FEED_LOCK})")).execute(pg)?;
    }
    let lives_in = |conn: &mut AnyConnection, block: Option<i64>| -> QueryResult<bool> {
        let mut query = residents::table
            .filter(residents::user_id.eq(&resident.user_id))
            .filter(residents::building_id.eq(resident.building_id))
            .into_boxed();
        if let Some(block) = block {
            query = query.filter(residents::block_id.eq(block));
        }
        let n: i64 = query.count().get_result(conn)?;
        Ok(n > 0)
    };
    let in_block = lives_in(conn, Some(resident.block_id))?;
    let in_building = lives_in(conn, None)?;
    diesel::insert_into(membership_changes::table)
        .values((
            membership_changes::change.eq(change),
            membership_changes::user_id.eq(&resident.user_id),
            membership_changes::role.eq(&resident.role),
            membership_changes::building_id.eq(resident.building_id),
            membership_changes::block_id.eq(resident.block_id),
            membership_changes::apartment_id.eq(resident.apartment_id),
            membership_changes::in_block.eq(in_block),
            membership_changes::in_building.eq(in_building),
            membership_changes::created.eq(now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// The changes after `since`, oldest first, at most `limit`.
pub fn after(conn: &mut AnyConnection, since: i64, limit: i64) -> QueryResult<Vec<Change>> {
    membership_changes::table
        .filter(membership_changes::seq.gt(since))
        .order(membership_changes::seq)
        .limit(limit)
        .select(Change::as_select())
        .load(conn)
}

/// The newest `seq` (0 when the feed is empty): where a poller that has
/// just read the members starts.
pub fn newest(conn: &mut AnyConnection) -> QueryResult<i64> {
    let newest: Option<i64> = membership_changes::table
        .select(diesel::dsl::max(membership_changes::seq))
        .first(conn)?;
    Ok(newest.unwrap_or(0))
}

//! The counters of a target. Each changes only by one
//! `UPDATE counters SET n = n + d` inside the transaction that adds or
//! removes the rows it counts, so it equals them at every commit, and is
//! read as it is (never `COUNT(*)`).

use super::target::Target;
use crate::schema::counters as c;
use crate::SocialError;
use diesel::prelude::*;
use platform_db::AnyConnection;
use serde::Serialize;

/// Changes to apply at once; zero leaves a counter as it is.
#[derive(Debug, Clone, Copy, Default)]
pub struct Delta {
    pub viewed: i64,
    pub liked: i64,
    pub disliked: i64,
    pub comments: i64,
    pub favorites: i64,
    pub notifications: i64,
}

/// A target's counters as the app names them.
#[derive(Debug, Clone, Copy, Default, Serialize, Queryable, Selectable, utoipa::ToSchema)]
#[diesel(table_name = c)]
#[serde(rename_all = "camelCase")]
pub struct Counters {
    pub viewed: i64,
    pub liked: i64,
    pub disliked: i64,
    pub comments_count: i64,
    pub favorite_count: i64,
    pub notification_count: i64,
}

/// The counters row of a new target, in the transaction that makes it.
pub fn create(conn: &mut AnyConnection, target: Target) -> QueryResult<()> {
    diesel::insert_into(c::table)
        .values((
            c::target_kind.eq(target.kind.name()),
            c::target_id.eq(target.id),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Applies `delta` to `target`'s counters; `Invalid Target` when it has
/// none (no such target), which rolls back the caller's transaction.
pub fn apply(conn: &mut AnyConnection, target: Target, delta: Delta) -> Result<(), SocialError> {
    let n = diesel::update(c::table.find((target.kind.name(), target.id)))
        .set((
            c::viewed.eq(c::viewed + delta.viewed),
            c::liked.eq(c::liked + delta.liked),
            c::disliked.eq(c::disliked + delta.disliked),
            c::comments_count.eq(c::comments_count + delta.comments),
            c::favorite_count.eq(c::favorite_count + delta.favorites),
            c::notification_count.eq(c::notification_count + delta.notifications),
        ))
        .execute(conn)?;
    if n == 1 {
        Ok(())
    } else {
        Err(SocialError::InvalidTarget)
    }
}

/// Whether `target` exists (every catalog target has its counters row).
pub fn exists(conn: &mut AnyConnection, target: Target) -> QueryResult<bool> {
    Ok(c::table
        .find((target.kind.name(), target.id))
        .select(c::target_id)
        .first::<i64>(conn)
        .optional()?
        .is_some())
}

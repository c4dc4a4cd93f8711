//! Reactions and views in the database. Every change is one write
//! transaction that changes the rows and moves the counters by what it
//! changed, so concurrent calls never leave a counter off its rows; an
//! addition holds the user-and-target lock, so never a like beside a
//! dislike. On PostgreSQL each is one prepared statement
//! ([`super::postgres`]); on SQLite, where a statement costs no round trip,
//! the steps go one by one.

use super::kind::Reaction;
use super::postgres;
use crate::catalog::counters::{self, Delta};
use crate::catalog::Target;
use crate::input::Location;
use crate::schema::{last_views, reactions as r, views};
use crate::SocialError;
use diesel::prelude::*;
use platform_db::AnyConnection;

/// Whether a call changed anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Changed,
    Unchanged,
}

fn find(
    conn: &mut AnyConnection,
    user: i64,
    kind: Reaction,
    target: Target,
) -> QueryResult<Option<i64>> {
    r::table
        .filter(r::user_id.eq(user))
        .filter(r::kind.eq(kind.name()))
        .filter(r::target_kind.eq(target.kind.name()))
        .filter(r::target_id.eq(target.id))
        .select(r::id)
        .first(conn)
        .optional()
}

fn delete(conn: &mut AnyConnection, user: i64, kind: Reaction, target: Target) -> QueryResult<i64> {
    diesel::delete(
        r::table
            .filter(r::user_id.eq(user))
            .filter(r::kind.eq(kind.name()))
            .filter(r::target_kind.eq(target.kind.name()))
            .filter(r::target_id.eq(target.id)),
    )
    .execute(conn)
    .map(|n| n as i64)
}

/// The advisory lock of one user's state on one target: two additions of
/// one user on one target could otherwise each miss the other's
/// uncommitted row, and leave a like beside a dislike.
fn pair_key(user: i64, target: Target) -> i64 {
    user.wrapping_mul(0x9E37_79B9_7F4A_7C15_u64 as i64)
        .wrapping_add(target.id.wrapping_mul(31))
        .wrapping_add(target.kind as i64)
}

/// What a PostgreSQL statement's `(target exists, rows changed)` means.
fn changed(exists: bool, rows: i64) -> Result<Outcome, SocialError> {
    match (exists, rows) {
        (false, _) => Err(SocialError::InvalidTarget),
        (true, 0) => Ok(Outcome::Unchanged),
        (true, _) => Ok(Outcome::Changed),
    }
}

/// Adds `kind` (and removes what it excludes); adding what exists changes
/// nothing. `Invalid Target` when the target does not exist.
pub fn add(
    conn: &mut AnyConnection,
    user: i64,
    kind: Reaction,
    target: Target,
    at: Location,
    now: i64,
) -> Result<Outcome, SocialError> {
    conn.locked_transaction(pair_key(user, target), |c| {
        if let AnyConnection::Postgresql(pg) = c {
            let (exists, added) = postgres::add(pg, user, kind, target, at, now)?;
            return changed(exists, added);
        }
        if find(c, user, kind, target)?.is_some() {
            return Ok(Outcome::Unchanged);
        }
        diesel::insert_into(r::table)
            .values((
                r::user_id.eq(user),
                r::kind.eq(kind.name()),
                r::target_kind.eq(target.kind.name()),
                r::target_id.eq(target.id),
                r::x.eq(at.x),
                r::y.eq(at.y),
                r::created.eq(now),
            ))
            .execute(c)?;
        let mut delta = kind.delta(1);
        if let Some(other) = kind.excludes() {
            let gone = delete(c, user, other, target)?;
            delta = delta + other.delta(-gone);
        }
        counters::apply(c, target, delta)?;
        Ok(Outcome::Changed)
    })
}

/// Removes `kind`; deleting what does not exist changes nothing.
pub fn remove(
    conn: &mut AnyConnection,
    user: i64,
    kind: Reaction,
    target: Target,
) -> Result<Outcome, SocialError> {
    if let AnyConnection::Postgresql(pg) = conn {
        let (exists, gone) = postgres::remove(pg, user, kind, target)?;
        return changed(exists, gone);
    }
    conn.write_transaction(|c| {
        if !counters::exists(c, target)? {
            return Err(SocialError::InvalidTarget);
        }
        let gone = delete(c, user, kind, target)?;
        if gone == 0 {
            return Ok(Outcome::Unchanged);
        }
        counters::apply(c, target, kind.delta(-gone))?;
        Ok(Outcome::Changed)
    })
}

/// Counts a view (every one) and makes it the user's last of the target.
pub fn view(
    conn: &mut AnyConnection,
    user: i64,
    target: Target,
    at: Location,
    now: i64,
) -> Result<(), SocialError> {
    if let AnyConnection::Postgresql(pg) = conn {
        return match postgres::view(pg, user, target, at, now)? {
            0 => Err(SocialError::InvalidTarget),
            _ => Ok(()),
        };
    }
    conn.write_transaction(|c| {
        counters::apply(
            c,
            target,
            Delta {
                viewed: 1,
                ..Delta::default()
            },
        )?;
        let view_id: i64 = diesel::insert_into(views::table)
            .values((
                views::user_id.eq(user),
                views::target_kind.eq(target.kind.name()),
                views::target_id.eq(target.id),
                views::x.eq(at.x),
                views::y.eq(at.y),
                views::created.eq(now),
            ))
            .returning(views::id)
            .get_result(c)?;
        // SQLite's write lock is held: no other view of this user can
        // insert the row between this update and the insert
        let moved = diesel::update(last_views::table.find((user, target.kind.name(), target.id)))
            .set((last_views::view_id.eq(view_id), last_views::created.eq(now)))
            .execute(c)?;
        if moved == 0 {
            diesel::insert_into(last_views::table)
                .values((
                    last_views::user_id.eq(user),
                    last_views::target_kind.eq(target.kind.name()),
                    last_views::target_id.eq(target.id),
                    last_views::view_id.eq(view_id),
                    last_views::created.eq(now),
                ))
                .execute(c)?;
        }
        Ok(())
    })
}

/// Whether `user` has `kind` on `target` (the "is true" check).
pub fn has(
    conn: &mut AnyConnection,
    user: i64,
    kind: Reaction,
    target: Target,
) -> QueryResult<bool> {
    Ok(find(conn, user, kind, target)?.is_some())
}

pub fn has_viewed(conn: &mut AnyConnection, user: i64, target: Target) -> QueryResult<bool> {
    Ok(last_views::table
        .find((user, target.kind.name(), target.id))
        .select(last_views::view_id)
        .first::<i64>(conn)
        .optional()?
        .is_some())
}

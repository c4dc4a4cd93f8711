//! Fixed-window counters in the database, for when no Redis is configured.
//! Replicas of identity share the database, so the limit holds across them.

use super::schema::send_limits as limits;
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error};
use platform_db::AnyConnection;

/// Counts one hit on `bucket` in the window starting at `window_start`;
/// true while the window has had at most `max` hits.
pub fn hit(
    conn: &mut AnyConnection,
    bucket: &str,
    window_start: i64,
    max: u32,
) -> QueryResult<bool> {
    let max = i32::try_from(max).unwrap_or(i32::MAX);
    // a concurrent first hit of a window can collide on the insert; the
    // second try then finds its row
    for _ in 0..3 {
        let result = conn.write_transaction(|c| {
            let counted = diesel::update(
                limits::table
                    .find(bucket)
                    .filter(limits::window_start.eq(window_start))
                    .filter(limits::hits.lt(max)),
            )
            .set(limits::hits.eq(limits::hits + 1))
            .execute(c)?;
            if counted == 1 {
                return Ok(true);
            }
            let in_window: i64 = limits::table
                .find(bucket)
                .filter(limits::window_start.eq(window_start))
                .count()
                .get_result(c)?;
            if in_window > 0 || max < 1 {
                return Ok(false);
            }
            // a new window: drop this bucket's old one and any stale ones
            diesel::delete(
                limits::table.filter(
                    limits::bucket
                        .eq(bucket)
                        .or(limits::window_start.lt(window_start)),
                ),
            )
            .execute(c)?;
            diesel::insert_into(limits::table)
                .values((
                    limits::bucket.eq(bucket),
                    limits::window_start.eq(window_start),
                    limits::hits.eq(1),
                ))
                .execute(c)?;
            Ok(true)
        });
        match result {
            Err(Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _)) => continue,
            other => return other,
        }
    }
    Ok(false)
}

/// The hits `bucket` has counted in the window starting at `window_start`.
pub fn hits(conn: &mut AnyConnection, bucket: &str, window_start: i64) -> QueryResult<i64> {
    let hits: Option<i32> = limits::table
        .find(bucket)
        .filter(limits::window_start.eq(window_start))
        .select(limits::hits)
        .first(conn)
        .optional()?;
    Ok(hits.map_or(0, i64::from))
}

//! How often an account may take something free (a free credit, a spin of
//! the wheel): at most once per interval and a number of times per
//! calendar month (UTC). One row per account and kind, moved by one
//! conditional UPDATE whose row count decides, inside the caller's
//! transaction, so concurrent requests take it once.

use crate::schema::allowances as a;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};
use platform_db::AnyConnection;

pub struct Limit {
    pub kind: &'static str,
    pub interval_secs: i64,
    pub monthly_max: i64,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Taken {
    /// The `count`th of `month`: unique per account and kind, a key for
    /// exactly-once bookings.
    Yes { month: i64, count: i64 },
    /// Too soon: this many seconds until the next one.
    Wait(i64),
    /// This month's are used up.
    MonthDone,
}

pub fn take(conn: &mut AnyConnection, user_id: i64, limit: &Limit, now: i64) -> QueryResult<Taken> {
    ensure(conn, user_id, limit.kind)?;
    let month = month_of(now);
    let row = a::table.find((user_id, limit.kind));
    let due = now - limit.interval_secs;
    // this month's next one, or the first of a new month: two conditional
    // UPDATEs, at most one of which can match
    let mut n = diesel::update(
        row.filter(a::last_at.le(due))
            .filter(a::month.eq(month))
            .filter(a::month_count.lt(limit.monthly_max)),
    )
    .set((a::last_at.eq(now), a::month_count.eq(a::month_count + 1)))
    .execute(conn)?;
    if n == 0 {
        n = diesel::update(row.filter(a::last_at.le(due)).filter(a::month.ne(month)))
            .set((
                a::last_at.eq(now),
                a::month.eq(month),
                a::month_count.eq(1_i64),
            ))
            .execute(conn)?;
    }
    let (last_at, seen_month, count): (i64, i64, i64) = row
        .select((a::last_at, a::month, a::month_count))
        .first(conn)?;
    if n == 1 {
        return Ok(Taken::Yes { month, count });
    }
    if seen_month == month && count >= limit.monthly_max {
        return Ok(Taken::MonthDone);
    }
    Ok(Taken::Wait((last_at + limit.interval_secs - now).max(1)))
}

/// The row, made on first use. `ON CONFLICT DO NOTHING` (the same text on
/// both backends) because a unique violation would abort a PostgreSQL
/// transaction, and the first calls of an account may well come at once.
fn ensure(conn: &mut AnyConnection, user_id: i64, kind: &str) -> QueryResult<()> {
    const SQL: &str =
        "INSERT INTO allowances (user_id, kind) VALUES ($1, $2) ON CONFLICT DO NOTHING";
    let query = diesel::sql_query(SQL)
        .bind::<BigInt, _>(user_id)
        .bind::<Text, _>(kind);
    match conn {
        AnyConnection::Postgresql(pg) => query.execute(pg)?,
        AnyConnection::Sqlite(lite) => query.execute(lite)?,
    };
    Ok(())
}

/// The calendar month (UTC) of a unix time, as `year × 12 + month - 1`.
pub fn month_of(unix: i64) -> i64 {
    // Howard Hinnant's civil_from_days
    let z = unix.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    y * 12 + m - 1
}

#[cfg(test)]
mod tests {
    use super::month_of;

    #[test]
    fn months_turn_at_midnight_utc() {
        // 2020-06-06 10:32:58 UTC (seed 002's notification)
        assert_eq!(month_of(1_591_439_578), 2020 * 12 + 5);
        // 2020-06-30 23:59:59 and 2020-07-01 00:00:00
        assert_eq!(month_of(1_593_561_599), 2020 * 12 + 5);
        assert_eq!(month_of(1_593_561_600), 2020 * 12 + 6);
        assert_eq!(month_of(0), 1970 * 12);
    }
}

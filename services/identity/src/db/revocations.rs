//! Logged-out tokens. The gateway replicas poll them by `seq`, so `seq`
//! order must be commit order: a row that became visible after a poller had
//! moved past its seq would never be seen.

use super::schema::revocations;
use diesel::prelude::*;
use platform_db::AnyConnection;

#[derive(Debug, Clone, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = revocations)]
pub struct Revocation {
    pub seq: i64,
    pub jti: String,
    pub exp: i64,
}

/// Any fixed number; only revocation inserts take it.
const INSERT_LOCK: i64 = 0x6964_7276_6f6b_6573;

/// Records that the token `jti` is revoked until `exp`. Revoking twice is
/// not an error. Expired rows are dropped on the way.
pub fn revoke(
    conn: &mut AnyConnection,
    jti: &str,
    user_id: i64,
    exp: i64,
    now: i64,
) -> QueryResult<()> {
    conn.write_transaction(|c| {
        // PostgreSQL hands out sequence values before commit, so two
        // concurrent logouts could commit out of seq order; the lock makes
        // them take turns. SQLite already has one writer at a time.
        if let AnyConnection::Postgresql(pg) = c {
            diesel::sql_query(format!("SELECT pg_advisory_xact_lock({INSERT_LOCK})"))
                .execute(pg)?;
        }
        diesel::delete(revocations::table.filter(revocations::exp.lt(now))).execute(c)?;
        let known: i64 = revocations::table
            .filter(revocations::jti.eq(jti))
            .count()
            .get_result(c)?;
        if known == 0 {
            diesel::insert_into(revocations::table)
                .values((
                    revocations::jti.eq(jti),
                    revocations::user_id.eq(user_id),
                    revocations::exp.eq(exp),
                    revocations::revoked_at.eq(now),
                ))
                .execute(c)?;
        }
        Ok(())
    })
}

/// Live revocations after `after`, in seq order, at most `limit`.
pub fn after(
    conn: &mut AnyConnection,
    after: i64,
    now: i64,
    limit: i64,
) -> QueryResult<Vec<Revocation>> {
    revocations::table
        .filter(revocations::seq.gt(after))
        .filter(revocations::exp.gt(now))
        .order(revocations::seq)
        .limit(limit)
        .select(Revocation::as_select())
        .load(conn)
}

/// The highest seq ever handed out, counting rows since dropped. A poller
/// whose cursor is past it is reading a feed that started again (a new
/// database, or one restored from an older backup) and must read it anew.
pub fn newest(conn: &mut AnyConnection) -> QueryResult<i64> {
    #[derive(QueryableByName)]
    struct Newest {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let row: Newest = match conn {
        AnyConnection::Postgresql(pg) => diesel::sql_query(
            "SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS n FROM revocations_seq_seq",
        )
        .get_result(pg)?,
        // AUTOINCREMENT keeps the high-water mark here and never reuses a seq
        AnyConnection::Sqlite(lite) => diesel::sql_query(
            "SELECT CAST(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'revocations'), 0) AS BIGINT) AS n",
        )
        .get_result(lite)?,
    };
    Ok(row.n)
}

pub fn is_revoked(conn: &mut AnyConnection, jti: &str) -> QueryResult<bool> {
    let n: i64 = revocations::table
        .filter(revocations::jti.eq(jti))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

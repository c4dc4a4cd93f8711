//! One live code per slot: a receiving mobile for login codes, or
//! `change:<contact>:<user id>` for the confirmation of a change (see
//! `crate::codes::Purpose`). Every change is a single conditional UPDATE
//! whose affected-row count decides, so concurrent requests cannot both pass
//! a check (two sends inside the cooldown, two verifies of one code, a
//! sixth attempt).

use super::schema::login_codes as codes;
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error};
use platform_db::AnyConnection;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = codes)]
pub struct Code {
    pub receptor: String,
    pub code_id: String,
    pub code_hash: String,
    pub expires_at: i64,
    pub attempts: i32,
    pub consumed_at: Option<i64>,
    pub cooldown_until: i64,
}

pub enum Issued {
    Yes,
    /// The receptor's cooldown runs for this many more seconds.
    TooSoon(i64),
}

/// Installs `code` as the receptor's live code unless the receptor's
/// resend cooldown is still running.
pub fn issue(conn: &mut AnyConnection, code: &Code, now: i64) -> QueryResult<Issued> {
    let result = conn.write_transaction(|c| {
        let replaced = diesel::update(
            codes::table
                .find(&code.receptor)
                .filter(codes::cooldown_until.le(now)),
        )
        .set((
            codes::code_id.eq(&code.code_id),
            codes::code_hash.eq(&code.code_hash),
            codes::expires_at.eq(code.expires_at),
            codes::attempts.eq(0),
            codes::consumed_at.eq(None::<i64>),
            codes::cooldown_until.eq(code.cooldown_until),
        ))
        .execute(c)?;
        if replaced == 1 {
            return Ok(Issued::Yes);
        }
        let running: Option<i64> = codes::table
            .find(&code.receptor)
            .select(codes::cooldown_until)
            .first(c)
            .optional()?;
        match running {
            Some(until) => Ok(Issued::TooSoon(until - now)),
            None => {
                diesel::insert_into(codes::table).values(code).execute(c)?;
                Ok(Issued::Yes)
            }
        }
    });
    match result {
        // another request inserted the first code for this receptor meanwhile
        Err(Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _)) => {
            Ok(Issued::TooSoon(code.cooldown_until - now))
        }
        other => other,
    }
}

/// The provider did not take the code: it is dead, and the cooldown it
/// started is lifted.
pub fn withdraw(conn: &mut AnyConnection, receptor: &str, code_id: &str) -> QueryResult<()> {
    diesel::update(
        codes::table
            .find(receptor)
            .filter(codes::code_id.eq(code_id)),
    )
    .set((codes::expires_at.eq(0), codes::cooldown_until.eq(0)))
    .execute(conn)
    .map(|_| ())
}

pub fn current(conn: &mut AnyConnection, receptor: &str) -> QueryResult<Option<Code>> {
    codes::table
        .find(receptor)
        .select(Code::as_select())
        .first(conn)
        .optional()
}

/// Takes one of the code's attempts before it is compared, so no more than
/// `max_attempts` comparisons ever happen per code, however many requests
/// run at once. Returns which attempt this is (1 for the first), or `None`
/// when the code is used, expired or out of attempts.
pub fn take_attempt(
    conn: &mut AnyConnection,
    receptor: &str,
    code_id: &str,
    max_attempts: i32,
    now: i64,
) -> QueryResult<Option<i32>> {
    conn.write_transaction(|c| {
        let n = diesel::update(
            codes::table
                .find(receptor)
                .filter(codes::code_id.eq(code_id))
                .filter(codes::consumed_at.is_null())
                .filter(codes::expires_at.gt(now))
                .filter(codes::attempts.lt(max_attempts)),
        )
        .set(codes::attempts.eq(codes::attempts + 1))
        .execute(c)?;
        if n == 0 {
            return Ok(None);
        }
        // read inside the transaction that holds the row, so two concurrent
        // attempts never both see themselves as the first
        codes::table
            .find(receptor)
            .select(codes::attempts)
            .first(c)
            .map(Some)
    })
}

/// Marks the code used. Exactly one of any number of concurrent callers
/// gets true.
pub fn consume(
    conn: &mut AnyConnection,
    receptor: &str,
    code_id: &str,
    now: i64,
) -> QueryResult<bool> {
    let n = diesel::update(
        codes::table
            .find(receptor)
            .filter(codes::code_id.eq(code_id))
            .filter(codes::consumed_at.is_null())
            .filter(codes::expires_at.gt(now)),
    )
    .set(codes::consumed_at.eq(now))
    .execute(conn)?;
    Ok(n == 1)
}

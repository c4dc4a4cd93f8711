//! The marketplace app's sign-ups waiting for their SMS code: one per
//! mobile, holding the password chosen. The account is made, from this
//! row, only by the right code.

use super::schema::bazaar_registrations as r;
use diesel::prelude::*;
use platform_db::AnyConnection;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = r)]
pub struct Registration {
    pub id: i64,
    pub mobile: String,
    pub password_hash: String,
    pub created: i64,
}

pub fn by_mobile(conn: &mut AnyConnection, mobile: &str) -> QueryResult<Option<Registration>> {
    r::table
        .filter(r::mobile.eq(mobile))
        .select(Registration::as_select())
        .first(conn)
        .optional()
}

/// A new sign-up, or `Ok(None)` when the mobile already has one (two
/// registers racing included).
pub fn create(
    conn: &mut AnyConnection,
    mobile: &str,
    password_hash: &str,
    now: i64,
) -> QueryResult<Option<Registration>> {
    let inserted = diesel::insert_into(r::table)
        .values((
            r::mobile.eq(mobile),
            r::password_hash.eq(password_hash),
            r::created.eq(now),
        ))
        .execute(conn);
    match inserted {
        Ok(_) => by_mobile(conn, mobile),
        Err(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        )) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Replaces a sign-up whose code died unused (the number's owner may start
/// again; nobody can hold a number by registering it once).
pub fn replace_stale(
    conn: &mut AnyConnection,
    mobile: &str,
    password_hash: &str,
    older_than: i64,
    now: i64,
) -> QueryResult<bool> {
    diesel::update(
        r::table
            .filter(r::mobile.eq(mobile))
            .filter(r::created.lt(older_than)),
    )
    .set((r::password_hash.eq(password_hash), r::created.eq(now)))
    .execute(conn)
    .map(|n| n == 1)
}

pub fn delete(conn: &mut AnyConnection, mobile: &str) -> QueryResult<usize> {
    diesel::delete(r::table.filter(r::mobile.eq(mobile))).execute(conn)
}

use super::schema::users;
use crate::codes::Contact;
use crate::settings::LimitSettings;
use diesel::prelude::*;
use platform_db::AnyConnection;

/// `status` of an account that may log in (the seed's user object shows 1).
pub const ACTIVE: i32 = 1;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = users)]
pub struct User {
    pub id: i64,
    pub role: String,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub email: Option<String>,
    pub mobile: String,
    pub pending_mobile: Option<String>,
    pub pending_email: Option<String>,
    pub password_hash: Option<String>,
    pub status: i32,
    pub failed_logins: i32,
    pub locked_until: i64,
    pub failed_passwords: i32,
    pub password_locked_until: i64,
    pub phone: Option<String>,
    pub state: Option<i64>,
    pub city: Option<i64>,
    pub hood: Option<i64>,
    pub address: Option<String>,
    pub age: Option<i32>,
    pub gender: Option<String>,
    pub telegram: Option<String>,
    pub twitter: Option<String>,
    pub linkedin: Option<String>,
    pub facebook: Option<String>,
    pub instagram: Option<String>,
    pub googleplus: Option<String>,
    pub website: Option<String>,
    pub avatar: Option<String>,
    pub created: i64,
    pub changed: i64,
}

impl User {
    /// Seconds until the account's `lock` ends, if it is locked.
    pub fn locked_for(&self, lock: Lock, now: i64) -> Option<i64> {
        let until = match lock {
            Lock::Codes => self.locked_until,
            Lock::Passwords => self.password_locked_until,
        };
        (until > now).then(|| until - now)
    }
}

/// The account's two locks. Each stops one way of guessing, and neither
/// stops the other way of logging in: an outsider who runs up the password
/// lock cannot keep the owner from logging in by code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lock {
    /// Codes guessed wrong (`failed_logins`, `locked_until`): stops sending
    /// and verifying login codes.
    Codes,
    /// Wrong passwords (`failed_passwords`, `password_locked_until`): stops
    /// password logins.
    Passwords,
}

/// Profile fields to write: `None` leaves a column alone, `Some(None)`
/// clears it.
#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = users)]
pub struct Changes {
    pub first_name: Option<Option<String>>,
    pub last_name: Option<Option<String>>,
    pub email: Option<Option<String>>,
    pub pending_mobile: Option<Option<String>>,
    pub pending_email: Option<Option<String>>,
    pub password_hash: Option<Option<String>>,
    pub phone: Option<Option<String>>,
    pub state: Option<Option<i64>>,
    pub city: Option<Option<i64>>,
    pub hood: Option<Option<i64>>,
    pub address: Option<Option<String>>,
    pub age: Option<Option<i32>>,
    pub gender: Option<Option<String>>,
    pub telegram: Option<Option<String>>,
    pub twitter: Option<Option<String>>,
    pub linkedin: Option<Option<String>>,
    pub facebook: Option<Option<String>>,
    pub instagram: Option<Option<String>>,
    pub googleplus: Option<Option<String>>,
    pub website: Option<Option<String>>,
    pub avatar: Option<Option<String>>,
    pub changed: Option<i64>,
}

pub fn by_id(conn: &mut AnyConnection, id: i64) -> QueryResult<Option<User>> {
    users::table
        .find(id)
        .select(User::as_select())
        .first(conn)
        .optional()
}

pub fn by_mobile(conn: &mut AnyConnection, mobile: &str) -> QueryResult<Option<User>> {
    users::table
        .filter(users::mobile.eq(mobile))
        .select(User::as_select())
        .first(conn)
        .optional()
}

pub fn by_email(conn: &mut AnyConnection, email: &str) -> QueryResult<Option<User>> {
    users::table
        .filter(users::email.eq(email))
        .select(User::as_select())
        .first(conn)
        .optional()
}

pub fn by_ids(conn: &mut AnyConnection, ids: &[i64]) -> QueryResult<Vec<User>> {
    users::table
        .filter(users::id.eq_any(ids))
        .order(users::id)
        .select(User::as_select())
        .load(conn)
}

/// A new account for a verified mobile (sign-up by code). The owner's
/// sign-up wins over any account's pending change to the number, which it
/// cancels.
pub fn create(conn: &mut AnyConnection, mobile: &str, now: i64) -> QueryResult<User> {
    // no RETURNING: MultiConnection only speaks what both backends share
    diesel::insert_into(users::table)
        .values((
            users::mobile.eq(mobile),
            users::created.eq(now),
            users::changed.eq(now),
        ))
        .execute(conn)?;
    cancel_pending(conn, Contact::Mobile, mobile, now)?;
    by_mobile(conn, mobile)?.ok_or(diesel::result::Error::NotFound)
}

pub fn update(conn: &mut AnyConnection, id: i64, changes: &Changes) -> QueryResult<usize> {
    diesel::update(users::table.find(id))
        .set(changes)
        .execute(conn)
}

/// Makes the pending `value` the account's `contact`, if it is still the
/// pending one, and cancels every other account's pending change to it.
/// Returns whether it was pending. Another account that already holds the
/// value makes this a unique violation.
pub fn confirm_pending(
    conn: &mut AnyConnection,
    id: i64,
    contact: Contact,
    value: &str,
    now: i64,
) -> QueryResult<bool> {
    let n = match contact {
        Contact::Mobile => diesel::update(
            users::table
                .find(id)
                .filter(users::pending_mobile.eq(value)),
        )
        .set((
            users::mobile.eq(value),
            users::pending_mobile.eq(None::<String>),
            users::changed.eq(now),
        ))
        .execute(conn)?,
        Contact::Email => {
            diesel::update(users::table.find(id).filter(users::pending_email.eq(value)))
                .set((
                    users::email.eq(value),
                    users::pending_email.eq(None::<String>),
                    users::changed.eq(now),
                ))
                .execute(conn)?
        }
    };
    if n == 1 {
        cancel_pending(conn, contact, value, now)?;
    }
    Ok(n == 1)
}

/// Cancels every pending change to `value`: it now belongs to an account.
fn cancel_pending(
    conn: &mut AnyConnection,
    contact: Contact,
    value: &str,
    now: i64,
) -> QueryResult<usize> {
    match contact {
        Contact::Mobile => diesel::update(users::table.filter(users::pending_mobile.eq(value)))
            .set((
                users::pending_mobile.eq(None::<String>),
                users::changed.eq(now),
            ))
            .execute(conn),
        Contact::Email => diesel::update(users::table.filter(users::pending_email.eq(value)))
            .set((
                users::pending_email.eq(None::<String>),
                users::changed.eq(now),
            ))
            .execute(conn),
    }
}

/// Counts one failure against `lock`; from its limit of failures in a row
/// on, each failure locks for twice as long as the one before.
pub fn record_failure(
    conn: &mut AnyConnection,
    id: i64,
    lock: Lock,
    limits: &LimitSettings,
    now: i64,
) -> QueryResult<()> {
    // the same steps on each lock's own pair of columns
    macro_rules! count {
        ($failures:ident, $until:ident, $max:expr) => {
            conn.write_transaction(|c| {
                diesel::update(users::table.find(id))
                    .set(users::$failures.eq(users::$failures + 1))
                    .execute(c)?;
                // read inside the transaction that holds the row: no other
                // failure can slip between the increment and this read
                let failures: i32 = users::table.find(id).select(users::$failures).first(c)?;
                if failures >= $max {
                    let doublings = (failures - $max).min(32) as u32;
                    let wait = limits
                        .lock_base_secs
                        .saturating_mul(1i64 << doublings)
                        .min(limits.lock_max_secs);
                    diesel::update(users::table.find(id))
                        .set(users::$until.eq(now + wait))
                        .execute(c)?;
                }
                Ok(())
            })
        };
    }
    match lock {
        Lock::Codes => count!(failed_logins, locked_until, limits.account_max_failures),
        Lock::Passwords => count!(
            failed_passwords,
            password_locked_until,
            limits.password_max_failures
        ),
    }
}

/// A success: `lock`'s count starts again and its lock is lifted.
pub fn reset_failures(conn: &mut AnyConnection, id: i64, lock: Lock) -> QueryResult<()> {
    match lock {
        Lock::Codes => diesel::update(users::table.find(id).filter(users::failed_logins.ne(0)))
            .set((users::failed_logins.eq(0), users::locked_until.eq(0)))
            .execute(conn),
        Lock::Passwords => {
            diesel::update(users::table.find(id).filter(users::failed_passwords.ne(0)))
                .set((
                    users::failed_passwords.eq(0),
                    users::password_locked_until.eq(0),
                ))
                .execute(conn)
        }
    }
    .map(|_| ())
}

/// True when another account already logs in with `mobile`.
pub fn mobile_taken(conn: &mut AnyConnection, mobile: &str, not_id: i64) -> QueryResult<bool> {
    Ok(users::table
        .filter(users::mobile.eq(mobile))
        .filter(users::id.ne(not_id))
        .count()
        .get_result::<i64>(conn)?
        > 0)
}

pub fn email_taken(conn: &mut AnyConnection, email: &str, not_id: i64) -> QueryResult<bool> {
    Ok(users::table
        .filter(users::email.eq(email))
        .filter(users::id.ne(not_id))
        .count()
        .get_result::<i64>(conn)?
        > 0)
}

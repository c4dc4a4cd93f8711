//! The wallet: one row per account whose `balance` is the sum of the
//! account's ledger. Every change is a conditional UPDATE of the balance
//! and a ledger INSERT in one transaction, the caller's; nothing reads a
//! balance and writes back a computed one.

pub mod reconcile;

use crate::money::Money;
use crate::schema::{ledger, wallets};
use diesel::prelude::*;
use platform_db::AnyConnection;

/// Why a ledger entry was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Topup,
    Charge,
    Refund,
    Adjustment,
    Gift,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Topup => "topup",
            Kind::Charge => "charge",
            Kind::Refund => "refund",
            Kind::Adjustment => "adjustment",
            Kind::Gift => "gift",
        }
    }
}

/// One movement of money.
pub struct Entry<'a> {
    pub user_id: i64,
    pub kind: Kind,
    /// Positive in, negative out.
    pub amount: Money,
    pub order_id: Option<i64>,
    /// Unique when set: the same reference is never booked twice.
    pub reference: Option<String>,
    pub reason: &'a str,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = wallets)]
pub struct Wallet {
    pub user_id: i64,
    pub balance: i64,
    pub spent: i64,
    pub custom_rate: i32,
    pub api_key_hint: Option<String>,
}

/// The account's wallet row, made (empty) on first use.
pub fn ensure(conn: &mut AnyConnection, user_id: i64, now: i64) -> QueryResult<()> {
    let exists = wallets::table
        .find(user_id)
        .select(wallets::user_id)
        .first::<i64>(conn)
        .optional()?
        .is_some();
    if exists {
        return Ok(());
    }
    // In a savepoint (a nested transaction): when another request made the
    // row first, the unique violation rolls back only the savepoint, and
    // the caller's transaction stays usable (PostgreSQL aborts the whole
    // transaction on an error otherwise).
    let inserted = conn.transaction(|c| {
        diesel::insert_into(wallets::table)
            .values((
                wallets::user_id.eq(user_id),
                wallets::changed.eq(now),
                wallets::created.eq(now),
            ))
            .execute(c)
    });
    match inserted {
        Err(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        )) => Ok(()),
        other => other.map(|_| ()),
    }
}

pub fn find(conn: &mut AnyConnection, user_id: i64) -> QueryResult<Option<Wallet>> {
    wallets::table
        .find(user_id)
        .select(Wallet::as_select())
        .first(conn)
        .optional()
}

/// What a debit found.
#[derive(Debug, PartialEq, Eq)]
pub enum Debit {
    Done { balance_after: Money },
    NotEnough,
}

/// Takes `entry.amount` (a positive sum to take) when the balance covers
/// it: one `UPDATE ... WHERE balance >= amount`, so concurrent debits can
/// never overdraw. Charges count toward `spent`. Must run inside the
/// caller's write transaction.
pub fn debit(conn: &mut AnyConnection, entry: &Entry<'_>, now: i64) -> QueryResult<Debit> {
    let amount = entry.amount.0;
    let spent = if entry.kind == Kind::Charge {
        amount
    } else {
        0
    };
    // the balance it leaves comes back with the update (RETURNING): one
    // round trip fewer on the hottest path
    let after: Option<i64> = diesel::update(
        wallets::table
            .find(entry.user_id)
            .filter(wallets::balance.ge(amount)),
    )
    .set((
        wallets::balance.eq(wallets::balance - amount),
        wallets::spent.eq(wallets::spent + spent),
        wallets::changed.eq(now),
    ))
    .returning(wallets::balance)
    .get_result(conn)
    .optional()?;
    let Some(after) = after else {
        return Ok(Debit::NotEnough);
    };
    insert_line(conn, entry, -amount, after, now)?;
    Ok(Debit::Done {
        balance_after: Money(after),
    })
}

/// Adds `entry.amount` (positive). Refunds take back from `spent`.
pub fn credit(conn: &mut AnyConnection, entry: &Entry<'_>, now: i64) -> QueryResult<Money> {
    let amount = entry.amount.0;
    let unspent = if entry.kind == Kind::Refund {
        amount
    } else {
        0
    };
    ensure(conn, entry.user_id, now)?;
    diesel::update(wallets::table.find(entry.user_id))
        .set((
            wallets::balance.eq(wallets::balance + amount),
            wallets::spent.eq(wallets::spent - unspent),
            wallets::changed.eq(now),
        ))
        .execute(conn)?;
    book(conn, entry, amount, now)
}

/// The ledger line of a change already made to the balance, with the
/// balance it left (read inside the same transaction, which holds the row).
fn book(conn: &mut AnyConnection, entry: &Entry<'_>, signed: i64, now: i64) -> QueryResult<Money> {
    let after: i64 = wallets::table
        .find(entry.user_id)
        .select(wallets::balance)
        .first(conn)?;
    insert_line(conn, entry, signed, after, now)?;
    Ok(Money(after))
}

fn insert_line(
    conn: &mut AnyConnection,
    entry: &Entry<'_>,
    signed: i64,
    after: i64,
    now: i64,
) -> QueryResult<()> {
    diesel::insert_into(ledger::table)
        .values((
            ledger::user_id.eq(entry.user_id),
            ledger::kind.eq(entry.kind.as_str()),
            ledger::amount.eq(signed),
            ledger::balance_after.eq(after),
            ledger::order_id.eq(entry.order_id),
            ledger::reference.eq(entry.reference.as_deref()),
            ledger::reason.eq(entry.reason),
            ledger::created.eq(now),
        ))
        .execute(conn)
        .map(|_| ())
}

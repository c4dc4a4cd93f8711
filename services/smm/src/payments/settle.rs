//! What a callback does to its payment, exactly once whatever the number
//! of callbacks, their concurrency, a restart between Zarinpal's verify
//! and the credit, or Zarinpal's 101: the move to `paid` is one UPDATE
//! conditional on not being paid yet, in the transaction of the credit,
//! so exactly one transaction books it; the ledger's unique reference
//! `topup:<authority>` stands behind it. A payment left `pending` (Zarinpal
//! did not answer, the process stopped) is verified again on the next
//! callback: Zarinpal then says 101 and it is credited then, once.

use super::zarinpal::Verified;
use super::{status, Payment};
use crate::money::Money;
use crate::notifications::{notify, text};
use crate::schema::payments as p;
use crate::wallet::{self, Entry, Kind};
use diesel::prelude::*;
use platform_db::AnyConnection;

pub fn find(conn: &mut AnyConnection, authority: &str) -> QueryResult<Option<Payment>> {
    p::table
        .filter(p::authority.eq(authority))
        .select(Payment::as_select())
        .first(conn)
        .optional()
}

/// Books a verified payment: `paid`, the credit and its notification, in
/// one transaction; nothing when another callback got there first.
pub fn paid(
    conn: &mut AnyConnection,
    payment: &Payment,
    verified: &Verified,
    now: i64,
) -> QueryResult<Payment> {
    let Verified::Paid {
        code,
        ref_id,
        card_pan,
    } = verified
    else {
        return reload(conn, payment.id);
    };
    let authority = payment.authority.clone().unwrap_or_default();
    conn.write_transaction(|c| {
        let n = diesel::update(p::table.find(payment.id).filter(p::status.ne(status::PAID)))
            .set((
                p::status.eq(status::PAID),
                p::code.eq(*code as i32),
                p::ref_id.eq(ref_id),
                p::card_pan.eq(card_pan),
                p::changed.eq(now),
            ))
            .execute(c)?;
        if n == 1 {
            let amount = Money(payment.amount);
            let entry = Entry {
                user_id: payment.user_id,
                kind: Kind::Topup,
                amount,
                order_id: None,
                reference: Some(format!("topup:{authority}")),
                reason: "zarinpal",
            };
            wallet::credit(c, &entry, now)?;
            notify(c, payment.user_id, &text::topup(amount), now)?;
        }
        reload(c, payment.id)
    })
}

/// Marks a payment failed unless it was paid (a forged `NOK` cannot undo
/// a payment; a later `OK` still verifies a failed one).
pub fn failed(
    conn: &mut AnyConnection,
    payment: &Payment,
    code: Option<i64>,
    now: i64,
) -> QueryResult<Payment> {
    diesel::update(p::table.find(payment.id).filter(p::status.ne(status::PAID)))
        .set((
            p::status.eq(status::FAILED),
            p::code.eq(code.map(|c| c as i32)),
            p::changed.eq(now),
        ))
        .execute(conn)?;
    reload(conn, payment.id)
}

fn reload(conn: &mut AnyConnection, id: i64) -> QueryResult<Payment> {
    p::table.find(id).select(Payment::as_select()).first(conn)
}

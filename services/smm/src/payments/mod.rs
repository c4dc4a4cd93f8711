//! Top-ups through Zarinpal v4 (seed 002's `/api/v1/user/payment`):
//! `POST` starts one, the browser pays at Zarinpal and comes back to
//! `GET .../verify` (no token: the authority names the payment), which
//! verifies it with Zarinpal for the amount stored here and credits the
//! wallet exactly once (`settle.rs`). `GET .../test` exists in the sandbox
//! only.

pub mod create;
pub mod settle;
pub mod start;
pub mod test;
pub mod verify;
pub mod zarinpal;

use crate::money::Money;
use crate::schema::payments;
use actix_web::web;
use diesel::prelude::*;
use serde::Serialize;

pub fn configure(cfg: &mut web::ServiceConfig) {
    // one resource per path: another method is a 405, not a 404
    cfg.service(web::resource("/api/v1/user/payment").route(web::post().to(create::create)));
    cfg.service(web::resource("/api/v1/user/payment/verify").route(web::get().to(verify::verify)));
    cfg.service(web::resource("/api/v1/user/payment/test").route(web::get().to(test::test)));
}

/// A payment's `status`.
pub mod status {
    /// Stored, Zarinpal not yet asked.
    pub const NEW: &str = "new";
    /// The user is at the gateway.
    pub const PENDING: &str = "pending";
    pub const FAILED: &str = "failed";
    /// Verified and credited.
    pub const PAID: &str = "paid";
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = payments)]
pub struct Payment {
    pub id: i64,
    pub user_id: i64,
    pub amount: i64,
    pub authority: Option<String>,
    pub status: String,
    pub code: Option<i32>,
    pub ref_id: Option<String>,
    pub card_pan: Option<String>,
    pub changed: i64,
    pub created: i64,
}

impl Payment {
    /// What Zarinpal is told: Rials, 10 to the Toman.
    pub fn rials(&self) -> i64 {
        rials(Money(self.amount))
    }
}

/// Toman (in thousandths) as Rials; top-ups are whole Toman, so exact.
pub fn rials(amount: Money) -> i64 {
    amount.0 / 100
}

/// A payment as the API shows it (an addition to seed 002, which shows
/// none).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct PaymentObject {
    id: i64,
    authority: Option<String>,
    /// Toman.
    amount: Money,
    /// new, pending, failed or paid.
    status: String,
    /// Zarinpal's reference of a paid one.
    ref_id: Option<String>,
    /// The masked card it was paid with.
    card_pan: Option<String>,
    changed: i64,
    created: i64,
}

impl From<Payment> for PaymentObject {
    fn from(p: Payment) -> Self {
        PaymentObject {
            id: p.id,
            authority: p.authority,
            amount: Money(p.amount),
            status: p.status,
            ref_id: p.ref_id,
            card_pan: p.card_pan,
            changed: p.changed,
            created: p.created,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_toman_is_ten_rials() {
        assert_eq!(rials(Money::toman(1000)), 10_000);
    }
}

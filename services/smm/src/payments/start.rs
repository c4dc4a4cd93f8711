//! Starting a top-up, for `POST /api/v1/user/payment` and the sandbox's
//! `/payment/test`: the payment row first (its id goes to Zarinpal as the
//! order id), then Zarinpal's authority on it, or the row failed.

use super::zarinpal::Requested;
use super::{rials, status};
use crate::money::Money;
use crate::schema::payments as p;
use crate::state::State;
use crate::{caller, SmmError};
use actix_web::http::StatusCode;
use diesel::prelude::*;
use platform_db::Db;
use serde::Serialize;

#[derive(Serialize, utoipa::ToSchema)]
pub struct StartedBody {
    message: &'static str,
    /// Zarinpal's StartPay page for this payment: send the user there.
    url: String,
    authority: String,
    /// Toman.
    amount: Money,
}

pub async fn start(
    db: &Db,
    state: &State,
    user_id: i64,
    toman: i64,
    mobile: Option<String>,
) -> Result<StartedBody, SmmError> {
    let zarinpal = &state.zarinpal;
    if !zarinpal.configured() {
        return Err(SmmError::refused(
            StatusCode::SERVICE_UNAVAILABLE,
            "payments_unavailable",
            "درگاه پرداخت فعلا در دسترس نیست",
            "Payments are not configured",
        ));
    }
    let amount = Money::toman(toman);
    let now = caller::now();
    let ids = crate::orders::place::new_ids();
    let id = db
        .run(move |conn| -> Result<i64, SmmError> {
            conn.write_transaction(|c| {
                diesel::insert_into(p::table)
                    .values((
                        p::ids.eq(&ids),
                        p::user_id.eq(user_id),
                        p::amount.eq(amount.0),
                        p::status.eq(status::NEW),
                        p::changed.eq(now),
                        p::created.eq(now),
                    ))
                    .execute(c)?;
                Ok(p::table.filter(p::ids.eq(&ids)).select(p::id).first(c)?)
            })
        })
        .await?;
    let answer = zarinpal.request(rials(amount), id, mobile.as_deref()).await;
    let (new_status, authority, code) = match &answer {
        Requested::Authority(a) => (status::PENDING, Some(a.clone()), Some(100)),
        Requested::Refused(code, _) => (status::FAILED, None, Some(*code)),
        Requested::Failed(_) => (status::FAILED, None, None),
    };
    let stored = authority.clone();
    db.run(move |conn| -> Result<(), SmmError> {
        diesel::update(p::table.find(id))
            .set((
                p::status.eq(new_status),
                p::authority.eq(stored),
                p::code.eq(code.map(|c| c as i32)),
                p::changed.eq(caller::now()),
            ))
            .execute(conn)?;
        Ok(())
    })
    .await?;
    match answer {
        Requested::Authority(authority) => Ok(StartedBody {
            message: "در حال انتقال به درگاه پرداخت",
            url: zarinpal.start_pay_url(&authority),
            authority,
            amount,
        }),
        Requested::Refused(code, message) => {
            log::warn!("zarinpal refused payment {id}: {code} {message}");
            Err(gateway_error())
        }
        Requested::Failed(why) => {
            log::warn!("zarinpal did not answer for payment {id}: {why}");
            Err(gateway_error())
        }
    }
}

fn gateway_error() -> SmmError {
    SmmError::refused(
        StatusCode::BAD_GATEWAY,
        "payment_gateway_error",
        "ارتباط با درگاه پرداخت برقرار نشد، لطفا دوباره تلاش کنید",
        "The payment gateway did not accept the payment; try again",
    )
}

/// The token's mobile when it is one (`09...`), for Zarinpal's metadata.
pub fn mobile_of(claims: &platform_auth::Claims) -> Option<String> {
    claims
        .username
        .as_deref()
        .map(platform_validate::ascii_digits)
        .filter(|m| m.len() == 11 && m.starts_with("09") && m.bytes().all(|b| b.is_ascii_digit()))
}

//! `GET /api/v1/user/freecredit` (seed 002): a small random credit through
//! the ledger, at most once per `free_credit.interval_secs` and
//! `free_credit.monthly_max` times a month. The allowance and the credit
//! are one transaction, so ten calls at once credit once.

use crate::allowance::{self, Limit, Taken};
use crate::money::Money;
use crate::notifications::{notify, text};
use crate::state::State;
use crate::wallet::{self, Entry, Kind};
use crate::{caller, SmmError};
use actix_web::http::StatusCode;
use actix_web::web;
use platform_auth::Authenticated;
use platform_db::Db;
use platform_http::docs::PanelError;
use platform_http::reply::Panel;
use rand::Rng;
use serde::Serialize;

#[derive(Serialize, utoipa::ToSchema)]
pub struct FreeCreditBody {
    /// Toman credited.
    amount: Money,
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    // one resource per path: another method is a 405, not a 404
    cfg.service(web::resource("/api/v1/user/freecredit").route(web::get().to(take)));
}

/// Take a free credit
///
/// 201 with the `amount` in Toman added to the wallet. Too soon: 429 "شما
/// تا N ثانیه دیگر قادر به ارسال درخواست خواهید بود" with the seconds
/// left (`code` `free_credit_too_soon`); the month's used up: 429 "به
/// محدودیت درخواست ماهانه رسیده اید" (`free_credit_monthly_limit`).
#[utoipa::path(
    get,
    path = "/api/v1/user/freecredit",
    operation_id = "takeFreeCredit",
    tag = "wallet",
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Credited", body = Panel<FreeCreditBody>),
        (status = 401, description = "No valid token", body = PanelError),
        (status = 429, description = "Too soon, or this month's are used up", body = PanelError),
    )
)]
pub async fn take(
    Authenticated(claims): Authenticated,
    db: web::Data<Db>,
    state: web::Data<State>,
) -> Result<Panel<FreeCreditBody>, SmmError> {
    let user_id = caller::user_id(&claims)?;
    let settings = state.free_credit.clone();
    let amount =
        Money::toman(rand::thread_rng().gen_range(settings.min_amount..=settings.max_amount));
    let now = caller::now();
    let limit = Limit {
        kind: "freecredit",
        interval_secs: settings.interval_secs,
        monthly_max: settings.monthly_max,
    };
    db.run(move |conn| {
        conn.write_transaction(|c| -> Result<(), SmmError> {
            let (month, count) = match allowance::take(c, user_id, &limit, now)? {
                Taken::Yes { month, count } => (month, count),
                Taken::Wait(secs) => return Err(too_soon(secs)),
                Taken::MonthDone => return Err(month_done()),
            };
            let entry = Entry {
                user_id,
                kind: Kind::Gift,
                amount,
                order_id: None,
                // the allowance decides; the reference stands behind it
                reference: Some(format!("freecredit:{user_id}:{month}:{count}")),
                reason: "free credit",
            };
            wallet::credit(c, &entry, now)?;
            notify(c, user_id, &text::free_credit(amount), now)?;
            Ok(())
        })
    })
    .await?;
    Ok(Panel::new(201, FreeCreditBody { amount }))
}

fn too_soon(secs: i64) -> SmmError {
    SmmError::refused_with(
        StatusCode::TOO_MANY_REQUESTS,
        "free_credit_too_soon",
        format!("شما تا {secs} ثانیه دیگر قادر به ارسال درخواست خواهید بود"),
        format!("You can ask again in {secs} seconds"),
    )
}

fn month_done() -> SmmError {
    SmmError::refused(
        StatusCode::TOO_MANY_REQUESTS,
        "free_credit_monthly_limit",
        "به محدودیت درخواست ماهانه رسیده اید",
        "You have reached this month's limit",
    )
}

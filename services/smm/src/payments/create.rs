use super::start::{self, mobile_of, StartedBody};
use crate::input::Params;
use crate::state::State;
use crate::{caller, SmmError};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest};
use platform_auth::Authenticated;
use platform_db::Db;
use platform_http::docs::PanelError;
use platform_http::reply::Panel;

/// Start a top-up
///
/// `amount` in whole Toman, at least `zarinpal.min_amount` (1000 by
/// default; below it 400 "مبلغ وارد شده از حداقل مبلغ قابل پرداخت کمتر
/// است", `code` `amount_below_minimum`). Answers 201 with Zarinpal's
/// StartPay `url` and the payment's `authority` (additions: the seed
/// redirects). Zarinpal refusing or not answering is 502
/// `payment_gateway_error`; payments not configured 503.
#[utoipa::path(
    post,
    path = "/api/v1/user/payment",
    operation_id = "startPayment",
    tag = "wallet",
    security(("bearer" = [])),
    request_body(content = String, description = "`amount`: Toman", content_type = "application/json"),
    responses(
        (status = 201, description = "Go to `url` to pay", body = Panel<StartedBody>),
        (status = 400, description = "Below the minimum, or not a whole number", body = PanelError),
        (status = 401, description = "No valid token", body = PanelError),
        (status = 502, description = "Zarinpal refused or did not answer", body = PanelError),
        (status = 503, description = "Payments are not configured", body = PanelError),
    )
)]
pub async fn create(
    req: HttpRequest,
    body: web::Bytes,
    Authenticated(claims): Authenticated,
    db: web::Data<Db>,
    state: web::Data<State>,
) -> Result<Panel<StartedBody>, SmmError> {
    let user_id = caller::user_id(&claims)?;
    let settings = &state.zarinpal.settings;
    let mut params = Params::read(&req, &body)?;
    let amount = params.required_integer("amount", i64::MIN, settings.max_amount);
    params.finish()?;
    let amount = amount.unwrap_or_default();
    if amount < settings.min_amount {
        return Err(SmmError::refused(
            StatusCode::BAD_REQUEST,
            "amount_below_minimum",
            "مبلغ وارد شده از حداقل مبلغ قابل پرداخت کمتر است",
            "The amount is below the least that can be paid",
        ));
    }
    let started = start::start(&db, &state, user_id, amount, mobile_of(&claims)).await?;
    Ok(Panel::new(201, started))
}

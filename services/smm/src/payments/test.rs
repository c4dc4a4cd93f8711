use super::start::{self, mobile_of, StartedBody};
use crate::state::State;
use crate::{caller, SmmError};
use actix_web::web;
use platform_auth::Authenticated;
use platform_db::Db;
use platform_http::docs::PanelError;
use platform_http::reply::Panel;
use platform_service::BaseError;

/// Try the payment gateway (sandbox only)
///
/// With `zarinpal.sandbox` on, starts a top-up of the least amount
/// against the sandbox, as `POST /api/v1/user/payment` would; otherwise
/// this route does not exist (404).
#[utoipa::path(
    get,
    path = "/api/v1/user/payment/test",
    operation_id = "testPayment",
    tag = "wallet",
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Go to `url` to pay in the sandbox", body = Panel<StartedBody>),
        (status = 401, description = "No valid token", body = PanelError),
        (status = 404, description = "Not in the sandbox", body = PanelError),
        (status = 502, description = "The sandbox refused or did not answer", body = PanelError),
    )
)]
pub async fn test(
    Authenticated(claims): Authenticated,
    db: web::Data<Db>,
    state: web::Data<State>,
) -> Result<Panel<StartedBody>, SmmError> {
    if !state.zarinpal.settings.sandbox {
        return Err(SmmError::Base(BaseError::NotFound));
    }
    let user_id = caller::user_id(&claims)?;
    let least = state.zarinpal.settings.min_amount;
    let started = start::start(&db, &state, user_id, least, mobile_of(&claims)).await?;
    Ok(Panel::new(201, started))
}

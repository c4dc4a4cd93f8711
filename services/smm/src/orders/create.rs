use super::model::PlacedObject;
use super::place::{self, Placement, Source};
use super::request::Request;
use crate::input::Params;
use crate::state::State;
use crate::{caller, SmmError};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest};
use platform_auth::Authenticated;
use platform_db::Db;
use platform_http::docs::PanelError;
use platform_http::reply::Panel;
use serde::Serialize;

#[derive(Serialize, utoipa::ToSchema)]
pub struct PlacedBody {
    message: &'static str,
    order: PlacedObject,
}

/// Place an order
///
/// Regular orders of every service type, drip-feed (`is_drip_feed` on,
/// `runs`, `interval` in minutes, `quantity` per run; the whole charged up
/// front) and subscriptions (`service_type` `subscriptions`, `username`,
/// `sub_min`, `sub_max`, `sub_posts`, `sub_delay`, `sub_expiry` d/m/Y;
/// charged up front for `max` on every post). The charge is taken from the
/// wallet at once. An `Idempotency-Key` header (an addition) makes a
/// retried placement answer the first order instead of charging again.
/// Refusals carry a stable `code`: `service_not_found`, `service_inactive`,
/// `category_mismatch`, `quantity_out_of_range`, `invalid_link`,
/// `missing_field`, `dripfeed_not_allowed`, `runs_out_of_range`,
/// `not_a_subscription`, `posts_out_of_range`, `invalid_delay`,
/// `invalid_expiry`, `insufficient_balance`, `idempotency_key_reused`.
#[utoipa::path(
    post,
    path = "/api/v1/order",
    operation_id = "placeOrder",
    tag = "orders",
    security(("bearer" = [])),
    params(("Idempotency-Key" = Option<String>, Header, description = "Up to 255 visible ASCII characters; the same key answers the same order")),
    responses(
        (status = 201, description = "Placed (or placed before under this key)", body = Panel<PlacedBody>),
        (status = 400, description = "A parameter missing or of the wrong type", body = PanelError),
        (status = 401, description = "No valid token", body = PanelError),
        (status = 404, description = "No such service", body = PanelError),
        (status = 422, description = "A rule of the panel refused the order (see `code`)", body = PanelError),
    )
)]
pub async fn create(
    req: HttpRequest,
    body: web::Bytes,
    Authenticated(claims): Authenticated,
    db: web::Data<Db>,
    state: web::Data<State>,
) -> Result<Panel<PlacedBody>, SmmError> {
    let user_id = caller::user_id(&claims)?;
    let idempotency_key = idempotency_key(&req)?;
    let mut params = Params::read(&req, &body)?;
    let request = Request::from_panel(&mut params);
    params.finish()?;
    let Some(request) = request else {
        return Err(SmmError::internal(std::io::Error::other(
            "unread parameters",
        )));
    };
    let placement = Placement {
        user_id,
        source: Source::MobileApp,
        request,
        idempotency_key,
        max_runs: state.max_runs,
        now: caller::now(),
    };
    let order = db.run(move |conn| place::place(conn, placement)).await?;
    state.forwarder.wake();
    Ok(Panel::new(
        201,
        PlacedBody {
            message: "Order placed successfully",
            order: order.into(),
        },
    ))
}

/// The `Idempotency-Key` header: visible ASCII, at most 255 characters.
pub fn idempotency_key(req: &HttpRequest) -> Result<Option<String>, SmmError> {
    let Some(value) = req.headers().get("idempotency-key") else {
        return Ok(None);
    };
    match value.to_str() {
        Ok(key)
            if !key.is_empty() && key.len() <= 255 && key.bytes().all(|b| b.is_ascii_graphic()) =>
        {
            Ok(Some(key.to_string()))
        }
        _ => Err(SmmError::refused(
            StatusCode::BAD_REQUEST,
            "invalid_idempotency_key",
            "کلید تکرار باید حداکثر ۲۵۵ نویسهٔ لاتین باشد",
            "Idempotency-Key must be 1 to 255 visible ASCII characters",
        )),
    }
}

use super::model::UserGift;
use crate::catalog::model::Service;
use crate::input::Params;
use crate::orders::model::PlacedObject;
use crate::orders::place::{self, service_not_found};
use crate::orders::rules::check_link;
use crate::schema::{gifts as g, services as s, user_gifts as ug};
use crate::state::State;
use crate::{caller, SmmError};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest};
use diesel::prelude::*;
use platform_auth::Authenticated;
use platform_db::Db;
use platform_http::docs::PanelError;
use platform_http::reply::Panel;
use serde::Serialize;

#[derive(Serialize, utoipa::ToSchema)]
pub struct GiftOrderBody {
    order: PlacedObject,
}

/// Use a gift
///
/// `gift_id` is the gift's id (`gift.id` in the list, `gift_id` in the
/// wheel's answer) and `link` where it goes. Places a free order of
/// `"type":"mobile_app_gift"` with the quantity won; the gift is used once,
/// whatever the number of requests at once. Refusals, each with its seed
/// message: 400 `invalid_gift_id`, 400 `invalid_link`, 400
/// `gift_used_or_expired`, 404 `gift_not_received`.
#[utoipa::path(
    post,
    path = "/api/v1/user/gifts",
    operation_id = "useGift",
    tag = "gifts",
    security(("bearer" = [])),
    request_body(content = String, description = "`gift_id`, `link`", content_type = "application/json"),
    responses(
        (status = 201, description = "The gift's order", body = Panel<GiftOrderBody>),
        (status = 400, description = "A parameter wrong, or the gift used or expired", body = PanelError),
        (status = 401, description = "No valid token", body = PanelError),
        (status = 404, description = "No such gift won", body = PanelError),
    )
)]
pub async fn use_gift(
    req: HttpRequest,
    body: web::Bytes,
    Authenticated(claims): Authenticated,
    db: web::Data<Db>,
    state: web::Data<State>,
) -> Result<Panel<GiftOrderBody>, SmmError> {
    let user_id = caller::user_id(&claims)?;
    let mut params = Params::read(&req, &body)?;
    let Some(gift_id) = params.integer("gift_id", 1, i64::MAX) else {
        return Err(bad_gift_id());
    };
    let link = params.text("link", 1_000, false);
    if params.has_errors() || check_link(link.as_deref()).is_err() {
        return Err(bad_link());
    }
    let link = link.unwrap_or_default();
    let now = caller::now();
    let order = db
        .run(move |conn| {
            conn.write_transaction(|c| -> Result<_, SmmError> {
                let owned: Vec<UserGift> = ug::table
                    .filter(ug::uid.eq(user_id))
                    .filter(ug::gift_id.eq(gift_id))
                    .order(ug::id.asc())
                    .select(UserGift::as_select())
                    .load(c)?;
                if owned.is_empty() {
                    return Err(not_received());
                }
                let live = owned
                    .into_iter()
                    .find(|o| o.used == 0 && o.expired_at > now)
                    .ok_or_else(used_or_expired)?;
                // the one conditional UPDATE that decides who uses it
                let n = diesel::update(
                    ug::table
                        .find(live.id)
                        .filter(ug::used.eq(0))
                        .filter(ug::expired_at.gt(now)),
                )
                .set((ug::used.eq(1), ug::link.eq(&link), ug::changed.eq(now)))
                .execute(c)?;
                if n == 0 {
                    return Err(used_or_expired());
                }
                let service: Service = g::table
                    .inner_join(s::table)
                    .filter(g::id.eq(gift_id))
                    .select(Service::as_select())
                    .first(c)
                    .optional()?
                    .ok_or_else(service_not_found)?;
                let order = place::place_gift(c, user_id, &service, &link, live.quantity, now)?;
                diesel::update(ug::table.find(live.id))
                    .set(ug::order_id.eq(order.id))
                    .execute(c)?;
                Ok(order)
            })
        })
        .await?;
    state.forwarder.wake();
    Ok(Panel::new(
        201,
        GiftOrderBody {
            order: order.into(),
        },
    ))
}

fn bad_gift_id() -> SmmError {
    SmmError::refused(
        StatusCode::BAD_REQUEST,
        "invalid_gift_id",
        "لطفا شناسه هدیه را به درستی وارد کنید",
        "Please send the gift's id",
    )
}

fn bad_link() -> SmmError {
    SmmError::refused(
        StatusCode::BAD_REQUEST,
        "invalid_link",
        "لطفا لینک را به درستی وارد کنید",
        "Please send a valid link",
    )
}

fn used_or_expired() -> SmmError {
    SmmError::refused(
        StatusCode::BAD_REQUEST,
        "gift_used_or_expired",
        "هدیه شما استفاده یا منقضی شده است",
        "Your gift was used or has expired",
    )
}

fn not_received() -> SmmError {
    SmmError::refused(
        StatusCode::NOT_FOUND,
        "gift_not_received",
        "شما چنین هدیه ای دریافت نکرده اید",
        "You have not received such a gift",
    )
}

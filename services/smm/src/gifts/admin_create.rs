use super::dripfeed_refused;
use super::model::{Gift, GiftObject};
use crate::catalog::model::Service;
use crate::input::Params;
use crate::orders::place::service_not_found;
use crate::schema::{gifts as g, services as s};
use crate::{caller, SmmError};
use actix_web::{web, HttpRequest};
use diesel::prelude::*;
use platform_auth::Admin;
use platform_db::Db;
use platform_http::docs::PanelError;
use platform_http::reply::Panel;
use platform_http::rules::Rule;
use serde::Serialize;

#[derive(Serialize, utoipa::ToSchema)]
pub struct GiftBody {
    gift: GiftObject,
}

/// Define a gift
///
/// `service_id` (a service that is not drip-feed: 422 `gift_dripfeed`),
/// `min` and `max` (the quantity won, 1 ≤ min ≤ max), `status` (1 active,
/// the default; 0 kept out of the wheel).
#[utoipa::path(
    post,
    path = "/api/v1/admin/gifts",
    operation_id = "adminCreateGift",
    tag = "admin",
    security(("bearer" = [])),
    request_body(content = String, description = "`service_id`, `min`, `max`, `status`", content_type = "application/json"),
    responses(
        (status = 201, description = "Defined", body = Panel<GiftBody>),
        (status = 401, description = "No valid token", body = PanelError),
        (status = 400, description = "A field missing or out of range", body = PanelError),
        (status = 403, description = "Not an operator", body = PanelError),
        (status = 404, description = "No such service", body = PanelError),
        (status = 422, description = "A drip-feed service", body = PanelError),
    )
)]
pub async fn create(
    req: HttpRequest,
    body: web::Bytes,
    _: Admin,
    db: web::Data<Db>,
) -> Result<Panel<GiftBody>, SmmError> {
    let mut params = Params::read(&req, &body)?;
    let service_id = params.required_integer("service_id", 1, i64::MAX);
    let min = params.required_integer("min", 1, 10_000_000);
    let max = params.required_integer("max", 1, 10_000_000);
    let active = params.flag("status").unwrap_or(true);
    if let (Some(min), Some(max)) = (min, max) {
        if max < min {
            params.fail("max", Rule::AtLeast(min));
        }
    }
    params.finish()?;
    let (Some(service_id), Some(min), Some(max)) = (service_id, min, max) else {
        return Err(SmmError::internal(std::io::Error::other(
            "unread parameters",
        )));
    };
    let now = caller::now();
    let (gift, service) = db
        .run(move |conn| {
            conn.write_transaction(|c| -> Result<(Gift, Service), SmmError> {
                let service: Service = s::table
                    .find(service_id)
                    .select(Service::as_select())
                    .first(c)
                    .optional()?
                    .ok_or_else(service_not_found)?;
                if service.dripfeed != 0 {
                    return Err(dripfeed_refused());
                }
                diesel::insert_into(g::table)
                    .values((
                        g::service_id.eq(service_id),
                        g::min_quantity.eq(min),
                        g::max_quantity.eq(max),
                        g::status.eq(i32::from(active)),
                        g::changed.eq(now),
                        g::created.eq(now),
                    ))
                    .execute(c)?;
                // found again by its whole content: a twin made in the
                // same second would be the same gift to the reader
                let gift: Gift = g::table
                    .filter(g::service_id.eq(service_id))
                    .filter(g::min_quantity.eq(min))
                    .filter(g::max_quantity.eq(max))
                    .filter(g::created.eq(now))
                    .order(g::id.desc())
                    .select(Gift::as_select())
                    .first(c)?;
                Ok((gift, service))
            })
        })
        .await?;
    Ok(Panel::new(
        201,
        GiftBody {
            gift: GiftObject::new(gift, service),
        },
    ))
}

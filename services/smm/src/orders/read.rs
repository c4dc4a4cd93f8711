use super::model::{Order, OrderObject};
use crate::schema::orders as o;
use crate::{caller, SmmError};
use actix_web::web;
use diesel::prelude::*;
use platform_auth::Authenticated;
use platform_db::Db;
use platform_http::docs::PanelError;

/// One order
///
/// The seed's flat body: `status` is the order's status, the HTTP status
/// line says 200. Another account's order is 403 "منع دسترسی"; an id that
/// names no order (or is not a number) is 404 "سفارش مورد نظر یافت نشد".
#[utoipa::path(
    get,
    path = "/api/v1/order/{id}",
    operation_id = "readOrder",
    tag = "orders",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The order id")),
    responses(
        (status = 200, description = "The order", body = OrderObject),
        (status = 401, description = "No valid token", body = PanelError),
        (status = 403, description = "Another account's order", body = PanelError),
        (status = 404, description = "No such order", body = PanelError),
    )
)]
pub async fn read(
    path: web::Path<String>,
    Authenticated(claims): Authenticated,
    db: web::Data<Db>,
) -> Result<web::Json<OrderObject>, SmmError> {
    let user_id = caller::user_id(&claims)?;
    let id: i64 = path
        .trim()
        .parse()
        .map_err(|_| SmmError::order_not_found())?;
    let order = db
        .run(move |conn| -> Result<Option<Order>, SmmError> {
            Ok(o::table
                .find(id)
                .select(Order::as_select())
                .first(conn)
                .optional()?)
        })
        .await?
        .ok_or_else(SmmError::order_not_found)?;
    if order.uid != user_id {
        return Err(SmmError::forbidden());
    }
    Ok(web::Json(order.into()))
}

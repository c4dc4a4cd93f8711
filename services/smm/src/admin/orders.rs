use super::path_id;
use crate::caller::now;
use crate::input::Params;
use crate::orders::model::{forward, status, Order, OrderObject};
use crate::orders::transition::{self, Observed};
use crate::schema::orders as o;
use crate::state::State;
use crate::SmmError;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest};
use diesel::prelude::*;
use platform_auth::Admin;
use platform_db::Db;
use platform_http::docs::PanelError;
use platform_http::reply::Panel;
use serde::Serialize;

#[derive(Serialize, utoipa::ToSchema)]
pub struct AdminOrdersBody {
    orders: Vec<OrderObject>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct AdminOrderBody {
    order: OrderObject,
}

/// Orders that need an operator
///
/// `forward`: `review` (a send whose outcome is unknown), `manual`,
/// `failed`, `waiting`, `sent`; `status`: any order status. Newest first,
/// at most `limit` (default 100, at most 1000).
#[utoipa::path(
    get,
    path = "/api/v1/admin/orders",
    operation_id = "adminListOrders",
    tag = "admin",
    security(("bearer" = [])),
    params(
        ("forward" = Option<String>, Query, description = "Where the order stands with its provider"),
        ("status" = Option<String>, Query, description = "The order's status"),
        ("limit" = Option<i64>, Query, description = "At most this many, 1 to 1000"),
    ),
    responses(
        (status = 200, description = "The orders", body = Panel<AdminOrdersBody>),
        (status = 401, description = "No valid token", body = PanelError),
        (status = 400, description = "A parameter malformed", body = PanelError),
        (status = 403, description = "Not an operator", body = PanelError),
    )
)]
pub async fn list(
    req: HttpRequest,
    body: web::Bytes,
    _: Admin,
    db: web::Data<Db>,
) -> Result<Panel<AdminOrdersBody>, SmmError> {
    let mut params = Params::read(&req, &body)?;
    let forward_state = params.choice(
        "forward",
        &[
            forward::REVIEW,
            forward::MANUAL,
            forward::FAILED,
            forward::WAITING,
            forward::SENT,
            forward::SENDING,
        ],
    );
    let status_is = params.choice("status", &status::ALL);
    let limit = params.integer("limit", 1, 1000).unwrap_or(100);
    params.finish()?;
    let rows = db
        .run(move |conn| -> Result<Vec<Order>, SmmError> {
            let mut q = o::table.select(Order::as_select()).into_boxed();
            if let Some(f) = forward_state {
                q = q.filter(o::forward.eq(f));
            }
            if let Some(s) = status_is {
                q = q.filter(o::status.eq(s));
            }
            Ok(q.order(o::id.desc()).limit(limit).load(conn)?)
        })
        .await?;
    Ok(Panel::new(
        200,
        AdminOrdersBody {
            orders: rows.into_iter().map(OrderObject::from).collect(),
        },
    ))
}

/// Set an order's status
///
/// `status` (one of the order statuses) and, for `partial`, `remains`
/// (clamped to 0..quantity). The refund follows as it would from a
/// provider's reply: partial gives back the undelivered part, canceled
/// everything, never twice and never taken back.
#[utoipa::path(
    post,
    path = "/api/v1/admin/orders/{id}/status",
    operation_id = "adminSetOrderStatus",
    tag = "admin",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The order id")),
    request_body(content = String, description = "`status`, `remains`", content_type = "application/json"),
    responses(
        (status = 201, description = "The order after the change", body = Panel<AdminOrderBody>),
        (status = 401, description = "No valid token", body = PanelError),
        (status = 400, description = "A field missing or malformed", body = PanelError),
        (status = 403, description = "Not an operator", body = PanelError),
        (status = 404, description = "No such order", body = PanelError),
    )
)]
pub async fn set_status(
    req: HttpRequest,
    path: web::Path<String>,
    body: web::Bytes,
    _: Admin,
    db: web::Data<Db>,
) -> Result<Panel<AdminOrderBody>, SmmError> {
    let id = path_id(&path, SmmError::order_not_found)?;
    let mut params = Params::read(&req, &body)?;
    let new_status = params.choice("status", &status::ALL);
    if new_status.is_none() && !params.has_errors() {
        params.fail("status", platform_http::rules::Rule::Blank);
    }
    let remains = params.integer("remains", i64::MIN, i64::MAX);
    let start_count = params.integer("start_count", 0, i64::MAX);
    params.finish()?;
    let seen = Observed {
        status: new_status.unwrap_or_default(),
        remains,
        start_count,
        posts_done: None,
    };
    let order = db
        .run(move |conn| -> Result<Order, SmmError> {
            let exists = o::table
                .find(id)
                .select(o::id)
                .first::<i64>(conn)
                .optional()?;
            if exists.is_none() {
                return Err(SmmError::order_not_found());
            }
            transition::apply(conn, id, &seen, true, now())?;
            Ok(o::table.find(id).select(Order::as_select()).first(conn)?)
        })
        .await?;
    Ok(Panel::new(
        201,
        AdminOrderBody {
            order: order.into(),
        },
    ))
}

/// Send an order in review again
///
/// For a send whose outcome was unknown, once the operator has checked
/// with the provider that it never arrived: back to the forwarding queue.
#[utoipa::path(
    post,
    path = "/api/v1/admin/orders/{id}/resend",
    operation_id = "adminResendOrder",
    tag = "admin",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The order id")),
    responses(
        (status = 201, description = "Queued again", body = Panel<AdminOrderBody>),
        (status = 401, description = "No valid token", body = PanelError),
        (status = 403, description = "Not an operator", body = PanelError),
        (status = 404, description = "No such order", body = PanelError),
        (status = 409, description = "The order is not in review", body = PanelError),
    )
)]
pub async fn resend(
    path: web::Path<String>,
    _: Admin,
    db: web::Data<Db>,
    state: web::Data<State>,
) -> Result<Panel<AdminOrderBody>, SmmError> {
    let id = path_id(&path, SmmError::order_not_found)?;
    let order = db
        .run(move |conn| -> Result<Order, SmmError> {
            let n = diesel::update(
                o::table
                    .find(id)
                    .filter(o::forward.eq(forward::REVIEW))
                    .filter(o::status.eq(status::PENDING)),
            )
            .set((
                o::forward.eq(forward::WAITING),
                o::lease_until.eq(0),
                o::changed.eq(now()),
            ))
            .execute(conn)?;
            let order: Option<Order> = o::table
                .find(id)
                .select(Order::as_select())
                .first(conn)
                .optional()?;
            match (n, order) {
                (_, None) => Err(SmmError::order_not_found()),
                (0, Some(_)) => Err(SmmError::refused(
                    StatusCode::CONFLICT,
                    "not_in_review",
                    "این سفارش در انتظار بررسی نیست",
                    "The order is not in review",
                )),
                (_, Some(order)) => Ok(order),
            }
        })
        .await?;
    state.forwarder.wake();
    Ok(Panel::new(
        201,
        AdminOrderBody {
            order: order.into(),
        },
    ))
}

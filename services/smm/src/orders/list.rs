use super::model::{Order, OrderObject};
use crate::schema::orders as o;
use crate::{caller, SmmError};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::{web, HttpRequest, HttpResponse, Responder};
use diesel::prelude::*;
use platform_auth::Authenticated;
use platform_db::Db;
use platform_http::docs::PanelError;
use platform_http::fields::FieldErrors;
use platform_http::reply::{Paging, Panel};
use platform_http::rules::Rule;
use platform_service::BaseError;
use serde::Serialize;

#[derive(Serialize, utoipa::ToSchema)]
pub struct OrdersBody {
    orders: Vec<OrderObject>,
}

/// The caller's orders, newest first
///
/// Paged with `page` and `per-page` (or `perPage`, default 20, at most
/// 100); the body keeps the seed's shape and the totals ride in the
/// `X-Pagination-Total-Count`, `-Page-Count`, `-Current-Page` and
/// `-Per-Page` headers.
#[utoipa::path(
    get,
    path = "/api/v1/order",
    operation_id = "listOrders",
    tag = "orders",
    security(("bearer" = [])),
    params(
        ("page" = Option<u64>, Query, description = "1-based page"),
        ("per-page" = Option<u64>, Query, description = "1 to 100, default 20"),
    ),
    responses(
        (status = 200, description = "A page of orders", body = Panel<OrdersBody>),
        (status = 400, description = "A paging parameter out of bounds", body = PanelError),
        (status = 401, description = "No valid token", body = PanelError),
    )
)]
pub async fn list(
    req: HttpRequest,
    Authenticated(claims): Authenticated,
    db: web::Data<Db>,
) -> Result<HttpResponse, SmmError> {
    let user_id = caller::user_id(&claims)?;
    let paging = Paging::from_query(req.query_string()).map_err(|name| {
        SmmError::Base(BaseError::Unreadable(FieldErrors::single(
            name,
            Rule::Range {
                min: 1,
                max: Paging::MAX_PER_PAGE,
            },
        )))
    })?;
    let (rows, total) = db
        .run(move |conn| -> Result<(Vec<Order>, i64), SmmError> {
            let total: i64 = o::table
                .filter(o::uid.eq(user_id))
                .count()
                .get_result(conn)?;
            let rows = o::table
                .filter(o::uid.eq(user_id))
                .order(o::id.desc())
                .limit(paging.per_page as i64)
                .offset(paging.offset() as i64)
                .select(Order::as_select())
                .load(conn)?;
            Ok((rows, total))
        })
        .await?;
    let total = total.max(0) as u64;
    let mut res = Panel::new(
        200,
        OrdersBody {
            orders: rows.into_iter().map(OrderObject::from).collect(),
        },
    )
    .respond_to(&req);
    for (name, value) in [
        ("x-pagination-total-count", total),
        ("x-pagination-page-count", paging.page_count(total)),
        ("x-pagination-current-page", paging.page),
        ("x-pagination-per-page", paging.per_page),
    ] {
        res.headers_mut()
            .insert(HeaderName::from_static(name), HeaderValue::from(value));
    }
    Ok(res)
}

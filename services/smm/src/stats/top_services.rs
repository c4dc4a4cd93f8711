use super::{period, ranked, Ranked};
use crate::catalog::model::{FullServiceObject, Service};
use crate::input::Params;
use crate::schema::services as s;
use crate::SmmError;
use actix_web::{web, HttpRequest};
use diesel::prelude::*;
use platform_db::Db;
use platform_http::docs::PanelError;
use platform_http::reply::Panel;
use serde::Serialize;
use std::collections::HashMap;

#[derive(Serialize, utoipa::ToSchema)]
pub struct TopService {
    service_id: i64,
    /// Orders placed in the period.
    count: i64,
    service: FullServiceObject,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct TopServicesBody {
    services: Vec<TopService>,
}

/// The most ordered services
///
/// By orders placed since `offset` (unix seconds, counted from the start
/// of its UTC day; default 0), at most `limit` (default and most 10).
#[utoipa::path(
    get,
    path = "/api/v1/stats/top_services",
    operation_id = "topServices",
    tag = "stats",
    params(
        ("limit" = Option<i64>, Query, description = "1 to 10, default 10"),
        ("offset" = Option<i64>, Query, description = "The period's start, unix seconds"),
    ),
    responses(
        (status = 200, description = "The ranking", body = Panel<TopServicesBody>),
        (status = 400, description = "A parameter not a number", body = PanelError),
    )
)]
pub async fn top_services(
    req: HttpRequest,
    body: web::Bytes,
    db: web::Data<Db>,
) -> Result<Panel<TopServicesBody>, SmmError> {
    let mut params = Params::read(&req, &body)?;
    let (limit, offset) = period(&mut params);
    params.finish()?;
    let (rows, mut found) = db
        .run(
            move |conn| -> Result<(Vec<Ranked>, HashMap<i64, Service>), SmmError> {
                let rows = ranked(conn, "service_stats", "service_id", "orders", offset, limit)?;
                let ids: Vec<i64> = rows.iter().map(|r| r.item).collect();
                let found = s::table
                    .filter(s::id.eq_any(&ids))
                    .select(Service::as_select())
                    .load(conn)?
                    .into_iter()
                    .map(|s| (s.id, s))
                    .collect();
                Ok((rows, found))
            },
        )
        .await?;
    let services = rows
        .into_iter()
        .filter_map(|r| {
            found.remove(&r.item).map(|service| TopService {
                service_id: r.item,
                count: r.orders,
                service: service.into(),
            })
        })
        .collect();
    Ok(Panel::new(200, TopServicesBody { services }))
}

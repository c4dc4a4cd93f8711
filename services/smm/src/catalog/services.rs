use super::model::{Service, ServiceObject};
use super::order_by;
use crate::input::Params;
use crate::schema::services as s;
use crate::SmmError;
use actix_web::{web, HttpRequest};
use diesel::prelude::*;
use platform_db::Db;
use platform_http::docs::PanelError;
use platform_http::reply::Panel;
use serde::Serialize;

#[derive(Serialize, utoipa::ToSchema)]
pub struct ServicesBody {
    services: Vec<ServiceObject>,
}

/// The services on sale
///
/// `cate_id` narrows to one category; `status` is `1` (on sale, the
/// default) or `0` (withdrawn); `order_by` is `id`, `name`, `price`,
/// `created` or `changed`, `-` before it for descending. Prices are Toman
/// per 1000 units.
#[utoipa::path(
    get,
    path = "/api/v1/services",
    operation_id = "listServices",
    tag = "catalog",
    params(
        ("cate_id" = Option<i64>, Query, description = "Only this category's services"),
        ("status" = Option<String>, Query, description = "`1` or `0`"),
        ("order_by" = Option<String>, Query, description = "Sort by this column; `-column` descending"),
    ),
    responses(
        (status = 200, description = "The services", body = Panel<ServicesBody>),
        (status = 400, description = "A parameter of the wrong type or value", body = PanelError),
    )
)]
pub async fn list(
    req: HttpRequest,
    body: web::Bytes,
    db: web::Data<Db>,
) -> Result<Panel<ServicesBody>, SmmError> {
    let mut params = Params::read(&req, &body)?;
    let category = params.integer("cate_id", 1, i64::MAX);
    let status = params.integer("status", 0, 1).unwrap_or(1);
    let order = order_by(&mut params, &["id", "name", "price", "created", "changed"]);
    params.finish()?;
    let rows = db
        .run(move |conn| -> Result<Vec<Service>, SmmError> {
            let mut query = s::table
                .filter(s::status.eq(i32::from(status == 1)))
                .select(Service::as_select())
                .into_boxed();
            if let Some(category) = category {
                query = query.filter(s::cate_id.eq(category));
            }
            query = match (order.column, order.descending) {
                ("name", false) => query.order((s::name.asc(), s::id.asc())),
                ("name", true) => query.order((s::name.desc(), s::id.desc())),
                ("price", false) => query.order((s::price.asc(), s::id.asc())),
                ("price", true) => query.order((s::price.desc(), s::id.desc())),
                ("created", false) => query.order((s::created.asc(), s::id.asc())),
                ("created", true) => query.order((s::created.desc(), s::id.desc())),
                ("changed", false) => query.order((s::changed.asc(), s::id.asc())),
                ("changed", true) => query.order((s::changed.desc(), s::id.desc())),
                (_, false) => query.order(s::id.asc()),
                (_, true) => query.order(s::id.desc()),
            };
            Ok(query.load(conn)?)
        })
        .await?;
    Ok(Panel::new(
        200,
        ServicesBody {
            services: rows.into_iter().map(ServiceObject::from).collect(),
        },
    ))
}

use super::model::{Category, CategoryObject};
use super::order_by;
use crate::input::Params;
use crate::schema::categories as c;
use crate::SmmError;
use actix_web::{web, HttpRequest};
use diesel::prelude::*;
use platform_db::Db;
use platform_http::docs::PanelError;
use platform_http::reply::Panel;
use serde::Serialize;

#[derive(Serialize, utoipa::ToSchema)]
pub struct CategoriesBody {
    categories: Vec<CategoryObject>,
}

/// The active categories
///
/// `order_by`: `id`, `name`, `sort`, `created` or `changed`, `-` before it
/// for descending; newest first by default.
#[utoipa::path(
    get,
    path = "/api/v1/categories",
    operation_id = "listCategories",
    tag = "catalog",
    params(("order_by" = Option<String>, Query, description = "Sort by this column; `-column` descending")),
    responses(
        (status = 200, description = "The categories", body = Panel<CategoriesBody>),
        (status = 400, description = "An unknown `order_by`", body = PanelError),
    )
)]
pub async fn list(
    req: HttpRequest,
    body: web::Bytes,
    db: web::Data<Db>,
) -> Result<Panel<CategoriesBody>, SmmError> {
    let mut params = Params::read(&req, &body)?;
    let order = order_by(&mut params, &["id", "name", "sort", "created", "changed"]);
    params.finish()?;
    let rows = db
        .run(move |conn| -> Result<Vec<Category>, SmmError> {
            let mut query = c::table
                .filter(c::status.eq(1))
                .select(Category::as_select())
                .into_boxed();
            query = match (order.column, order.descending) {
                ("name", false) => query.order((c::name.asc(), c::id.asc())),
                ("name", true) => query.order((c::name.desc(), c::id.desc())),
                ("sort", false) => query.order((c::sort.asc(), c::id.asc())),
                ("sort", true) => query.order((c::sort.desc(), c::id.desc())),
                ("created", false) => query.order((c::created.asc(), c::id.asc())),
                ("created", true) => query.order((c::created.desc(), c::id.desc())),
                ("changed", false) => query.order((c::changed.asc(), c::id.asc())),
                ("changed", true) => query.order((c::changed.desc(), c::id.desc())),
                (_, false) => query.order(c::id.asc()),
                (_, true) => query.order(c::id.desc()),
            };
            Ok(query.load(conn)?)
        })
        .await?;
    Ok(Panel::new(
        200,
        CategoriesBody {
            categories: rows.into_iter().map(CategoryObject::from).collect(),
        },
    ))
}

use super::path_id;
use crate::caller::now;
use crate::catalog::model::{Category, CategoryObject};
use crate::input::Params;
use crate::schema::categories as c;
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
pub struct CategoryBody {
    category: CategoryObject,
}

/// What a create or update sends; absent fields keep their value.
struct Fields {
    name: Option<String>,
    desc: Option<String>,
    image: Option<String>,
    sort: Option<i64>,
    status: Option<i64>,
}

fn read(params: &mut Params, creating: bool) -> Fields {
    let name = if creating {
        params.required_text("name", 255, false)
    } else {
        params.text("name", 255, false)
    };
    Fields {
        name,
        desc: params.text("desc", 10_000, true),
        image: params.text("image", 2_000, false),
        sort: params.integer("sort", 0, 1_000_000),
        status: params.integer("status", 0, 1),
    }
}

pub fn category_not_found() -> SmmError {
    SmmError::refused(
        StatusCode::NOT_FOUND,
        "category_not_found",
        "دسته‌بندی مورد نظر یافت نشد",
        "No such category",
    )
}

/// Create a category
#[utoipa::path(
    post,
    path = "/api/v1/admin/categories",
    operation_id = "adminCreateCategory",
    tag = "admin",
    security(("bearer" = [])),
    request_body(content = String, description = "`name` (required), `desc`, `image`, `sort`, `status` (1 or 0), as JSON or a form", content_type = "application/json"),
    responses(
        (status = 201, description = "Created", body = Panel<CategoryBody>),
        (status = 401, description = "No valid token", body = PanelError),
        (status = 400, description = "A field missing or malformed", body = PanelError),
        (status = 403, description = "Not an operator", body = PanelError),
    )
)]
pub async fn create(
    req: HttpRequest,
    body: web::Bytes,
    _: Admin,
    db: web::Data<Db>,
) -> Result<Panel<CategoryBody>, SmmError> {
    let mut params = Params::read(&req, &body)?;
    let f = read(&mut params, true);
    params.finish()?;
    let now = now();
    let category = db
        .run(move |conn| -> Result<Category, SmmError> {
            conn.write_transaction(|c| {
                diesel::insert_into(c::table)
                    .values((
                        c::name.eq(f.name.unwrap_or_default()),
                        c::description.eq(f.desc.unwrap_or_default()),
                        c::image.eq(f.image),
                        c::sort.eq(f.sort.unwrap_or(0)),
                        c::status.eq(f.status.unwrap_or(1) as i32),
                        c::changed.eq(now),
                        c::created.eq(now),
                    ))
                    .execute(c)?;
                // the newest row is this one: the write lock is held
                Ok(c::table
                    .order(c::id.desc())
                    .select(Category::as_select())
                    .first(c)?)
            })
        })
        .await?;
    Ok(Panel::new(
        201,
        CategoryBody {
            category: category.into(),
        },
    ))
}

/// Change a category
#[utoipa::path(
    put,
    path = "/api/v1/admin/categories/{id}",
    operation_id = "adminUpdateCategory",
    tag = "admin",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The category id")),
    request_body(content = String, description = "Any of `name`, `desc`, `image`, `sort`, `status`", content_type = "application/json"),
    responses(
        (status = 200, description = "Changed", body = Panel<CategoryBody>),
        (status = 401, description = "No valid token", body = PanelError),
        (status = 400, description = "A field malformed", body = PanelError),
        (status = 403, description = "Not an operator", body = PanelError),
        (status = 404, description = "No such category", body = PanelError),
    )
)]
pub async fn update(
    req: HttpRequest,
    path: web::Path<String>,
    body: web::Bytes,
    _: Admin,
    db: web::Data<Db>,
) -> Result<Panel<CategoryBody>, SmmError> {
    let id = path_id(&path, category_not_found)?;
    let mut params = Params::read(&req, &body)?;
    let f = read(&mut params, false);
    params.finish()?;
    let now = now();
    let category = db
        .run(move |conn| -> Result<Category, SmmError> {
            conn.write_transaction(|conn| {
                let old: Category = c::table
                    .find(id)
                    .select(Category::as_select())
                    .first(conn)
                    .optional()?
                    .ok_or_else(category_not_found)?;
                diesel::update(c::table.find(id))
                    .set((
                        c::name.eq(f.name.unwrap_or(old.name)),
                        c::description.eq(f.desc.unwrap_or(old.description)),
                        c::image.eq(f.image.or(old.image)),
                        c::sort.eq(f.sort.unwrap_or(old.sort)),
                        c::status.eq(f.status.map_or(old.status, |s| s as i32)),
                        c::changed.eq(now),
                    ))
                    .execute(conn)?;
                Ok(c::table
                    .find(id)
                    .select(Category::as_select())
                    .first(conn)?)
            })
        })
        .await?;
    Ok(Panel::new(
        200,
        CategoryBody {
            category: category.into(),
        },
    ))
}

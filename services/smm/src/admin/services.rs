use super::categories::category_not_found;
use super::path_id;
use crate::caller::now;
use crate::catalog::model::{FullServiceObject, Service};
use crate::input::Params;
use crate::kinds::ServiceKind;
use crate::money::Money;
use crate::orders::place::service_not_found;
use crate::schema::{categories, providers, services as s};
use crate::SmmError;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest};
use diesel::prelude::*;
use platform_auth::Admin;
use platform_db::{AnyConnection, Db};
use platform_http::docs::PanelError;
use platform_http::reply::Panel;
use platform_http::rules::Rule;
use serde::Serialize;

#[derive(Serialize, utoipa::ToSchema)]
pub struct ServiceBody {
    service: FullServiceObject,
}

/// The fields of a create or update; absent ones keep their value.
#[derive(Default)]
pub struct Fields {
    pub cate_id: Option<i64>,
    pub name: Option<String>,
    pub desc: Option<String>,
    pub price: Option<Money>,
    pub original_price: Option<Money>,
    pub min: Option<i64>,
    pub max: Option<i64>,
    pub kind: Option<ServiceKind>,
    pub dripfeed: Option<bool>,
    pub refill: Option<bool>,
    pub cancel: Option<bool>,
    pub status: Option<i64>,
    pub add_type: Option<String>,
    pub api_provider_id: Option<i64>,
    pub api_service_id: Option<String>,
}

fn read(params: &mut Params, creating: bool) -> Fields {
    let f = Fields {
        cate_id: params.integer("cate_id", 1, i64::MAX),
        name: params.text("name", 255, false),
        desc: params.text("desc", 20_000, true),
        price: params.money("price"),
        original_price: params.money("original_price"),
        min: params.integer("min", 1, i64::MAX),
        max: params.integer("max", 1, i64::MAX),
        kind: params.text("type", 64, false).and_then(|t| {
            let kind = ServiceKind::parse(&t);
            if kind.is_none() {
                params.fail("type", Rule::Invalid);
            }
            kind
        }),
        dripfeed: params.flag("dripfeed"),
        refill: params.flag("refill"),
        cancel: params.flag("cancel"),
        status: params.integer("status", 0, 1),
        add_type: params.choice("add_type", &["manual", "api"]),
        api_provider_id: params.integer("api_provider_id", 1, i64::MAX),
        api_service_id: params.text("api_service_id", 64, false),
    };
    if f.price.is_some_and(|p| p.0 < 0) {
        params.fail("price", Rule::AtLeast(0));
    }
    if creating {
        for (name, present) in [
            ("cate_id", f.cate_id.is_some()),
            ("name", f.name.is_some()),
            ("price", f.price.is_some()),
            ("min", f.min.is_some()),
            ("max", f.max.is_some()),
        ] {
            if !present && !params.has_errors() {
                params.fail(name, Rule::Blank);
            }
        }
    }
    f
}

/// The stored row `f` makes of `old` (or of nothing): checked as a whole.
pub fn merged(
    conn: &mut AnyConnection,
    old: Option<Service>,
    f: Fields,
    now: i64,
) -> Result<Service, SmmError> {
    let bad = |code, fa, en| SmmError::refused(StatusCode::UNPROCESSABLE_ENTITY, code, fa, en);
    let base = old.unwrap_or(Service {
        id: 0,
        cate_id: 0,
        name: String::new(),
        description: String::new(),
        price: 0,
        original_price: None,
        min_quantity: 1,
        max_quantity: 1,
        kind: ServiceKind::Default.as_str().into(),
        dripfeed: 0,
        refill: 0,
        cancel: 0,
        status: 1,
        add_type: "manual".into(),
        api_provider_id: None,
        api_service_id: None,
        changed: now,
        created: now,
    });
    let add_type = f.add_type.unwrap_or(base.add_type);
    let service = Service {
        cate_id: f.cate_id.unwrap_or(base.cate_id),
        name: f.name.unwrap_or(base.name),
        description: f.desc.unwrap_or(base.description),
        price: f.price.map_or(base.price, |m| m.0),
        original_price: f.original_price.map(|m| m.0).or(base.original_price),
        min_quantity: f.min.unwrap_or(base.min_quantity),
        max_quantity: f.max.unwrap_or(base.max_quantity),
        kind: f.kind.map_or(base.kind, |k| k.as_str().to_string()),
        dripfeed: f.dripfeed.map_or(base.dripfeed, i32::from),
        refill: f.refill.map_or(base.refill, i32::from),
        cancel: f.cancel.map_or(base.cancel, i32::from),
        status: f.status.map_or(base.status, |s| s as i32),
        api_provider_id: if add_type == "api" {
            f.api_provider_id.or(base.api_provider_id)
        } else {
            None
        },
        api_service_id: if add_type == "api" {
            f.api_service_id.or(base.api_service_id)
        } else {
            None
        },
        add_type,
        changed: now,
        ..base
    };
    if service.min_quantity > service.max_quantity {
        return Err(bad(
            "min_above_max",
            "حداقل تعداد از حداکثر بیشتر است",
            "min is above max",
        ));
    }
    let category = categories::table
        .find(service.cate_id)
        .select(categories::id)
        .first::<i64>(conn)
        .optional()?;
    if category.is_none() {
        return Err(category_not_found());
    }
    if service.add_type == "api" {
        let Some(provider) = service.api_provider_id else {
            return Err(bad(
                "provider_required",
                "برای سرویس api شناسهٔ ارائه‌دهنده و شناسهٔ سرویس او لازم است",
                "An api service needs api_provider_id and api_service_id",
            ));
        };
        if service.api_service_id.is_none() {
            return Err(bad(
                "provider_required",
                "برای سرویس api شناسهٔ ارائه‌دهنده و شناسهٔ سرویس او لازم است",
                "An api service needs api_provider_id and api_service_id",
            ));
        }
        let exists = providers::table
            .find(provider)
            .select(providers::id)
            .first::<i64>(conn)
            .optional()?;
        if exists.is_none() {
            return Err(super::providers::provider_not_found());
        }
    }
    Ok(service)
}

/// Create a service
///
/// `cate_id`, `name`, `price` (Toman per 1000), `min` and `max` are
/// required; `type` is one of the protocol's types (`default`, `package`,
/// `custom_comments`, ..., `subscriptions`); `add_type` `manual` (an
/// operator works its orders) or `api` (forwarded to `api_provider_id` as
/// its service `api_service_id`).
#[utoipa::path(
    post,
    path = "/api/v1/admin/services",
    operation_id = "adminCreateService",
    tag = "admin",
    security(("bearer" = [])),
    request_body(content = String, description = "`cate_id`, `name`, `desc`, `price`, `original_price`, `min`, `max`, `type`, `dripfeed`, `refill`, `cancel`, `status`, `add_type`, `api_provider_id`, `api_service_id`", content_type = "application/json"),
    responses(
        (status = 201, description = "Created", body = Panel<ServiceBody>),
        (status = 401, description = "No valid token", body = PanelError),
        (status = 400, description = "A field missing or malformed", body = PanelError),
        (status = 403, description = "Not an operator", body = PanelError),
        (status = 404, description = "No such category or provider", body = PanelError),
        (status = 422, description = "Fields that do not fit together", body = PanelError),
    )
)]
pub async fn create(
    req: HttpRequest,
    body: web::Bytes,
    _: Admin,
    db: web::Data<Db>,
) -> Result<Panel<ServiceBody>, SmmError> {
    let mut params = Params::read(&req, &body)?;
    let f = read(&mut params, true);
    params.finish()?;
    let service = db
        .run(move |conn| -> Result<Service, SmmError> {
            conn.write_transaction(|c| {
                let row = merged(c, None, f, now())?;
                insert(c, &row)
            })
        })
        .await?;
    Ok(Panel::new(
        201,
        ServiceBody {
            service: service.into(),
        },
    ))
}

/// Stores a new service; the newest row is it (the write lock is held).
pub fn insert(c: &mut AnyConnection, row: &Service) -> Result<Service, SmmError> {
    diesel::insert_into(s::table)
        .values((Writable::from(row), s::created.eq(row.changed)))
        .execute(c)?;
    Ok(s::table
        .order(s::id.desc())
        .select(Service::as_select())
        .first(c)?)
}

/// The columns a create or update writes.
#[derive(Insertable, AsChangeset)]
#[diesel(table_name = s, treat_none_as_null = true)]
struct Writable<'a> {
    cate_id: i64,
    name: &'a str,
    description: &'a str,
    price: i64,
    original_price: Option<i64>,
    min_quantity: i64,
    max_quantity: i64,
    kind: &'a str,
    dripfeed: i32,
    refill: i32,
    cancel: i32,
    status: i32,
    add_type: &'a str,
    api_provider_id: Option<i64>,
    api_service_id: Option<&'a str>,
    changed: i64,
}

impl<'a> From<&'a Service> for Writable<'a> {
    fn from(row: &'a Service) -> Self {
        Writable {
            cate_id: row.cate_id,
            name: &row.name,
            description: &row.description,
            price: row.price,
            original_price: row.original_price,
            min_quantity: row.min_quantity,
            max_quantity: row.max_quantity,
            kind: &row.kind,
            dripfeed: row.dripfeed,
            refill: row.refill,
            cancel: row.cancel,
            status: row.status,
            add_type: &row.add_type,
            api_provider_id: row.api_provider_id,
            api_service_id: row.api_service_id.as_deref(),
            changed: row.changed,
        }
    }
}

/// Change a service
#[utoipa::path(
    put,
    path = "/api/v1/admin/services/{id}",
    operation_id = "adminUpdateService",
    tag = "admin",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The service id")),
    request_body(content = String, description = "Any field of the create", content_type = "application/json"),
    responses(
        (status = 200, description = "Changed", body = Panel<ServiceBody>),
        (status = 401, description = "No valid token", body = PanelError),
        (status = 400, description = "A field malformed", body = PanelError),
        (status = 403, description = "Not an operator", body = PanelError),
        (status = 404, description = "No such service, category or provider", body = PanelError),
        (status = 422, description = "Fields that do not fit together", body = PanelError),
    )
)]
pub async fn update(
    req: HttpRequest,
    path: web::Path<String>,
    body: web::Bytes,
    _: Admin,
    db: web::Data<Db>,
) -> Result<Panel<ServiceBody>, SmmError> {
    let id = path_id(&path, service_not_found)?;
    let mut params = Params::read(&req, &body)?;
    let f = read(&mut params, false);
    params.finish()?;
    let service = db
        .run(move |conn| -> Result<Service, SmmError> {
            conn.write_transaction(|c| {
                let old: Service = s::table
                    .find(id)
                    .select(Service::as_select())
                    .first(c)
                    .optional()?
                    .ok_or_else(service_not_found)?;
                let row = merged(c, Some(old), f, now())?;
                diesel::update(s::table.find(id))
                    .set(Writable::from(&row))
                    .execute(c)?;
                Ok(s::table.find(id).select(Service::as_select()).first(c)?)
            })
        })
        .await?;
    Ok(Panel::new(
        200,
        ServiceBody {
            service: service.into(),
        },
    ))
}

use super::path_id;
use crate::caller::now;
use crate::catalog::model::{FullServiceObject, Service};
use crate::input::Params;
use crate::kinds::ServiceKind;
use crate::money::Money;
use crate::schema::{categories, providers as p, services as s};
use crate::state::State;
use crate::upstream::client::{Provider, RemoteService};
use crate::SmmError;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest};
use diesel::prelude::*;
use platform_auth::Admin;
use platform_db::Db;
use platform_http::docs::PanelError;
use platform_http::reply::Panel;
use platform_http::rules::Rule;
use serde::Serialize;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = p)]
struct Row {
    id: i64,
    name: String,
    url: String,
    api_key: String,
    balance: Option<String>,
    currency: Option<String>,
    balance_at: Option<i64>,
    status: i32,
    changed: i64,
    created: i64,
}

/// A provider as operators see it: never its key.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ProviderObject {
    id: i64,
    name: String,
    url: String,
    /// As the provider last reported it, in its currency.
    balance: Option<String>,
    currency: Option<String>,
    balance_at: Option<i64>,
    status: i32,
    changed: i64,
    created: i64,
}

impl From<Row> for ProviderObject {
    fn from(r: Row) -> Self {
        ProviderObject {
            id: r.id,
            name: r.name,
            url: r.url,
            balance: r.balance,
            currency: r.currency,
            balance_at: r.balance_at,
            status: r.status,
            changed: r.changed,
            created: r.created,
        }
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ProviderBody {
    provider: ProviderObject,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ProvidersBody {
    providers: Vec<ProviderObject>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ImportBody {
    provider: ProviderObject,
    services: Vec<FullServiceObject>,
}

pub fn provider_not_found() -> SmmError {
    SmmError::refused(
        StatusCode::NOT_FOUND,
        "provider_not_found",
        "ارائه‌دهندهٔ مورد نظر یافت نشد",
        "No such provider",
    )
}

fn unreachable_provider(why: &str) -> SmmError {
    SmmError::refused_with(
        StatusCode::BAD_GATEWAY,
        "provider_unreachable",
        format!("ارائه‌دهنده پاسخ نداد: {why}"),
        format!("The provider did not answer: {why}"),
    )
}

/// Add a provider
///
/// `name`, `url` (its reseller API v2 address) and `key`. The key is kept
/// to call the provider and never shown again. The provider's balance is
/// read at once; a provider that cannot be reached is still added, with no
/// balance.
#[utoipa::path(
    post,
    path = "/api/v1/admin/providers",
    operation_id = "adminCreateProvider",
    tag = "admin",
    security(("bearer" = [])),
    request_body(content = String, description = "`name`, `url`, `key`", content_type = "application/json"),
    responses(
        (status = 201, description = "Added", body = Panel<ProviderBody>),
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
    state: web::Data<State>,
) -> Result<Panel<ProviderBody>, SmmError> {
    let mut params = Params::read(&req, &body)?;
    let name = params.required_text("name", 255, false);
    let url = params.required_text("url", 2_000, false);
    let key = params.required_text("key", 500, false);
    if let Some(u) = &url {
        let ok = u.starts_with("https://") || u.starts_with("http://");
        if !ok || reqwest::Url::parse(u).is_err() {
            params.fail("url", Rule::Url);
        }
    }
    params.finish()?;
    let (Some(name), Some(url), Some(key)) = (name, url, key) else {
        return Err(SmmError::internal(std::io::Error::other("unread fields")));
    };
    let now = now();
    let id = db
        .run(move |conn| -> Result<i64, SmmError> {
            conn.write_transaction(|c| {
                diesel::insert_into(p::table)
                    .values((
                        p::name.eq(name),
                        p::url.eq(url),
                        p::api_key.eq(key),
                        p::changed.eq(now),
                        p::created.eq(now),
                    ))
                    .execute(c)?;
                Ok(p::table.order(p::id.desc()).select(p::id).first(c)?)
            })
        })
        .await?;
    // a provider down now can still be added; its balance is read later
    let _ = read_balance(&db, &state, id).await;
    let provider = load(&db, id).await?;
    Ok(Panel::new(
        201,
        ProviderBody {
            provider: provider.into(),
        },
    ))
}

/// The providers, with their balances as last read
#[utoipa::path(
    get,
    path = "/api/v1/admin/providers",
    operation_id = "adminListProviders",
    tag = "admin",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The providers", body = Panel<ProvidersBody>),
        (status = 401, description = "No valid token", body = PanelError),
        (status = 403, description = "Not an operator", body = PanelError),
    )
)]
pub async fn list(_: Admin, db: web::Data<Db>) -> Result<Panel<ProvidersBody>, SmmError> {
    let rows = db
        .run(|conn| -> Result<Vec<Row>, SmmError> {
            Ok(p::table
                .order(p::id.asc())
                .select(Row::as_select())
                .load(conn)?)
        })
        .await?;
    Ok(Panel::new(
        200,
        ProvidersBody {
            providers: rows.into_iter().map(ProviderObject::from).collect(),
        },
    ))
}

/// Read a provider's balance again
#[utoipa::path(
    post,
    path = "/api/v1/admin/providers/{id}/balance",
    operation_id = "adminRefreshProviderBalance",
    tag = "admin",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The provider id")),
    responses(
        (status = 200, description = "The provider with its balance just read", body = Panel<ProviderBody>),
        (status = 401, description = "No valid token", body = PanelError),
        (status = 403, description = "Not an operator", body = PanelError),
        (status = 404, description = "No such provider", body = PanelError),
        (status = 502, description = "The provider did not answer", body = PanelError),
    )
)]
pub async fn refresh(
    path: web::Path<String>,
    _: Admin,
    db: web::Data<Db>,
    state: web::Data<State>,
) -> Result<Panel<ProviderBody>, SmmError> {
    let id = path_id(&path, provider_not_found)?;
    read_balance(&db, &state, id).await?;
    let provider = load(&db, id).await?;
    Ok(Panel::new(
        200,
        ProviderBody {
            provider: provider.into(),
        },
    ))
}

async fn load(db: &Db, id: i64) -> Result<Row, SmmError> {
    db.run(move |conn| -> Result<Row, SmmError> {
        p::table
            .find(id)
            .select(Row::as_select())
            .first(conn)
            .optional()?
            .ok_or_else(provider_not_found)
    })
    .await
}

/// Asks the provider its balance and stores it.
async fn read_balance(db: &Db, state: &State, id: i64) -> Result<(), SmmError> {
    let row = load(db, id).await?;
    let provider = Provider {
        url: row.url,
        key: row.api_key,
    };
    let (balance, currency) = state
        .client
        .balance(&provider)
        .await
        .map_err(|why| unreachable_provider(&why))?;
    let now = now();
    db.run(move |conn| -> Result<(), SmmError> {
        diesel::update(p::table.find(id))
            .set((
                p::balance.eq(balance),
                p::currency.eq(currency),
                p::balance_at.eq(now),
            ))
            .execute(conn)?;
        Ok(())
    })
    .await
}

/// Import a provider's services
///
/// Reads the provider's `action=services` and adds each service to
/// category `cate_id` as an `api` service, priced at the provider's rate ×
/// `exchange_rate` (Toman per unit of the provider's currency, default 1)
/// plus `markup_percent`, rounded up to the thousandth of a Toman. A
/// service imported before into the same category is updated, not added
/// twice.
#[utoipa::path(
    post,
    path = "/api/v1/admin/providers/{id}/import",
    operation_id = "adminImportServices",
    tag = "admin",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The provider id")),
    request_body(content = String, description = "`cate_id`, `markup_percent` (0 to 10000), `exchange_rate`", content_type = "application/json"),
    responses(
        (status = 201, description = "The services imported", body = Panel<ImportBody>),
        (status = 401, description = "No valid token", body = PanelError),
        (status = 400, description = "A field missing or malformed", body = PanelError),
        (status = 403, description = "Not an operator", body = PanelError),
        (status = 404, description = "No such provider or category", body = PanelError),
        (status = 502, description = "The provider did not answer", body = PanelError),
    )
)]
pub async fn import(
    req: HttpRequest,
    path: web::Path<String>,
    body: web::Bytes,
    _: Admin,
    db: web::Data<Db>,
    state: web::Data<State>,
) -> Result<Panel<ImportBody>, SmmError> {
    let id = path_id(&path, provider_not_found)?;
    let mut params = Params::read(&req, &body)?;
    let category = params.required_integer("cate_id", 1, i64::MAX);
    let markup = params.integer("markup_percent", 0, 10_000).unwrap_or(0);
    let exchange = params.money("exchange_rate").unwrap_or(Money::toman(1));
    if exchange.0 <= 0 {
        params.fail("exchange_rate", Rule::AtLeast(0));
    }
    params.finish()?;
    let Some(category) = category else {
        return Err(SmmError::internal(std::io::Error::other("unread fields")));
    };
    let row = load(&db, id).await?;
    let provider = Provider {
        url: row.url,
        key: row.api_key,
    };
    let remote = state
        .client
        .services(&provider)
        .await
        .map_err(|why| unreachable_provider(&why))?;
    let _ = read_balance(&db, &state, id).await;
    let now = now();
    let services = db
        .run(move |conn| -> Result<Vec<Service>, SmmError> {
            conn.write_transaction(|c| {
                let exists = categories::table
                    .find(category)
                    .select(categories::id)
                    .first::<i64>(c)
                    .optional()?;
                if exists.is_none() {
                    return Err(super::categories::category_not_found());
                }
                let mut out = Vec::with_capacity(remote.len());
                for r in &remote {
                    let Some(row) = imported(r, id, category, markup, exchange, now) else {
                        log::warn!(
                            "provider {id}: service {} skipped (unreadable rate or bounds)",
                            r.id
                        );
                        continue;
                    };
                    let existing: Option<i64> = s::table
                        .filter(s::api_provider_id.eq(id))
                        .filter(s::api_service_id.eq(&r.id))
                        .filter(s::cate_id.eq(category))
                        .select(s::id)
                        .first(c)
                        .optional()?;
                    let stored = match existing {
                        Some(sid) => {
                            diesel::update(s::table.find(sid))
                                .set((
                                    s::name.eq(&row.name),
                                    s::price.eq(row.price),
                                    s::min_quantity.eq(row.min_quantity),
                                    s::max_quantity.eq(row.max_quantity),
                                    s::kind.eq(&row.kind),
                                    s::dripfeed.eq(row.dripfeed),
                                    s::refill.eq(row.refill),
                                    s::cancel.eq(row.cancel),
                                    s::changed.eq(now),
                                ))
                                .execute(c)?;
                            s::table.find(sid).select(Service::as_select()).first(c)?
                        }
                        None => super::services::insert(c, &row)?,
                    };
                    out.push(stored);
                }
                Ok(out)
            })
        })
        .await?;
    let provider = load(&db, id).await?;
    Ok(Panel::new(
        201,
        ImportBody {
            provider: provider.into(),
            services: services.into_iter().map(FullServiceObject::from).collect(),
        },
    ))
}

/// The panel's service for a provider's.
fn imported(
    r: &RemoteService,
    provider: i64,
    category: i64,
    markup: i64,
    exchange: Money,
    now: i64,
) -> Option<Service> {
    let price = priced(&r.rate, exchange, markup)?;
    if r.min < 1 || r.max < r.min {
        return None;
    }
    Some(Service {
        id: 0,
        cate_id: category,
        name: r.name.chars().take(255).collect(),
        description: String::new(),
        price: price.0,
        original_price: None,
        min_quantity: r.min,
        max_quantity: r.max,
        kind: ServiceKind::parse(&r.kind)
            .unwrap_or(ServiceKind::Default)
            .as_str()
            .into(),
        dripfeed: i32::from(r.dripfeed),
        refill: i32::from(r.refill),
        cancel: i32::from(r.cancel),
        status: 1,
        add_type: "api".into(),
        api_provider_id: Some(provider),
        api_service_id: Some(r.id.clone()),
        changed: now,
        created: now,
    })
}

/// `rate` (a decimal text of any precision) × `exchange` × (1 + markup%),
/// rounded up to the thousandth of a Toman, computed exactly.
fn priced(rate: &str, exchange: Money, markup: i64) -> Option<Money> {
    let rate = rate.trim();
    let (whole, fraction) = rate.split_once('.').unwrap_or((rate, ""));
    if whole.is_empty() && fraction.is_empty() || fraction.len() > 12 {
        return None;
    }
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || !digits(fraction) {
        return None;
    }
    let mantissa: i128 = format!("{whole}{fraction}").parse().ok()?;
    let scale = 10_i128.checked_pow(u32::try_from(fraction.len()).ok()?)?;
    let numerator = mantissa
        .checked_mul(i128::from(exchange.0))?
        .checked_mul(i128::from(100 + markup))?;
    let denominator = scale * 100;
    let price = (numerator + denominator - 1) / denominator;
    i64::try_from(price).ok().map(Money)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prices_are_exact_and_round_up() {
        // 0.90 per 1000 at 60,000 Toman a dollar, 20% on top: 64,800 Toman
        assert_eq!(
            priced("0.90", Money::toman(60_000), 20),
            Some(Money::toman(64_800))
        );
        assert_eq!(priced("0.27819", Money::toman(1), 0), Some(Money(279)));
        assert_eq!(priced("12", Money::toman(1), 0), Some(Money::toman(12)));
        assert_eq!(priced("abc", Money::toman(1), 0), None);
        assert_eq!(priced("-1", Money::toman(1), 0), None);
    }
}

//! The reseller API v2 (`/api/v2`, an addition): the de-facto protocol
//! between panels (reference: smm.md), so other panels can buy from this
//! one with their existing clients. Form-encoded or JSON (or the query),
//! with or without the trailing slash, every error HTTP 200
//! `{"error":"..."}`.

mod after;
mod catalog;
mod orders;

use crate::input::{unreadable, Params};
use crate::schema::wallets as w;
use crate::state::State;
use crate::SmmError;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use diesel::prelude::*;
use platform_db::Db;
use platform_http::input::{Fields, Sources};
use platform_http::Dialect;

pub fn configure(body_limit: usize) -> impl FnOnce(&mut web::ServiceConfig) {
    move |cfg| {
        cfg.service(
            web::scope("/api/v2")
                .app_data(Dialect::Reseller)
                .configure(platform_http::extract::configure(
                    Dialect::Reseller,
                    body_limit,
                ))
                .service(web::resource(["", "/"]).route(web::post().to(dispatch))),
        );
    }
}

/// The protocol's error for a request it cannot place anywhere.
fn error(en: &'static str) -> SmmError {
    SmmError::refused(StatusCode::BAD_REQUEST, "reseller", en, en)
}

/// The account a key belongs to.
async fn account(db: &Db, key: Option<String>) -> Result<i64, SmmError> {
    let invalid = || {
        SmmError::refused(
            StatusCode::UNAUTHORIZED,
            "invalid_api_key",
            "Invalid API key.",
            "Invalid API key.",
        )
    };
    let key = key.ok_or_else(invalid)?;
    let hash = crate::account::api_key::hash(&key);
    db.run(move |conn| -> Result<Option<i64>, SmmError> {
        Ok(w::table
            .filter(w::api_key_hash.eq(hash))
            .select(w::user_id)
            .first(conn)
            .optional()?)
    })
    .await?
    .ok_or_else(invalid)
}

/// The protocol's request: every action sends `key` and `action`, and its
/// own fields beside them (form-encoded, JSON or in the query).
#[derive(utoipa::ToSchema)]
#[expect(dead_code, reason = "a schema only: the fields are read from a map")]
pub struct ResellerForm {
    /// The account's key (`POST /api/v1/user/api_key`).
    key: String,
    /// `services`, `add`, `status`, `balance`, `refill`, `refill_status`
    /// or `cancel`.
    action: String,
}

/// The reseller API v2
///
/// One entry for every action, `key` and `action` with the action's own
/// parameters, form-encoded, JSON or in the query; `/api/v2/` (with the
/// slash) is taken too. Actions: `services`; `add` (`service`,
/// `link`, `quantity`, drip-feed `runs` and `interval`, `comments`,
/// `usernames`, `hashtags`, `hashtag`, `username`, `media`, subscriptions
/// `username`, `min`, `max`, `posts`, `delay`, `expiry`) → `{"order":N}`;
/// `status` (`order`, or `orders` up to 100) → `{"charge","start_count",
/// "status","remains","currency"}` or a map by id; `balance`; `refill`
/// (`order` or `orders`); `refill_status` (`refill` or `refills`); `cancel`
/// (`orders`). Amounts are text with three decimals, in `currency`. Every
/// error is HTTP 200 `{"error":"..."}` ("Invalid API key.", "Incorrect
/// order ID", "Not enough funds on balance", ...). The key comes from
/// `POST /api/v1/user/api_key`.
#[utoipa::path(
    post,
    path = "/api/v2",
    operation_id = "reseller",
    tag = "reseller",
    request_body(content = ResellerForm, description = "`key`, `action` and the action's parameters", content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 200, description = "The action's answer, or `{\"error\":\"...\"}`", body = Object),
    )
)]
pub async fn dispatch(
    req: HttpRequest,
    body: web::Bytes,
    db: web::Data<Db>,
    state: web::Data<State>,
) -> Result<HttpResponse, SmmError> {
    let fields = Fields::read(&req, &body, Sources::ANYWHERE).map_err(unreadable)?;
    let mut params = Params::from_fields(fields);
    let key = params.text("key", 500, false);
    let user = account(&db, key).await?;
    let action = params
        .text("action", 32, false)
        .map(|a| a.to_ascii_lowercase());
    // some clients leave `action` out of refill calls
    let refill_without_action = action.is_none()
        && (params.fields().get("order").is_some() || params.fields().get("orders").is_some());
    let reply = match action.as_deref() {
        Some("services") => catalog::services(&db).await?,
        Some("balance") => catalog::balance(&db, &state, user).await?,
        Some("add") => orders::add(&db, &state, user, &mut params).await?,
        Some("status") => orders::status(&db, &state, user, &mut params).await?,
        Some("refill") => after::refill(&db, &state, user, &mut params).await?,
        None if refill_without_action => after::refill(&db, &state, user, &mut params).await?,
        Some("refill_status") => after::refill_status(&db, &state, user, &mut params).await?,
        Some("cancel") => after::cancel(&db, &state, user, &mut params).await?,
        _ => return Err(error("Incorrect request")),
    };
    Ok(HttpResponse::Ok().json(reply))
}

/// `order=N` or `orders=1,2,3` (at most 100): the ids asked.
fn order_ids(params: &mut Params, single: &str, many: &str) -> Result<Ids, SmmError> {
    if let Some(list) = params.text(many, 2_000, false) {
        let ids: Option<Vec<i64>> = list
            .split(',')
            .map(|s| s.trim().parse::<i64>().ok())
            .collect();
        let ids = ids.ok_or_else(|| error("Incorrect order ID"))?;
        if ids.is_empty() || ids.len() > 100 {
            return Err(error("At most 100 ids at once"));
        }
        return Ok(Ids::Many(ids));
    }
    match params.fields().integer(single) {
        Ok(Some(id)) => Ok(Ids::One(id)),
        _ => Err(error("Incorrect order ID")),
    }
}

/// Every answer of the protocol.
#[derive(serde::Serialize)]
#[serde(untagged)]
pub enum Reply {
    Services(Vec<catalog::ServiceItem>),
    Balance(catalog::Balance),
    Added { order: i64 },
    Status(orders::StatusItem),
    Statuses(std::collections::BTreeMap<String, orders::StatusItem>),
    Refill { refill: String },
    Refills(Vec<after::RefillItem>),
    RefillStatus { status: String },
    RefillStatuses(Vec<after::RefillStatusItem>),
    Cancels(Vec<after::CancelItem>),
}

enum Ids {
    One(i64),
    Many(Vec<i64>),
}

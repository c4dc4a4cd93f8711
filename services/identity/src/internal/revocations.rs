use crate::db;
use crate::error::IdentityError;
use crate::state::State;
use actix_web::{web, HttpResponse};
use serde::Deserialize;
use serde_json::json;

/// At most this many revocations per answer; the gateway asks again from
/// `last` until it gets fewer.
const PAGE: i64 = 1000;

#[derive(Deserialize)]
pub struct Query {
    #[serde(default)]
    after: i64,
}

/// `GET /internal/revocations?after=<seq>`: live revocations after `seq`,
/// in seq order, and the seq to ask after next time.
pub async fn list(
    state: web::Data<State>,
    query: web::Query<Query>,
) -> Result<HttpResponse, IdentityError> {
    let after = query.after;
    let revocations = state
        .db
        .run(move |conn| {
            db::revocations::after(conn, after, db::now(), PAGE).map_err(IdentityError::from)
        })
        .await?;
    let last = revocations.last().map_or(after, |r| r.seq);
    Ok(HttpResponse::Ok().json(json!({"revocations": revocations, "last": last})))
}

/// `GET /internal/revocations/{jti}`: `{"revoked": true|false}`.
pub async fn one(
    state: web::Data<State>,
    jti: web::Path<String>,
) -> Result<HttpResponse, IdentityError> {
    let jti = jti.into_inner();
    let revoked = state
        .db
        .run(move |conn| db::revocations::is_revoked(conn, &jti).map_err(IdentityError::from))
        .await?;
    Ok(HttpResponse::Ok().json(json!({ "revoked": revoked })))
}

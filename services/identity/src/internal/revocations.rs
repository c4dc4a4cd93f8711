use crate::db;
use crate::error::IdentityError;
use crate::state::State;
use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};

/// At most this many revocations per answer; the gateway asks again from
/// `last` until it gets fewer.
const PAGE: i64 = 1000;

#[derive(Deserialize)]
pub struct Query {
    #[serde(default)]
    after: i64,
}

/// `GET /internal/revocations?after=<seq>`: live revocations after `seq`,
/// in seq order, the seq to ask after next time (`last`), and the highest
/// seq ever handed out (`newest`), by which a poller whose cursor is ahead
/// of the feed knows to read it from the start.
pub async fn list(
    state: web::Data<State>,
    query: web::Query<Query>,
) -> Result<HttpResponse, IdentityError> {
    let after = query.after;
    let (revocations, newest) = state
        .db
        .run(move |conn| {
            let newest = db::revocations::newest(conn)?;
            let page = db::revocations::after(conn, after, db::now(), PAGE)?;
            Ok::<_, IdentityError>((page, newest))
        })
        .await?;
    let last = revocations.last().map_or(after, |r| r.seq);
    Ok(HttpResponse::Ok().json(Feed {
        revocations,
        last,
        newest,
    }))
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
    Ok(HttpResponse::Ok().json(Revoked { revoked }))
}

#[derive(Serialize)]
struct Feed {
    revocations: Vec<db::revocations::Revocation>,
    last: i64,
    newest: i64,
}

#[derive(Serialize)]
struct Revoked {
    revoked: bool,
}

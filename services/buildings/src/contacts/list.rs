//! `api=GetContacts` and `GET /omartyapis/contacts`: the caller's
//! secondary contacts in the document's keyed shape.

use super::keyed::Keyed;
use super::store;
use crate::input::read;
use crate::location::log_call;
use crate::openapi::{Answer, BuildingError, LocationQuery};
use crate::BuildingsError;
use actix_web::{web, HttpRequest, HttpResponse, Responder};
use platform_auth::{Authenticated, Claims};
use platform_db::Db;
use platform_http::input::Fields;
use platform_http::reply::Building;

pub const OPERATION: &str = "GetContacts";

/// Every contact of the caller (200; `{}` when there is none).
pub async fn get_contacts(
    req: &HttpRequest,
    claims: Claims,
    fields: Fields,
    db: &Db,
) -> Result<HttpResponse, BuildingsError> {
    log_call(&fields, db, &claims.sub, OPERATION).await?;
    let user = claims.sub;
    let contacts = db
        .run(move |conn| Ok::<_, BuildingsError>(store::all(conn, &user)?))
        .await?;
    Ok(Building {
        status: 200,
        data: Keyed {
            contacts,
            error: None,
        },
    }
    .respond_to(req))
}

/// List my secondary contacts
///
/// The same answer as `api=GetContacts`: e-mails first, then phone
/// numbers, keyed `"1"`, `"2"`, …; the location is logged.
#[utoipa::path(
    get,
    path = "/omartyapis/contacts",
    operation_id = "listContacts",
    tag = "contacts",
    params(LocationQuery),
    responses(
        (status = 200, description = "The caller's contacts", body = Answer<crate::openapi::KeyedContacts>),
        (status = 400, description = "A body that cannot be read (malformed JSON, form or multipart)", body = BuildingError),
        (status = 401, description = "Missing, malformed, expired or revoked token", body = BuildingError),
        (status = 413, description = "A body over `body_limit`", body = BuildingError),
        (status = 415, description = "A body that is neither a form, multipart nor JSON", body = BuildingError),
        (status = 422, description = "A coordinate that is not one", body = BuildingError),
    )
)]
pub async fn list(
    Authenticated(claims): Authenticated,
    req: HttpRequest,
    body: web::Bytes,
    db: web::Data<Db>,
) -> Result<HttpResponse, BuildingsError> {
    let fields = read(&req, &body)?;
    get_contacts(&req, claims, fields, &db).await
}

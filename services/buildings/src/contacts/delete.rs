//! `api=DeleteContact` and `DELETE /omartyapis/contacts`: the caller
//! removes one secondary contact, named by its value.

use super::fields::{given, one, EMAIL, PHONE};
use super::keyed::Keyed;
use super::store;
use crate::error::Thing;
use crate::input::read;
use crate::location::log_call;
use crate::openapi::{Answer, BuildingError, DeleteQuery};
use crate::BuildingsError;
use actix_web::{web, HttpRequest, HttpResponse, Responder};
use platform_auth::{Authenticated, Claims};
use platform_db::Db;
use platform_http::fields::{FieldErrors, Text};
use platform_http::input::Fields;
use platform_http::reply::Building;

pub const OPERATION: &str = "DeleteContact";

/// Exactly one of `phoneNumber` and `email` (normalised as when added)
/// names the contact; 404 when the caller has no such contact. Answers
/// the contacts left (200).
pub async fn delete_contact(
    req: &HttpRequest,
    claims: Claims,
    fields: Fields,
    db: &Db,
) -> Result<HttpResponse, BuildingsError> {
    log_call(&fields, db, &claims.sub, OPERATION).await?;
    let value = if given(&fields) == (true, true) {
        let text = Text::new(
            "فقط یکی از شماره تلفن و ایمیل را بفرستید",
            "Send either the phone number or the e-mail address, not both",
        );
        let mut errors = FieldErrors::single(PHONE, text.clone());
        errors.add(EMAIL, text);
        Err(errors)
    } else {
        one(&fields)
    };
    let value = value.map_err(BuildingsError::Invalid)?;
    let user = claims.sub;
    let contacts = db
        .run(move |conn| {
            if !store::remove(conn, &user, &value)? {
                return Err(BuildingsError::NotFound(Thing::Contact));
            }
            Ok(store::all(conn, &user)?)
        })
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

/// Delete one of my secondary contacts
///
/// The same as `api=DeleteContact`: `phoneNumber` or `email` (in the query
/// or the body) names the contact; the answer lists the contacts left.
#[utoipa::path(
    delete,
    path = "/omartyapis/contacts",
    operation_id = "deleteContact",
    tag = "contacts",
    params(DeleteQuery),
    responses(
        (status = 200, description = "Deleted; the contacts left", body = Answer<crate::openapi::KeyedContacts>),
        (status = 400, description = "A body that cannot be read (malformed JSON, form or multipart)", body = BuildingError),
        (status = 401, description = "Missing, malformed, expired or revoked token", body = BuildingError),
        (status = 404, description = "The caller has no such contact", body = BuildingError),
        (status = 413, description = "A body over `body_limit`", body = BuildingError),
        (status = 415, description = "A body that is neither a form, multipart nor JSON", body = BuildingError),
        (status = 422, description = "Neither or both of `phoneNumber` and `email`, or one that breaks its rule", body = BuildingError),
    )
)]
pub async fn delete(
    Authenticated(claims): Authenticated,
    req: HttpRequest,
    body: web::Bytes,
    db: web::Data<Db>,
) -> Result<HttpResponse, BuildingsError> {
    let fields = read(&req, &body)?;
    delete_contact(&req, claims, fields, &db).await
}

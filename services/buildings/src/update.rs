//! `POST /omartyapis/Update/`: the app's dispatcher (seed 004). The `api`
//! field names the operation; the body is a multipart form as the
//! document shows, a URL-encoded form, or JSON.

use crate::contacts::{add, delete, list};
use crate::input::read;
use crate::openapi::{Answer, BuildingError, KeyedContacts, KeyedRefusal, UpdateInput};
use crate::BuildingsError;
use actix_web::{web, HttpRequest, HttpResponse};
use platform_auth::Authenticated;
use platform_db::Db;
use platform_http::fields::FieldErrors;
use platform_http::rules::Rule;

/// How much of an unknown `api` value the 404 repeats.
const ECHO_MAX: usize = 100;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource(["/omartyapis/Update/", "/omartyapis/Update"]).route(web::post().to(update)),
    );
}

/// The dispatcher: AddContact, GetContacts, DeleteContact
///
/// `api=AddContact` (the document's): `blockId` and `apartmentId` of an
/// apartment the caller lives in, and exactly one of `phoneNumber` and
/// `email`; answers all of the caller's secondary contacts. With both, the
/// contacts and `"error": "No Data Inserted."` in `message`, nothing
/// written (422). A missing required key: `Please enter (key) ID.` naming
/// it (422). `api=GetContacts` lists them; `api=DeleteContact` removes the
/// one named by `phoneNumber` or `email` (additions). Any other `api`: 404
/// `Method Update::(value) value() does not exist`. `longitude` and
/// `latitude` of every call are logged.
#[utoipa::path(
    post,
    path = "/omartyapis/Update/",
    operation_id = "update",
    tag = "dispatcher",
    request_body(
        content(
            (UpdateInput = "multipart/form-data"),
            (UpdateInput = "application/x-www-form-urlencoded"),
            (UpdateInput = "application/json"),
        ),
        description = "The operation in `api` and its fields"
    ),
    responses(
        (status = 200, description = "The caller's contacts, after the operation", body = Answer<KeyedContacts>),
        (status = 400, description = "A body that cannot be read (malformed JSON, form or multipart)", body = BuildingError),
        (status = 401, description = "Missing, malformed, expired or revoked token", body = BuildingError),
        (status = 403, description = "AddContact: the caller does not live in that apartment of that block", body = BuildingError),
        (status = 404, description = "An unknown `api`, or DeleteContact of a contact the caller does not have", body = BuildingError),
        (status = 413, description = "A body over `body_limit`", body = BuildingError),
        (status = 415, description = "A body that is neither a form, multipart nor JSON", body = BuildingError),
        (status = 422, description = "A required key missing (`Please enter (key) ID.`), fields that break their rules, or AddContact with both contacts (`message` holds the contacts and `error`)", body = KeyedRefusal),
    )
)]
pub async fn update(
    Authenticated(claims): Authenticated,
    req: HttpRequest,
    body: web::Bytes,
    db: web::Data<Db>,
) -> Result<HttpResponse, BuildingsError> {
    let fields = read(&req, &body)?;
    let api = match fields.text("api") {
        Ok(Some(api)) if !api.trim().is_empty() => api.trim().to_string(),
        Ok(_) => return Err(BuildingsError::MissingKey("api")),
        Err(_) => {
            return Err(BuildingsError::Invalid(FieldErrors::single(
                "api",
                Rule::NotText,
            )))
        }
    };
    // the app's back end named PHP methods, whose names know no case
    let is = |operation: &str| api.eq_ignore_ascii_case(operation);
    if is(add::OPERATION) {
        add::add_contact(&req, claims, fields, &db).await
    } else if is(list::OPERATION) {
        list::get_contacts(&req, claims, fields, &db).await
    } else if is(delete::OPERATION) {
        delete::delete_contact(&req, claims, fields, &db).await
    } else {
        Err(BuildingsError::UnknownApi(
            api.chars().take(ECHO_MAX).collect(),
        ))
    }
}

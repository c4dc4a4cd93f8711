use super::fields::{required, NUMBER_MAX};
use crate::clock::now;
use crate::community::model::Apartment;
use crate::error::Thing;
use crate::input::read;
use crate::openapi::{Answer, ApartmentInput, BuildingError};
use crate::schema::{apartments, blocks};
use crate::BuildingsError;
use actix_web::{web, HttpRequest};
use diesel::prelude::*;
use platform_auth::Admin;
use platform_db::Db;
use platform_http::fields::FieldErrors;
use platform_http::reply;
use platform_validate::ascii_digits;

/// Add an apartment to a block
///
/// Operators only. 201 with the new apartment; a number is unique in its
/// block (409). Persian and Arabic-Indic digits are stored as ASCII.
#[utoipa::path(
    post,
    path = "/omartyapis/admin/blocks/{block_id}/apartments",
    operation_id = "createApartment",
    tag = "admin",
    params(("block_id" = i64, Path, minimum = 1, description = "The block")),
    request_body(content = ApartmentInput, description = "JSON, a form or a multipart form"),
    responses(
        (status = 201, description = "Created", body = Answer<Apartment>),
        (status = 400, description = "A body that cannot be read (malformed JSON, form or multipart)", body = BuildingError),
        (status = 401, description = "Missing, malformed, expired or revoked token", body = BuildingError),
        (status = 403, description = "Not an operator", body = BuildingError),
        (status = 404, description = "No such block", body = BuildingError),
        (status = 409, description = "The block has an apartment of that number", body = BuildingError),
        (status = 413, description = "A body over `body_limit`", body = BuildingError),
        (status = 415, description = "A body that is neither a form, multipart nor JSON", body = BuildingError),
        (status = 422, description = "Fields break their rules; every one listed", body = BuildingError),
    )
)]
pub async fn create_apartment(
    _: Admin,
    path: web::Path<i64>,
    req: HttpRequest,
    body: web::Bytes,
    db: web::Data<Db>,
) -> Result<reply::Building<Apartment>, BuildingsError> {
    let block = path.into_inner();
    let fields = read(&req, &body)?;
    let mut errors = FieldErrors::default();
    let number = required(&fields, "number", NUMBER_MAX, &mut errors);
    errors.or_fail(BuildingsError::Invalid)?;
    let number = ascii_digits(&number.unwrap_or_default());
    let apartment = db
        .run(move |conn| {
            conn.write_transaction(|conn| {
                let known: i64 = blocks::table
                    .filter(blocks::id.eq(block))
                    .count()
                    .get_result(conn)?;
                if known == 0 {
                    return Err(BuildingsError::NotFound(Thing::Block));
                }
                diesel::insert_into(apartments::table)
                    .values((
                        apartments::block_id.eq(block),
                        apartments::number.eq(number),
                        apartments::created.eq(now()),
                    ))
                    .returning((apartments::id, apartments::block_id, apartments::number))
                    .get_result(conn)
                    .map_err(BuildingsError::unless_unique(Thing::Apartment))
            })
        })
        .await?;
    Ok(reply::Building {
        status: 201,
        data: apartment,
    })
}

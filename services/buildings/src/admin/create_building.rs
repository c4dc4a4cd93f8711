use super::fields::{required, ADDRESS_MAX, NAME_MAX};
use crate::clock::now;
use crate::community::model::Building;
use crate::input::{read, text};
use crate::openapi::{Answer, BuildingError, BuildingInput};
use crate::schema::buildings;
use crate::BuildingsError;
use actix_web::{web, HttpRequest};
use diesel::prelude::*;
use platform_auth::Admin;
use platform_db::Db;
use platform_http::fields::FieldErrors;
use platform_http::reply;

/// Create a building
///
/// Operators only. 201 with the new building.
#[utoipa::path(
    post,
    path = "/omartyapis/admin/buildings",
    operation_id = "createBuilding",
    tag = "admin",
    request_body(content = BuildingInput, description = "JSON, a form or a multipart form"),
    responses(
        (status = 201, description = "Created", body = Answer<Building>),
        (status = 400, description = "A body that cannot be read (malformed JSON, form or multipart)", body = BuildingError),
        (status = 401, description = "Missing, malformed, expired or revoked token", body = BuildingError),
        (status = 403, description = "Not an operator", body = BuildingError),
        (status = 413, description = "A body over `body_limit`", body = BuildingError),
        (status = 415, description = "A body that is neither a form, multipart nor JSON", body = BuildingError),
        (status = 422, description = "Fields break their rules; every one listed", body = BuildingError),
    )
)]
pub async fn create_building(
    _: Admin,
    req: HttpRequest,
    body: web::Bytes,
    db: web::Data<Db>,
) -> Result<reply::Building<Building>, BuildingsError> {
    let fields = read(&req, &body)?;
    let mut errors = FieldErrors::default();
    let name = required(&fields, "name", NAME_MAX, &mut errors);
    let address = text(&fields, "address", ADDRESS_MAX, &mut errors).unwrap_or_default();
    errors.or_fail(BuildingsError::Invalid)?;
    let name = name.unwrap_or_default();
    let building = db
        .run(move |conn| {
            diesel::insert_into(buildings::table)
                .values((
                    buildings::name.eq(name),
                    buildings::address.eq(address),
                    buildings::created.eq(now()),
                ))
                .returning((buildings::id, buildings::name, buildings::address))
                .get_result(conn)
                .map_err(BuildingsError::from)
        })
        .await?;
    Ok(reply::Building {
        status: 201,
        data: building,
    })
}

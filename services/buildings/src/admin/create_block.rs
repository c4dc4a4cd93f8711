use super::fields::{required, NAME_MAX};
use crate::clock::now;
use crate::community::model::Block;
use crate::error::Thing;
use crate::input::read;
use crate::openapi::{Answer, BlockInput, BuildingError};
use crate::schema::{blocks, buildings};
use crate::BuildingsError;
use actix_web::{web, HttpRequest};
use diesel::prelude::*;
use platform_auth::Admin;
use platform_db::Db;
use platform_http::fields::FieldErrors;
use platform_http::reply;

/// Add a block to a building
///
/// Operators only. 201 with the new block; a block's name is unique in
/// its building (409).
#[utoipa::path(
    post,
    path = "/omartyapis/admin/buildings/{building_id}/blocks",
    operation_id = "createBlock",
    tag = "admin",
    params(("building_id" = i64, Path, minimum = 1, description = "The building")),
    request_body(content = BlockInput, description = "JSON, a form or a multipart form"),
    responses(
        (status = 201, description = "Created", body = Answer<Block>),
        (status = 400, description = "A body that cannot be read (malformed JSON, form or multipart)", body = BuildingError),
        (status = 401, description = "Missing, malformed, expired or revoked token", body = BuildingError),
        (status = 403, description = "Not an operator", body = BuildingError),
        (status = 404, description = "No such building", body = BuildingError),
        (status = 409, description = "The building has a block of that name", body = BuildingError),
        (status = 413, description = "A body over `body_limit`", body = BuildingError),
        (status = 415, description = "A body that is neither a form, multipart nor JSON", body = BuildingError),
        (status = 422, description = "Fields break their rules; every one listed", body = BuildingError),
    )
)]
pub async fn create_block(
    _: Admin,
    path: web::Path<i64>,
    req: HttpRequest,
    body: web::Bytes,
    db: web::Data<Db>,
) -> Result<reply::Building<Block>, BuildingsError> {
    let building = path.into_inner();
    let fields = read(&req, &body)?;
    let mut errors = FieldErrors::default();
    let name = required(&fields, "name", NAME_MAX, &mut errors);
    errors.or_fail(BuildingsError::Invalid)?;
    let name = name.unwrap_or_default();
    let block = db
        .run(move |conn| {
            conn.write_transaction(|conn| {
                let known: i64 = buildings::table
                    .filter(buildings::id.eq(building))
                    .count()
                    .get_result(conn)?;
                if known == 0 {
                    return Err(BuildingsError::NotFound(Thing::Building));
                }
                diesel::insert_into(blocks::table)
                    .values((
                        blocks::building_id.eq(building),
                        blocks::name.eq(name),
                        blocks::created.eq(now()),
                    ))
                    .returning((blocks::id, blocks::building_id, blocks::name))
                    .get_result(conn)
                    .map_err(BuildingsError::unless_unique(Thing::Block))
            })
        })
        .await?;
    Ok(reply::Building {
        status: 201,
        data: block,
    })
}

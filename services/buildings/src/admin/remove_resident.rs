use crate::community::membership::{leave, may_change_residents};
use crate::community::model::Resident;
use crate::openapi::{Answer, BuildingError};
use crate::BuildingsError;
use actix_web::web;
use platform_auth::Authenticated;
use platform_db::Db;
use platform_http::reply;

/// Remove a resident from an apartment
///
/// Operators, and the manager of the apartment's building (an addition to
/// the routes: managers remove residents too). 200 with the
/// resident removed; the change feed records the departure, so the chat
/// service drops the user from the building's and block's rooms.
#[utoipa::path(
    delete,
    path = "/omartyapis/admin/apartments/{apartment_id}/residents/{user_id}",
    operation_id = "removeResident",
    tag = "admin",
    params(
        ("apartment_id" = i64, Path, minimum = 1, description = "The apartment"),
        ("user_id" = String, Path, description = "The resident's user id"),
    ),
    responses(
        (status = 200, description = "Removed", body = Answer<Resident>),
        (status = 401, description = "Missing, malformed, expired or revoked token", body = BuildingError),
        (status = 403, description = "Neither an operator nor the building's manager", body = BuildingError),
        (status = 404, description = "No such apartment, or the user does not live there", body = BuildingError),
    )
)]
pub async fn remove_resident(
    Authenticated(claims): Authenticated,
    path: web::Path<(i64, String)>,
    db: web::Data<Db>,
) -> Result<reply::Building<Resident>, BuildingsError> {
    let (apartment, user) = path.into_inner();
    let resident = db
        .run(move |conn| {
            may_change_residents(conn, &claims, apartment)?;
            leave(conn, apartment, &user)
        })
        .await?;
    Ok(reply::Building {
        status: 200,
        data: resident,
    })
}

use super::fields::{role, user_id};
use crate::community::membership::{join, may_change_residents};
use crate::community::model::Resident;
use crate::input::read;
use crate::openapi::{Answer, BuildingError, ResidentInput};
use crate::BuildingsError;
use actix_web::{web, HttpRequest};
use platform_auth::Authenticated;
use platform_db::Db;
use platform_http::fields::FieldErrors;
use platform_http::reply;

/// Add a resident to an apartment
///
/// Operators, and the manager of the apartment's building. 201 with the
/// resident; the chat service's change feed records the arrival.
#[utoipa::path(
    post,
    path = "/omartyapis/admin/apartments/{apartment_id}/residents",
    operation_id = "addResident",
    tag = "admin",
    params(("apartment_id" = i64, Path, minimum = 1, description = "The apartment")),
    request_body(content = ResidentInput, description = "JSON, a form or a multipart form"),
    responses(
        (status = 201, description = "Created", body = Answer<Resident>),
        (status = 400, description = "A body that cannot be read (malformed JSON, form or multipart)", body = BuildingError),
        (status = 401, description = "Missing, malformed, expired or revoked token", body = BuildingError),
        (status = 403, description = "Neither an operator nor the building's manager", body = BuildingError),
        (status = 404, description = "No such apartment", body = BuildingError),
        (status = 409, description = "The user already lives there", body = BuildingError),
        (status = 413, description = "A body over `body_limit`", body = BuildingError),
        (status = 415, description = "A body that is neither a form, multipart nor JSON", body = BuildingError),
        (status = 422, description = "Fields break their rules; every one listed", body = BuildingError),
    )
)]
pub async fn add_resident(
    Authenticated(claims): Authenticated,
    path: web::Path<i64>,
    req: HttpRequest,
    body: web::Bytes,
    db: web::Data<Db>,
) -> Result<reply::Building<Resident>, BuildingsError> {
    let apartment = path.into_inner();
    let fields = read(&req, &body)?;
    let mut errors = FieldErrors::default();
    let user = user_id(&fields, &mut errors);
    let role = role(&fields, &mut errors);
    let resident = db
        .run(move |conn| {
            // who may is decided before the fields are judged: a stranger
            // learns nothing of the rules from the answers
            may_change_residents(conn, &claims, apartment)?;
            errors.or_fail(BuildingsError::Invalid)?;
            join(
                conn,
                apartment,
                &user.unwrap_or_default(),
                &role.unwrap_or_default(),
            )
        })
        .await?;
    Ok(reply::Building {
        status: 201,
        data: resident,
    })
}

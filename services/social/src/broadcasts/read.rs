use super::{visible, Broadcast, Row, COLUMNS};
use crate::caller::{role_number, user_id};
use crate::SocialError;
use actix_web::web;
use diesel::prelude::*;
use platform_auth::Authenticated;
use platform_db::Db;
use platform_http::docs::BazaarError;
use platform_http::fields::FieldErrors;
use platform_http::rules::Rule;
use platform_service::BaseError;

/// Unique broadcast
///
/// `GET /web/broadcasts/{id}` (seed 000): one broadcast the caller sees,
/// as the bare object; one they do not see is not found.
#[utoipa::path(
    get,
    path = "/web/broadcasts/{id}",
    operation_id = "readBroadcast",
    tag = "broadcasts",
    params(("id" = i64, Path, description = "The broadcast's id")),
    responses(
        (status = 200, description = "The broadcast", body = Broadcast),
        (status = 401, description = "`not login`", body = BazaarError),
        (status = 404, description = "None the caller sees", body = BazaarError),
        (status = 422, description = "An id that is no number", body = BazaarError),
    )
)]
pub async fn read(
    Authenticated(claims): Authenticated,
    id: web::Path<String>,
    db: web::Data<Db>,
) -> Result<web::Json<Broadcast>, SocialError> {
    let Some(id) = platform_http::digits::whole_number(&id).and_then(|n| i64::try_from(n).ok())
    else {
        let mut errors = FieldErrors::default();
        errors.add_rule("id", "Id", Rule::NotInteger);
        return Err(SocialError::Invalid(errors));
    };
    let (user, role) = (user_id(&claims)?, role_number(&claims));
    let row = db
        .run(move |conn| {
            visible::to(user, role)
                .filter(crate::schema::broadcasts::id.eq(id))
                .select(COLUMNS)
                .first::<Row>(conn)
                .optional()
                .map_err(SocialError::from)
        })
        .await?;
    row.map(|r| web::Json(Broadcast::from(r)))
        .ok_or(BaseError::NotFound.into())
}

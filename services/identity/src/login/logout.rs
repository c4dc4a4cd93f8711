use crate::auth::CurrentUser;
use crate::db;
use crate::error::IdentityError;
use crate::state::State;
use actix_web::{web, HttpResponse};
use serde_json::json;

/// `GET /api/v1/logout`: revokes the presented token until it would have
/// expired; every gateway learns of it from `/internal/revocations`.
pub async fn logout(
    state: web::Data<State>,
    caller: CurrentUser,
) -> Result<HttpResponse, IdentityError> {
    let CurrentUser { user, claims } = caller;
    state
        .db
        .run(move |conn| {
            db::revocations::revoke(conn, &claims.jti, user.id, claims.exp, db::now())
                .map_err(IdentityError::from)
        })
        .await?;
    Ok(HttpResponse::Ok().json(json!({"message": "با موفقیت خارج شدید", "status": 200})))
}

use crate::auth::CurrentUser;
use crate::db;
use crate::error::IdentityError;
use crate::state::State;
use actix_web::web;
use platform_http::docs::PanelError;
use platform_http::reply::Panel;
use serde::Serialize;

/// Revoke the presented token
///
/// Every gateway and service refuses it within a second.
/// `GET /api/v1/logout`: revokes the presented token until it would have
/// expired; every gateway learns of it from `/internal/revocations`.
#[utoipa::path(
    get,
    path = "/api/v1/logout",
    operation_id = "logout",
    tag = "login",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Logged out", body = Panel<LoggedOut>),
        (status = 401, description = "Missing, malformed, expired, revoked or foreign token", body = PanelError),
    )
)]
pub async fn logout(
    state: web::Data<State>,
    caller: CurrentUser,
) -> Result<Panel<LoggedOut>, IdentityError> {
    let CurrentUser { user, claims } = caller;
    state
        .db
        .run(move |conn| {
            db::revocations::revoke(conn, &claims.jti, user.id, claims.exp, db::now())
                .map_err(IdentityError::from)
        })
        .await?;
    Ok(Panel::new(
        200,
        LoggedOut {
            message: "با موفقیت خارج شدید",
        },
    ))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct LoggedOut {
    message: &'static str,
}

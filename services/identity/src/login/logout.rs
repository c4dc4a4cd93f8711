use crate::auth::CurrentUser;
use crate::db;
use crate::error::IdentityError;
use crate::state::State;
use actix_web::web;
use platform_http::reply::Panel;
use serde::Serialize;

/// `GET /api/v1/logout`: revokes the presented token until it would have
/// expired; every gateway learns of it from `/internal/revocations`.
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

#[derive(Serialize)]
pub struct LoggedOut {
    message: &'static str,
}

use super::object::UserBody;
use super::user_reply;
use crate::auth::CurrentUser;
use crate::state::State;
use actix_web::web;
use platform_http::docs::PanelError;
use platform_http::reply::Panel;

/// The caller's profile
///
/// `GET /api/v1/user`.
#[utoipa::path(
    get,
    path = "/api/v1/user",
    operation_id = "readUser",
    tag = "profile",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The user object", body = Panel<UserBody>),
        (status = 401, description = "Missing, malformed, expired, revoked or foreign token", body = PanelError),
    )
)]
pub async fn read(state: web::Data<State>, caller: CurrentUser) -> Panel<UserBody> {
    user_reply(&state, &caller.user).await
}

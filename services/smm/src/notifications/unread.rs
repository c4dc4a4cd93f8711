use super::UnreadObject;
use crate::state::State;
use crate::{caller, SmmError};
use actix_web::web;
use platform_auth::Authenticated;
use platform_db::Db;
use platform_http::docs::PanelError;
use platform_http::reply::Panel;
use serde::Serialize;

#[derive(Serialize, utoipa::ToSchema)]
pub struct UnreadBody {
    notifications: Vec<UnreadObject>,
}

/// The caller's unread notifications, newest first
#[utoipa::path(
    get,
    path = "/api/v1/user/notifications/unread",
    operation_id = "listUnreadNotifications",
    tag = "notifications",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The unread notifications", body = Panel<UnreadBody>),
        (status = 401, description = "No valid token", body = PanelError),
    )
)]
pub async fn unread(
    Authenticated(claims): Authenticated,
    db: web::Data<Db>,
    state: web::Data<State>,
) -> Result<Panel<UnreadBody>, SmmError> {
    let user_id = caller::user_id(&claims)?;
    let (rows, name) = super::newest(&db, &state, user_id, true).await?;
    let name = name.as_deref();
    Ok(Panel::new(
        200,
        UnreadBody {
            notifications: rows
                .into_iter()
                .map(|r| UnreadObject::new(r, name))
                .collect(),
        },
    ))
}

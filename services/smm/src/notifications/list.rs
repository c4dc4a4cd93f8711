use super::NotificationObject;
use crate::state::State;
use crate::{caller, SmmError};
use actix_web::web;
use platform_auth::Authenticated;
use platform_db::Db;
use platform_http::docs::PanelError;
use platform_http::reply::Panel;
use serde::Serialize;

#[derive(Serialize, utoipa::ToSchema)]
pub struct NotificationsBody {
    notifications: Vec<NotificationObject>,
}

/// The caller's notifications, newest first
///
/// The newest 100, read or not. Each message starts with the account's
/// first name as identity has it ("کاربر" without one).
#[utoipa::path(
    get,
    path = "/api/v1/user/notifications",
    operation_id = "listNotifications",
    tag = "notifications",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The notifications", body = Panel<NotificationsBody>),
        (status = 401, description = "No valid token", body = PanelError),
    )
)]
pub async fn list(
    Authenticated(claims): Authenticated,
    db: web::Data<Db>,
    state: web::Data<State>,
) -> Result<Panel<NotificationsBody>, SmmError> {
    let user_id = caller::user_id(&claims)?;
    let (rows, name) = super::newest(&db, &state, user_id, false).await?;
    let name = name.as_deref();
    Ok(Panel::new(
        200,
        NotificationsBody {
            notifications: rows
                .into_iter()
                .map(|r| NotificationObject::new(r, name))
                .collect(),
        },
    ))
}

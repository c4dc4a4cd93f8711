use super::{Notification, NotificationObject, MAX_LISTED};
use crate::schema::notifications as n;
use crate::state::State;
use crate::{caller, SmmError};
use actix_web::web;
use diesel::prelude::*;
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
    let rows = db
        .run(move |conn| -> Result<Vec<Notification>, SmmError> {
            Ok(n::table
                .filter(n::user_id.eq(user_id))
                .order(n::seq.desc())
                .limit(MAX_LISTED)
                .select(Notification::as_select())
                .load(conn)?)
        })
        .await?;
    let person = if rows.is_empty() {
        None
    } else {
        state.people.one(user_id).await
    };
    let name = person.as_ref().and_then(|p| p.first_name.as_deref());
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

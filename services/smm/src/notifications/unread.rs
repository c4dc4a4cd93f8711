use super::{Notification, UnreadObject, MAX_LISTED};
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
    let rows = db
        .run(move |conn| -> Result<Vec<Notification>, SmmError> {
            Ok(n::table
                .filter(n::user_id.eq(user_id))
                .filter(n::read_at.is_null())
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
        UnreadBody {
            notifications: rows
                .into_iter()
                .map(|r| UnreadObject::new(r, name))
                .collect(),
        },
    ))
}

use crate::conversation::{items, standing, Conv, MessageItem};
use crate::db::messages;
use crate::error::ChatError;
use crate::input;
use crate::state::State;
use actix_web::{web, HttpRequest};
use platform_auth::Authenticated;
use platform_http::reply::Building;
use serde::Serialize;

/// A page of a room's history, newest first.
#[derive(Debug, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct History {
    pub messages: Vec<MessageItem>,
    pub total_count: u64,
    pub page_count: u64,
    pub page: u64,
    pub per_page: u64,
}

/// `GET /omartyapis/chat/rooms/{id}/messages`: a room's messages, newest
/// first, paged like the bazaar lists (`page`, `perPage`).
#[utoipa::path(
    get,
    path = "/omartyapis/chat/rooms/{id}/messages",
    tag = "rooms",
    params(("id" = i64, Path), ("page" = Option<u64>, Query), ("perPage" = Option<u64>, Query)),
    responses(
        (status = 200, description = "A page of the room's messages, newest first", body = crate::openapi::Answer<History>),
        (status = 400, description = "A page or page size out of bounds", body = platform_http::docs::PanelError),
        (status = 401, description = "No valid token", body = platform_http::docs::PanelError),
        (status = 403, description = "Not a room the caller lives in", body = platform_http::docs::PanelError),
        (status = 404, description = "An id that is no number", body = platform_http::docs::PanelError),
    )
)]
pub async fn list(
    req: HttpRequest,
    path: web::Path<i64>,
    Authenticated(claims): Authenticated,
    state: web::Data<State>,
) -> Result<Building<History>, ChatError> {
    let user = input::caller(&claims)?;
    let paging = input::paging(&req)?;
    let conv = Conv::Room(path.into_inner());
    standing(&state, conv, user).await?;
    let (offset, limit) = (paging.offset() as i64, paging.per_page as i64);
    let (rows, total) = state
        .db
        .run(move |conn| messages::page(conn, conv, offset, limit).map_err(ChatError::from))
        .await?;
    let total = total as u64;
    Ok(Building {
        status: 200,
        data: History {
            messages: items(&state, rows).await,
            total_count: total,
            page_count: paging.page_count(total),
            page: paging.page,
            per_page: paging.per_page,
        },
    })
}

use crate::db::rooms;
use crate::error::ChatError;
use crate::input;
use crate::state::State;
use actix_web::web;
use platform_auth::Authenticated;
use platform_http::reply::Building;
use serde::Serialize;

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Rooms {
    pub rooms: Vec<RoomItem>,
}

/// A room as the building app lists it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct RoomItem {
    pub id: i64,
    /// `building` or `block`.
    pub kind: String,
    /// The building's or block's id in the buildings service.
    pub ref_id: i64,
    /// `building 3`, `block 5`: the buildings service gives no names to chat.
    pub name: String,
    /// The newest message's sequence number.
    pub seq: i64,
    /// Messages after the caller's read mark.
    pub unread: i64,
}

/// `GET /omartyapis/chat/rooms`: the caller's rooms, one per building and
/// one per block they live in.
#[utoipa::path(
    get,
    path = "/omartyapis/chat/rooms",
    tag = "rooms",
    responses(
        (status = 200, description = "The caller's rooms", body = crate::openapi::Answer<Rooms>),
        (status = 401, description = "No valid token", body = platform_http::docs::PanelError),
    )
)]
pub async fn list(
    Authenticated(claims): Authenticated,
    state: web::Data<State>,
) -> Result<Building<Rooms>, ChatError> {
    let user = input::caller(&claims)?;
    let rows = state
        .db
        .run(move |conn| rooms::for_user(conn, user).map_err(ChatError::from))
        .await?;
    let rooms = rows
        .into_iter()
        .map(|(room, read)| RoomItem {
            id: room.id,
            name: format!("{} {}", room.kind, room.ref_id),
            kind: room.kind,
            ref_id: room.ref_id,
            seq: room.last_seq,
            unread: (room.last_seq - read).max(0),
        })
        .collect();
    Ok(Building {
        status: 200,
        data: Rooms { rooms },
    })
}

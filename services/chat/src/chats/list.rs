use super::view::{items, ChatItem};
use crate::db::chats;
use crate::error::ChatError;
use crate::input;
use crate::state::State;
use actix_web::{web, HttpRequest};
use platform_auth::Authenticated;
use platform_http::reply::YiiList;

/// `GET /web/chats`: the caller's chats with stores, newest first (seeds
/// 000 and 001).
#[utoipa::path(
    get,
    path = "/web/chats",
    tag = "chats",
    params(("page" = Option<u64>, Query), ("perPage" = Option<u64>, Query)),
    responses(
        (status = 200, description = "Yii2 list of the caller's chats", body = crate::openapi::ChatItems),
        (status = 400, description = "A page or page size out of bounds", body = platform_http::docs::BazaarError),
        (status = 401, description = "`not login`", body = platform_http::docs::BazaarError),
    )
)]
pub async fn list(
    req: HttpRequest,
    Authenticated(claims): Authenticated,
    state: web::Data<State>,
) -> Result<YiiList<ChatItem>, ChatError> {
    page(req, &claims, state, false).await
}

/// A page of the chats where the caller is the buyer or the store's side.
pub async fn page(
    req: HttpRequest,
    claims: &platform_auth::Claims,
    state: web::Data<State>,
    store_side: bool,
) -> Result<YiiList<ChatItem>, ChatError> {
    let user = input::caller(claims)?;
    let paging = input::paging(&req)?;
    let (offset, limit) = (paging.offset() as i64, paging.per_page as i64);
    let (rows, total) = state
        .db
        .run(move |conn| {
            chats::page(conn, user, store_side, offset, limit).map_err(ChatError::from)
        })
        .await?;
    let items = items(&state, rows, user, store_side).await;
    Ok(YiiList::new(items, total as u64, paging, &input::url(&req)))
}

use crate::conversation::{items, standing, Conv, MessageItem};
use crate::db::messages;
use crate::error::ChatError;
use crate::input;
use crate::state::State;
use actix_web::{web, HttpRequest};
use platform_auth::Authenticated;
use platform_http::fields::FieldErrors;
use platform_http::reply::YiiList;

/// `GET /web/main-chats?id=`: a chat's messages, newest first (seed 000).
#[utoipa::path(
    get,
    path = "/web/main-chats",
    tag = "messages",
    params(
        ("id" = i64, Query, description = "The chat's id"),
        ("page" = Option<u64>, Query),
        ("perPage" = Option<u64>, Query),
    ),
    responses(
        (status = 200, description = "Yii2 list of the chat's messages, newest first", body = crate::openapi::MessageItems),
        (status = 400, description = "A page or page size out of bounds", body = platform_http::docs::BazaarError),
        (status = 401, description = "`not login`", body = platform_http::docs::BazaarError),
        (status = 403, description = "`there is no chat for u`", body = platform_http::docs::BazaarError),
        (status = 422, description = "No chat id given, or one that is no whole number", body = platform_http::docs::BazaarError),
    )
)]
pub async fn list(
    req: HttpRequest,
    Authenticated(claims): Authenticated,
    state: web::Data<State>,
) -> Result<YiiList<MessageItem>, ChatError> {
    let user = input::caller(&claims)?;
    let fields = input::fields(&req, &[])?;
    let mut errors = FieldErrors::default();
    let id = input::id(&fields, "id", "Id", &mut errors);
    errors.or_fail(ChatError::invalid)?;
    let paging = input::paging(&req)?;
    let conv = Conv::Chat(id.unwrap_or_default());
    history(&req, &state, conv, user, paging).await
}

/// A page of `conv`'s history as `user` may read it, newest first.
pub async fn history(
    req: &HttpRequest,
    state: &State,
    conv: Conv,
    user: i64,
    paging: platform_http::reply::Paging,
) -> Result<YiiList<MessageItem>, ChatError> {
    standing(state, conv, user).await?;
    let (offset, limit) = (paging.offset() as i64, paging.per_page as i64);
    let (rows, total) = state
        .db
        .run(move |conn| messages::page(conn, conv, offset, limit).map_err(ChatError::from))
        .await?;
    let items = items(state, rows).await;
    Ok(YiiList::new(items, total as u64, paging, &input::url(req)))
}

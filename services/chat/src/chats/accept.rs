use super::start::one;
use super::view::{items, ChatItem};
use crate::db::chats;
use crate::error::ChatError;
use crate::live::Event;
use crate::state::State;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest};
use platform_auth::Authenticated;
use platform_http::reply::BazaarAction;

/// `POST /web/chats/accept` (`id`): the store's side takes a pending chat
/// (`chatting`). Accepting a chat already taken changes nothing.
#[utoipa::path(
    post,
    path = "/web/chats/accept",
    tag = "chats",
    params(("id" = i64, Query, description = "The chat's id (or in the body)")),
    responses(
        (status = 200, description = "`chat accepted`; `data` is the chat", body = platform_http::reply::BazaarAction<ChatItem>),
        (status = 400, description = "A body that cannot be read (malformed JSON, form or multipart)", body = platform_http::docs::BazaarError),
        (status = 401, description = "`not login`", body = platform_http::docs::BazaarError),
        (status = 403, description = "`there is no chat for u`, or the buyer's side", body = platform_http::docs::BazaarError),
        (status = 413, description = "A body over `body_limit`", body = platform_http::docs::BazaarError),
        (status = 415, description = "A body that is no JSON, form or multipart form", body = platform_http::docs::BazaarError),
        (status = 422, description = "No chat id given, or the chat is finished", body = platform_http::docs::BazaarError),
    )
)]
pub async fn accept(
    req: HttpRequest,
    body: web::Bytes,
    Authenticated(claims): Authenticated,
    state: web::Data<State>,
) -> Result<BazaarAction<ChatItem>, ChatError> {
    let (chat, user, changed) = super::moved(&req, &body, &claims, &state, chats::accept).await?;
    let id = chat.id;
    if !changed {
        if chat.seller_id != user {
            return Err(ChatError::refused(
                StatusCode::FORBIDDEN,
                "store_side_only",
                "فقط فروشگاه می‌تواند گفتگو را بپذیرد",
                "Only the store can accept a chat",
            ));
        }
        if chat.status == chats::FINISHED {
            return Err(ChatError::finished());
        }
    } else {
        state
            .live
            .publish(Event::chat_status(id, chats::CHATTING))
            .await;
    }
    let item = one(items(&state, vec![chat], user, false).await)?;
    Ok(BazaarAction::new("chat accepted", item))
}

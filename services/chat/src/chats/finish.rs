use super::start::one;
use super::view::{items, ChatItem};
use crate::db::chats;
use crate::error::ChatError;
use crate::live::Event;
use crate::state::State;
use actix_web::{web, HttpRequest};
use platform_auth::Authenticated;
use platform_http::reply::BazaarAction;

/// `POST /web/chats/finish` (`id`): either side ends the chat
/// (`finished`); it takes no more messages. Finishing it again changes
/// nothing.
#[utoipa::path(
    post,
    path = "/web/chats/finish",
    tag = "chats",
    params(("id" = i64, Query, description = "The chat's id (or in the body)")),
    responses(
        (status = 200, description = "`chat finished`; `data` is the chat", body = platform_http::reply::BazaarAction<ChatItem>),
        (status = 400, description = "A body that cannot be read (malformed JSON, form or multipart)", body = platform_http::docs::BazaarError),
        (status = 401, description = "`not login`", body = platform_http::docs::BazaarError),
        (status = 403, description = "`there is no chat for u`", body = platform_http::docs::BazaarError),
        (status = 413, description = "A body over `body_limit`", body = platform_http::docs::BazaarError),
        (status = 415, description = "A body that is no JSON, form or multipart form", body = platform_http::docs::BazaarError),
        (status = 422, description = "No chat id given", body = platform_http::docs::BazaarError),
    )
)]
pub async fn finish(
    req: HttpRequest,
    body: web::Bytes,
    Authenticated(claims): Authenticated,
    state: web::Data<State>,
) -> Result<BazaarAction<ChatItem>, ChatError> {
    let (chat, user, changed) = super::moved(&req, &body, &claims, &state, chats::finish).await?;
    let id = chat.id;
    if changed {
        state
            .live
            .publish(Event::chat_status(id, chats::FINISHED))
            .await;
    }
    let item = one(items(&state, vec![chat], user, false).await)?;
    Ok(BazaarAction::new("chat finished", item))
}

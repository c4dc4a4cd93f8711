use crate::conversation::{self, Conv, MessageItem};
use crate::error::ChatError;
use crate::input;
use crate::state::State;
use actix_web::{web, HttpRequest};
use platform_auth::Authenticated;
use platform_http::fields::FieldErrors;
use platform_http::reply::BazaarAction;

/// `POST /web/main-chats` (`id`, `text`, optional `client_id`): sends a
/// message to a chat. A `client_id` sent before answers the message it
/// stored, never a second one.
#[utoipa::path(
    post,
    path = "/web/main-chats",
    tag = "messages",
    params(
        ("id" = i64, Query, description = "The chat's id (or in the body)"),
        ("text" = String, Query, description = "At most 4000 characters (or in the body)"),
        ("client_id" = Option<String>, Query, description = "The client's id for the message, to resend safely"),
    ),
    responses(
        (status = 200, description = "`message sent`; `data` is the message", body = platform_http::reply::BazaarAction<MessageItem>),
        (status = 400, description = "A body that cannot be read (malformed JSON, form or multipart)", body = platform_http::docs::BazaarError),
        (status = 401, description = "`not login`", body = platform_http::docs::BazaarError),
        (status = 403, description = "`there is no chat for u`", body = platform_http::docs::BazaarError),
        (status = 413, description = "A body over `body_limit`", body = platform_http::docs::BazaarError),
        (status = 415, description = "A body that is no JSON, form or multipart form", body = platform_http::docs::BazaarError),
        (status = 422, description = "No text, or the chat is finished", body = platform_http::docs::BazaarError),
    )
)]
pub async fn send(
    req: HttpRequest,
    body: web::Bytes,
    Authenticated(claims): Authenticated,
    state: web::Data<State>,
) -> Result<BazaarAction<MessageItem>, ChatError> {
    let user = input::caller(&claims)?;
    let fields = input::fields(&req, &body)?;
    let mut errors = FieldErrors::default();
    let id = input::id(&fields, "id", "Id", &mut errors);
    let text = input::text(&fields, "text", "Text", &mut errors);
    let client_id = input::text(&fields, "client_id", "Client Id", &mut errors);
    errors.or_fail(ChatError::invalid)?;
    let (text, client_id) = conversation::checked(text, client_id)?;
    let conv = Conv::Chat(id.unwrap_or_default());
    let item = conversation::send(&state, conv, user, text, client_id).await?;
    Ok(BazaarAction::new("message sent", item))
}

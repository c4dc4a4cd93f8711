use crate::conversation::{self, Conv};
use crate::error::ChatError;
use crate::input;
use crate::state::State;
use actix_web::{web, HttpRequest};
use platform_auth::Authenticated;
use platform_http::fields::FieldErrors;
use platform_http::reply::BazaarAction;
use platform_http::rules::Rule;

/// `POST /web/main-chats/read` (`id`, `seq`): the caller has read the chat
/// up to `seq`; the other side's sockets are told. A mark never moves back.
#[utoipa::path(
    post,
    path = "/web/main-chats/read",
    tag = "messages",
    params(
        ("id" = i64, Query, description = "The chat's id (or in the body)"),
        ("seq" = i64, Query, description = "The last sequence number read"),
    ),
    responses(
        (status = 200, description = "`done`", body = platform_http::reply::BazaarAction<String>),
        (status = 400, description = "A body that cannot be read (malformed JSON, form or multipart)", body = platform_http::docs::BazaarError),
        (status = 401, description = "`not login`", body = platform_http::docs::BazaarError),
        (status = 403, description = "`there is no chat for u`", body = platform_http::docs::BazaarError),
        (status = 413, description = "A body over `body_limit`", body = platform_http::docs::BazaarError),
        (status = 415, description = "A body that is no JSON, form or multipart form", body = platform_http::docs::BazaarError),
        (status = 422, description = "`Server Error`: a field that is missing or breaks its rule", body = platform_http::docs::BazaarError),
    )
)]
pub async fn read(
    req: HttpRequest,
    body: web::Bytes,
    Authenticated(claims): Authenticated,
    state: web::Data<State>,
) -> Result<BazaarAction<&'static str>, ChatError> {
    let user = input::caller(&claims)?;
    let fields = input::fields(&req, &body)?;
    let mut errors = FieldErrors::default();
    let id = input::id(&fields, "id", "Id", &mut errors);
    let seq = match fields.integer("seq") {
        Ok(Some(n)) if n >= 0 => Some(n),
        Ok(None) => {
            errors.add_rule("seq", "Seq", Rule::Blank);
            None
        }
        _ => {
            errors.add_rule("seq", "Seq", Rule::WholeNumber);
            None
        }
    };
    errors.or_fail(ChatError::invalid)?;
    let conv = Conv::Chat(id.unwrap_or_default());
    conversation::mark_read(&state, conv, user, seq.unwrap_or_default()).await?;
    Ok(BazaarAction::done("done"))
}

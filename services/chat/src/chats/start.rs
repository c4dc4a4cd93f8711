use super::view::{items, ChatItem};
use crate::db::chats;
use crate::error::ChatError;
use crate::input;
use crate::state::State;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest};
use platform_auth::Authenticated;
use platform_http::fields::FieldErrors;
use platform_http::reply::BazaarAction;

/// `POST /web/chats/start` (`store`): opens a `pending` chat with a store,
/// or answers the open one the caller has with it.
#[utoipa::path(
    post,
    path = "/web/chats/start",
    tag = "chats",
    params(("store" = i64, Query, description = "The store's id (or in the body)")),
    responses(
        (status = 200, description = "`chat started`, or `chat is open` with the open one; `data` is the chat", body = platform_http::reply::BazaarAction<ChatItem>),
        (status = 400, description = "A body that cannot be read (malformed JSON, form or multipart)", body = platform_http::docs::BazaarError),
        (status = 401, description = "`not login`", body = platform_http::docs::BazaarError),
        (status = 404, description = "No such store", body = platform_http::docs::BazaarError),
        (status = 413, description = "A body over `body_limit`", body = platform_http::docs::BazaarError),
        (status = 415, description = "A body that is no JSON, form or multipart form", body = platform_http::docs::BazaarError),
        (status = 422, description = "No store given, or the caller's own store", body = platform_http::docs::BazaarError),
        (status = 503, description = "social did not say whether the store exists", body = platform_http::docs::BazaarError),
    )
)]
pub async fn start(
    req: HttpRequest,
    body: web::Bytes,
    Authenticated(claims): Authenticated,
    state: web::Data<State>,
) -> Result<BazaarAction<ChatItem>, ChatError> {
    let user = input::caller(&claims)?;
    let fields = input::fields(&req, &body)?;
    let mut errors = FieldErrors::default();
    let store = input::id(&fields, "store", "Store", &mut errors);
    errors.or_fail(ChatError::invalid)?;
    let store = store.unwrap_or_default();
    let store = state.peers.store(store).await?.ok_or_else(|| {
        ChatError::refused(
            StatusCode::NOT_FOUND,
            "store_not_found",
            "فروشگاه یافت نشد",
            "Store not found",
        )
    })?;
    if store.manager == user {
        return Err(ChatError::refused(
            StatusCode::UNPROCESSABLE_ENTITY,
            "own_store",
            "با فروشگاه خودتان نمی‌توانید گفتگو کنید",
            "You cannot chat with your own store",
        ));
    }
    let now = crate::now();
    let (chat, new) = state
        .db
        .run(move |conn| {
            chats::open(conn, user, store.id, store.manager, now).map_err(ChatError::from)
        })
        .await?;
    let item = one(items(&state, vec![chat], user, false).await)?;
    Ok(BazaarAction::new(
        if new { "chat started" } else { "chat is open" },
        item,
    ))
}

/// The one item made from one chat.
pub fn one(mut items: Vec<ChatItem>) -> Result<ChatItem, ChatError> {
    items
        .pop()
        .ok_or_else(|| ChatError::internal(std::io::Error::other("a chat has no item")))
}

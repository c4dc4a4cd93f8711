//! Chats between a buyer and a store (seeds 000 and 001): the lists, and
//! the additions that let a chat live (start, accept, finish).

pub mod accept;
pub mod finish;
pub mod list;
pub mod start;
pub mod store_list;
pub mod view;

use crate::db::chats::{self, Chat};
use crate::error::ChatError;
use crate::input;
use crate::state::State;
use actix_web::{web, HttpRequest};
use platform_auth::Claims;
use platform_db::AnyConnection;
use platform_http::fields::FieldErrors;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/web/chats").get(list::list))
        .service(web::resource("/web/chats/start").post(start::start))
        .service(web::resource("/web/chats/accept").post(accept::accept))
        .service(web::resource("/web/chats/finish").post(finish::finish))
        .service(web::resource("/web/store-manager/chats").get(store_list::list));
}

/// A status move of one chat (accept, finish): reads the caller and `id`,
/// runs `change` (the move's conditional UPDATE, one row when it moved)
/// and reads the chat back. Another's chat, or none, is `there is no chat
/// for u`. Returns the chat, the caller and whether it moved.
pub(crate) async fn moved(
    req: &HttpRequest,
    body: &[u8],
    claims: &Claims,
    state: &State,
    change: fn(&mut AnyConnection, i64, i64) -> diesel::QueryResult<usize>,
) -> Result<(Chat, i64, bool), ChatError> {
    let user = input::caller(claims)?;
    let fields = input::fields(req, body)?;
    let mut errors = FieldErrors::default();
    let id = input::id(&fields, "id", "Id", &mut errors);
    errors.or_fail(ChatError::invalid)?;
    let id = id.unwrap_or_default();
    let (chat, changed) = state
        .db
        .run(move |conn| {
            let changed = change(conn, id, user)? == 1;
            Ok::<_, ChatError>((chats::find(conn, id)?, changed))
        })
        .await?;
    let chat = chat.filter(|c| c.has(user)).ok_or(ChatError::NoChat)?;
    Ok((chat, user, changed))
}

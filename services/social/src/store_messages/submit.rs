use super::{ATTACHMENT_MAX, TEXT_MAX, TITLE_MAX};
use crate::caller::user_id;
use crate::catalog::{counters, Kind, Target};
use crate::clock::now;
use crate::comments::add::NewId;
use crate::input::Params;
use crate::openapi::{Created, StoreMessageInput};
use crate::schema::store_messages as sm;
use crate::SocialError;
use actix_web::{web, HttpRequest};
use diesel::prelude::*;
use platform_auth::Authenticated;
use platform_db::Db;
use platform_http::docs::BazaarError;
use platform_http::reply::BazaarAction;

/// Submit a store message
///
/// `POST /web/user/submit-store-message` with `store`, `title`, `text` and
/// optional `attachment` (the path or URL of a file already uploaded).
#[utoipa::path(
    post,
    path = "/web/user/submit-store-message",
    operation_id = "submitStoreMessage",
    tag = "store messages",
    request_body(content = StoreMessageInput, description = "A form, JSON, or the query string"),
    responses(
        (status = 200, description = "Sent", body = Created),
        (status = 400, description = "A body that cannot be read (malformed JSON, form or multipart)", body = BazaarError),
        (status = 401, description = "`not login`", body = BazaarError),
        (status = 404, description = "`Invalid Target`: no such store", body = BazaarError),
        (status = 413, description = "A body over `body_limit`", body = BazaarError),
        (status = 415, description = "A body that is no JSON, form or multipart form", body = BazaarError),
        (status = 422, description = "`Server Error` with every sentence", body = BazaarError),
    )
)]
pub async fn submit(
    Authenticated(claims): Authenticated,
    req: HttpRequest,
    body: web::Bytes,
    db: web::Data<Db>,
) -> Result<BazaarAction<NewId>, SocialError> {
    let user = user_id(&claims)?;
    let mut params = Params::read(&req, &body, &claims)?;
    let store = params.required_id("store");
    let title = params.required_text("title", TITLE_MAX, false);
    let text = params.required_text("text", TEXT_MAX, true);
    let attachment = params.text("attachment", ATTACHMENT_MAX, false);
    let at = params.location();
    params.finish()?;
    let (Some(store), Some(title), Some(text)) = (store, title, text) else {
        return Err(SocialError::InvalidTarget);
    };
    let id = db
        .run(move |conn| -> Result<i64, SocialError> {
            let target = Target {
                kind: Kind::Store,
                id: store,
            };
            if !counters::exists(conn, target)? {
                return Err(SocialError::InvalidTarget);
            }
            Ok(diesel::insert_into(sm::table)
                .values((
                    sm::user_id.eq(user),
                    sm::store_id.eq(store),
                    sm::title.eq(title),
                    sm::text.eq(text),
                    sm::attachment.eq(attachment),
                    sm::x.eq(at.x),
                    sm::y.eq(at.y),
                    sm::created.eq(now()),
                ))
                .returning(sm::id)
                .get_result(conn)?)
        })
        .await?;
    Ok(BazaarAction::new("Message sent", NewId { id }))
}

use super::store::managed;
use crate::caller::user_id;
use crate::clock::{date, now};
use crate::comments::add::NewId;
use crate::input::Params;
use crate::openapi::{BroadcastInput, Created};
use crate::schema::broadcasts as b;
use crate::SocialError;
use actix_web::{web, HttpRequest};
use diesel::prelude::*;
use platform_auth::Authenticated;
use platform_db::Db;
use platform_http::docs::BazaarError;
use platform_http::reply::BazaarAction;

pub const TITLE_MAX: usize = 255;
pub const TEXT_MAX: usize = 10_000;

/// Broadcast to the store's subscribers (store manager)
///
/// `POST /web/store-manager/send-broadcast` with `title` and `text`: every
/// user who added the store's notification sees it in `/web/broadcasts`.
#[utoipa::path(
    post,
    path = "/web/store-manager/send-broadcast",
    operation_id = "sendBroadcast",
    tag = "store manager",
    request_body(content = BroadcastInput, description = "A form, JSON, or the query string"),
    responses(
        (status = 200, description = "`done`", body = Created),
        (status = 400, description = "A body that cannot be read (malformed JSON, form or multipart)", body = BazaarError),
        (status = 401, description = "`not login`", body = BazaarError),
        (status = 403, description = "Not a manager of the store", body = BazaarError),
        (status = 413, description = "A body over `body_limit`", body = BazaarError),
        (status = 415, description = "A body that is no JSON, form or multipart form", body = BazaarError),
        (status = 422, description = "`Server Error` with every sentence", body = BazaarError),
    )
)]
pub async fn send_broadcast(
    Authenticated(claims): Authenticated,
    req: HttpRequest,
    body: web::Bytes,
    db: web::Data<Db>,
) -> Result<BazaarAction<NewId>, SocialError> {
    let manager = user_id(&claims)?;
    let mut params = Params::read(&req, &body, &claims)?;
    let wanted = params.id("store");
    let title = params.required_text("title", TITLE_MAX, false);
    let text = params.required_text("text", TEXT_MAX, true);
    params.finish()?;
    let (Some(title), Some(text)) = (title, text) else {
        return Err(SocialError::InvalidTarget);
    };
    let id = db
        .run(move |conn| -> Result<i64, SocialError> {
            let store = managed(conn, manager, wanted)?;
            let now = now();
            Ok(diesel::insert_into(b::table)
                .values((
                    b::title.eq(title),
                    b::text.eq(text),
                    b::store_id.eq(store),
                    b::date.eq(date(now)),
                    b::created.eq(now),
                ))
                .returning(b::id)
                .get_result(conn)?)
        })
        .await?;
    Ok(BazaarAction::new("done", NewId { id }))
}

use super::store::managed;
use crate::caller::user_id;
use crate::clock::now;
use crate::comments::add::NewId;
use crate::input::Params;
use crate::openapi::{Created, OfferInput};
use crate::schema::offers;
use crate::SocialError;
use actix_web::{web, HttpRequest};
use diesel::prelude::*;
use platform_auth::Authenticated;
use platform_db::Db;
use platform_http::docs::BazaarError;
use platform_http::reply::BazaarAction;

pub const TEXT_MAX: usize = 5000;

/// Send an offer to a user (store manager)
///
/// `POST /web/store-manager/send-offer` with `user` (identity's id) and
/// `text`: only that user sees it.
#[utoipa::path(
    post,
    path = "/web/store-manager/send-offer",
    operation_id = "sendOffer",
    tag = "store manager",
    request_body(content = OfferInput, description = "A form, JSON, or the query string"),
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
pub async fn send_offer(
    Authenticated(claims): Authenticated,
    req: HttpRequest,
    body: web::Bytes,
    db: web::Data<Db>,
) -> Result<BazaarAction<NewId>, SocialError> {
    let manager = user_id(&claims)?;
    let mut params = Params::read(&req, &body, &claims)?;
    let wanted = params.id("store");
    let user = params.required_id("user");
    let text = params.required_text("text", TEXT_MAX, true);
    params.finish()?;
    let (Some(user), Some(text)) = (user, text) else {
        return Err(SocialError::InvalidTarget);
    };
    let id = db
        .run(move |conn| -> Result<i64, SocialError> {
            let store = managed(conn, manager, wanted)?;
            Ok(diesel::insert_into(offers::table)
                .values((
                    offers::store_id.eq(store),
                    offers::user_id.eq(user),
                    offers::text.eq(text),
                    offers::created.eq(now()),
                ))
                .returning(offers::id)
                .get_result(conn)?)
        })
        .await?;
    Ok(BazaarAction::new("done", NewId { id }))
}

use crate::caller::user_id;
use crate::clock::now;
use crate::input::Params;
use crate::openapi::{AnswerInput, Done};
use crate::schema::{store_messages as sm, stores};
use crate::store_messages::{ATTACHMENT_MAX, TEXT_MAX};
use crate::SocialError;
use actix_web::{web, HttpRequest};
use diesel::prelude::*;
use platform_auth::Authenticated;
use platform_db::Db;
use platform_http::docs::BazaarError;
use platform_http::reply::BazaarAction;
use platform_service::BaseError;

/// Answer a store message (store manager)
///
/// `POST /web/store-manager/answer-store-message` with `message` (its id),
/// `answer` and optional `attachment`: the sender reads it with their
/// message. A message to a store the caller does not manage is not found.
#[utoipa::path(
    post,
    path = "/web/store-manager/answer-store-message",
    operation_id = "answerStoreMessage",
    tag = "store manager",
    request_body(content = AnswerInput, description = "A form, JSON, or the query string"),
    responses(
        (status = 200, description = "`message replied`", body = Done),
        (status = 400, description = "A body that cannot be read (malformed JSON, form or multipart)", body = BazaarError),
        (status = 401, description = "`not login`", body = BazaarError),
        (status = 403, description = "Not a manager of the store", body = BazaarError),
        (status = 404, description = "No such message to a store of the caller's", body = BazaarError),
        (status = 413, description = "A body over `body_limit`", body = BazaarError),
        (status = 415, description = "A body that is no JSON, form or multipart form", body = BazaarError),
        (status = 422, description = "`Server Error` with every sentence", body = BazaarError),
    )
)]
pub async fn answer(
    Authenticated(claims): Authenticated,
    req: HttpRequest,
    body: web::Bytes,
    db: web::Data<Db>,
) -> Result<BazaarAction<&'static str>, SocialError> {
    let manager = user_id(&claims)?;
    let mut params = Params::read(&req, &body, &claims)?;
    let message = params.required_id("message");
    let answer = params.required_text("answer", TEXT_MAX, true);
    let attachment = params.text("attachment", ATTACHMENT_MAX, false);
    params.finish()?;
    let (Some(message), Some(answer)) = (message, answer) else {
        return Err(BaseError::NotFound.into());
    };
    let n = db
        .run(move |conn| {
            let managed = stores::table
                .filter(stores::manager.eq(manager))
                .select(stores::id);
            diesel::update(
                sm::table
                    .filter(sm::id.eq(message))
                    .filter(sm::store_id.eq_any(managed)),
            )
            .set((
                sm::answer.eq(answer),
                sm::answer_attachment.eq(attachment),
                sm::answer_date.eq(now()),
                sm::read.eq(1),
            ))
            .execute(conn)
            .map_err(SocialError::from)
        })
        .await?;
    if n == 0 {
        return Err(BaseError::NotFound.into());
    }
    Ok(BazaarAction::done("message replied"))
}

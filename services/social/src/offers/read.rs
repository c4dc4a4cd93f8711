use crate::caller::user_id;
use crate::input::Params;
use crate::openapi::{Done, IdInput};
use crate::schema::offers;
use crate::SocialError;
use actix_web::{web, HttpRequest};
use diesel::prelude::*;
use platform_auth::Authenticated;
use platform_db::Db;
use platform_http::docs::BazaarError;
use platform_http::reply::BazaarAction;
use platform_service::BaseError;

/// Read offer
///
/// `POST /web/user/read-offer` with `id`: marks one of the caller's offers
/// read. Another user's offer is not found, as one that does not exist.
#[utoipa::path(
    post,
    path = "/web/user/read-offer",
    operation_id = "readOffer",
    tag = "offers",
    request_body(content = IdInput, description = "A form, JSON, or the query string"),
    responses(
        (status = 200, description = "Marked read", body = Done),
        (status = 400, description = "A body that cannot be read (malformed JSON, form or multipart)", body = BazaarError),
        (status = 401, description = "`not login`", body = BazaarError),
        (status = 404, description = "No such offer of the caller's", body = BazaarError),
        (status = 413, description = "A body over `body_limit`", body = BazaarError),
        (status = 415, description = "A body that is no JSON, form or multipart form", body = BazaarError),
        (status = 422, description = "`Server Error` with every sentence", body = BazaarError),
    )
)]
pub async fn read_offer(
    Authenticated(claims): Authenticated,
    req: HttpRequest,
    body: web::Bytes,
    db: web::Data<Db>,
) -> Result<BazaarAction<&'static str>, SocialError> {
    let user = user_id(&claims)?;
    let mut params = Params::read(&req, &body, &claims)?;
    let id = params.required_id("id");
    params.location();
    params.finish()?;
    let id = id.ok_or(BaseError::NotFound)?;
    let n = db
        .run(move |conn| {
            diesel::update(
                offers::table
                    .filter(offers::id.eq(id))
                    .filter(offers::user_id.eq(user)),
            )
            .set(offers::read.eq(1))
            .execute(conn)
            .map_err(SocialError::from)
        })
        .await?;
    if n == 0 {
        return Err(BaseError::NotFound.into());
    }
    Ok(BazaarAction::done("done"))
}

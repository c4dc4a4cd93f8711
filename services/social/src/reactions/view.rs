use super::store;
use crate::caller::user_id;
use crate::clock::now;
use crate::input::Params;
use crate::openapi::{ActionInput, Done};
use crate::SocialError;
use actix_web::{web, HttpRequest};
use platform_auth::Authenticated;
use platform_db::Db;
use platform_http::docs::BazaarError;
use platform_http::reply::BazaarAction;

/// Add a view
///
/// `POST /web/user/add-view` with `target` and `id`: every view counts;
/// the caller's view list shows the target once, by its last view.
#[utoipa::path(
    post,
    path = "/web/user/add-view",
    operation_id = "addView",
    tag = "reactions",
    request_body(content = ActionInput, description = "A form, JSON, or the query string"),
    responses(
        (status = 200, description = "Counted", body = Done),
        (status = 400, description = "A body that cannot be read (malformed JSON, form or multipart)", body = BazaarError),
        (status = 401, description = "`not login`", body = BazaarError),
        (status = 404, description = "`Invalid Target`", body = BazaarError),
        (status = 413, description = "A body over `body_limit`", body = BazaarError),
        (status = 415, description = "A body that is no JSON, form or multipart form", body = BazaarError),
        (status = 422, description = "`Server Error` with every sentence", body = BazaarError),
    )
)]
pub async fn add_view(
    Authenticated(claims): Authenticated,
    req: HttpRequest,
    body: web::Bytes,
    db: web::Data<Db>,
) -> Result<BazaarAction<&'static str>, SocialError> {
    let user = user_id(&claims)?;
    let mut params = Params::read(&req, &body, &claims)?;
    let target = super::target_of(&mut params, false)?;
    let at = params.location();
    params.finish()?;
    let Some(target) = target else {
        return Err(SocialError::InvalidTarget);
    };
    db.run(move |conn| store::view(conn, user, target, at, now()))
        .await?;
    Ok(BazaarAction::done("Viewed"))
}

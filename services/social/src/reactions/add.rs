use super::kind::Reaction;
use super::store::{self, Outcome};
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

/// Add a like, dislike, favorite or notification subscription
///
/// `POST /web/user/add-like` (`add-dislike`, `add-favorite`,
/// `add-notification`) with `target` and `id`. A like removes the caller's
/// dislike of the target and back; adding what exists changes nothing and
/// says so.
#[utoipa::path(
    post,
    path = "/web/user/add-{kind}",
    operation_id = "addReaction",
    tag = "reactions",
    params(("kind" = String, Path, description = "like, dislike, favorite or notification")),
    request_body(content = ActionInput, description = "A form, JSON, or the query string"),
    responses(
        (status = 200, description = "Added, or already there", body = Done),
        (status = 400, description = "A body that cannot be read (malformed JSON, form or multipart)", body = BazaarError),
        (status = 401, description = "`not login`", body = BazaarError),
        (status = 404, description = "`Invalid Target`: an unknown kind or target", body = BazaarError),
        (status = 413, description = "A body over `body_limit`", body = BazaarError),
        (status = 415, description = "A body that is no JSON, form or multipart form", body = BazaarError),
        (status = 422, description = "`Server Error` with every sentence", body = BazaarError),
    )
)]
pub async fn add(
    Authenticated(claims): Authenticated,
    kind: web::Path<String>,
    req: HttpRequest,
    body: web::Bytes,
    db: web::Data<Db>,
) -> Result<BazaarAction<&'static str>, SocialError> {
    let reaction = Reaction::parse(&kind).ok_or(SocialError::InvalidType)?;
    let user = user_id(&claims)?;
    let mut params = Params::read(&req, &body, &claims)?;
    let target = super::target_of(&mut params, false)?;
    let at = params.location();
    params.finish()?;
    let Some(target) = target else {
        return Err(SocialError::InvalidTarget);
    };
    let outcome = db
        .run(move |conn| store::add(conn, user, reaction, target, at, now()))
        .await?;
    Ok(BazaarAction::done(match outcome {
        Outcome::Changed => reaction.added(),
        Outcome::Unchanged => reaction.already(),
    }))
}

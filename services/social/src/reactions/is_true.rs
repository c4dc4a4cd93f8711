use super::kind::Reaction;
use super::store;
use crate::caller::user_id;
use crate::comments;
use crate::input::Params;
use crate::openapi::{Checked, IsTrueInput};
use crate::SocialError;
use actix_web::{web, HttpRequest};
use platform_auth::Authenticated;
use platform_db::Db;
use platform_http::docs::BazaarError;
use platform_http::reply::BazaarAction;

/// What the check asks about.
enum Check {
    Reaction(Reaction),
    View,
    Comment,
}

/// Has the caller done it? (the app's "is true" check)
///
/// `POST /web/user/is-true` with `type` (like, dislike, view, comment,
/// notification, favorite), `target` and `id`. `message` is the app's
/// word (`Liked` / `Not Liked`, `Not favorite`, `Not notifcation`, …) and
/// `data` says the same as a boolean.
#[utoipa::path(
    post,
    path = "/web/user/is-true",
    operation_id = "isTrue",
    tag = "reactions",
    request_body(content = IsTrueInput, description = "A form, JSON, or the query string"),
    responses(
        (status = 200, description = "The answer", body = Checked),
        (status = 400, description = "A body that cannot be read (malformed JSON, form or multipart)", body = BazaarError),
        (status = 401, description = "`not login`", body = BazaarError),
        (status = 404, description = "`Invalid Target`", body = BazaarError),
        (status = 413, description = "A body over `body_limit`", body = BazaarError),
        (status = 415, description = "A body that is no JSON, form or multipart form", body = BazaarError),
        (status = 422, description = "`Invalid Type`, or `Server Error` with every sentence", body = BazaarError),
    )
)]
pub async fn is_true(
    Authenticated(claims): Authenticated,
    req: HttpRequest,
    body: web::Bytes,
    db: web::Data<Db>,
) -> Result<BazaarAction<bool>, SocialError> {
    let user = user_id(&claims)?;
    let mut params = Params::read(&req, &body, &claims)?;
    let check = match params.required_text("type", 16, false).as_deref() {
        Some("view") => Some(Check::View),
        Some("comment") => Some(Check::Comment),
        Some(name) => Some(Check::Reaction(
            Reaction::parse(name).ok_or(SocialError::InvalidType)?,
        )),
        None => None,
    };
    let target = super::target_of(&mut params, false)?;
    params.finish()?;
    let (Some(check), Some(target)) = (check, target) else {
        return Err(SocialError::InvalidTarget);
    };
    let (yes, no, done) = db
        .run(move |conn| -> Result<_, SocialError> {
            if !crate::catalog::counters::exists(conn, target)? {
                return Err(SocialError::InvalidTarget);
            }
            Ok(match check {
                Check::Reaction(r) => {
                    let yes = match r {
                        Reaction::Like => "Liked",
                        Reaction::Dislike => "Disliked",
                        Reaction::Favorite => "Favorite",
                        Reaction::Notification => "Notification",
                    };
                    (yes, r.absent(), store::has(conn, user, r, target)?)
                }
                Check::View => ("Viewed", "Not view", store::has_viewed(conn, user, target)?),
                Check::Comment => (
                    "Commented",
                    "Not comment",
                    comments::store::has(conn, user, target)?,
                ),
            })
        })
        .await?;
    Ok(BazaarAction::new(if done { yes } else { no }, done))
}

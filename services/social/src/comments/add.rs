use super::store::{self, NewComment};
use super::TEXT_MAX;
use crate::caller::user_id;
use crate::catalog::Kind;
use crate::clock::now;
use crate::input::Params;
use crate::openapi::{CommentInput, Created};
use crate::people::People;
use crate::SocialError;
use actix_web::{web, HttpRequest};
use platform_auth::Authenticated;
use platform_db::Db;
use platform_http::docs::BazaarError;
use platform_http::reply::BazaarAction;
use platform_service::BaseError;
use serde::Serialize;

#[derive(Serialize, utoipa::ToSchema)]
pub struct NewId {
    pub id: i64,
}

/// Add a comment
///
/// `POST /web/user/add-comment` with `target` (bazzar, mall, store,
/// product or user), `id`, `text` and optional `pros` and `cons`. The
/// target's `commentsCount` moves with it.
#[utoipa::path(
    post,
    path = "/web/user/add-comment",
    operation_id = "addComment",
    tag = "comments",
    request_body(content = CommentInput, description = "A form, JSON, or the query string"),
    responses(
        (status = 200, description = "Written", body = Created),
        (status = 400, description = "A body that cannot be read (malformed JSON, form or multipart)", body = BazaarError),
        (status = 401, description = "`not login`", body = BazaarError),
        (status = 404, description = "`Invalid Target`", body = BazaarError),
        (status = 413, description = "A body over `body_limit`", body = BazaarError),
        (status = 415, description = "A body that is no JSON, form or multipart form", body = BazaarError),
        (status = 422, description = "`Server Error` with every sentence", body = BazaarError),
        (status = 503, description = "identity did not say whether a commented user exists", body = BazaarError),
    )
)]
pub async fn add_comment(
    Authenticated(claims): Authenticated,
    req: HttpRequest,
    body: web::Bytes,
    db: web::Data<Db>,
    people: web::Data<People>,
) -> Result<BazaarAction<NewId>, SocialError> {
    let user = user_id(&claims)?;
    let mut params = Params::read(&req, &body, &claims)?;
    let target = crate::reactions::target_of(&mut params, true)?;
    let text = params.required_text("text", TEXT_MAX, true);
    let pros = params.text("pros", TEXT_MAX, true);
    let cons = params.text("cons", TEXT_MAX, true);
    let at = params.location();
    params.finish()?;
    let (Some(target), Some(text)) = (target, text) else {
        return Err(SocialError::InvalidTarget);
    };
    if target.kind == Kind::User {
        // users live in identity: it says whether this one exists
        let known = people
            .lookup(&[target.id])
            .await
            .map_err(|e| BaseError::Unavailable {
                retry_after: 1,
                cause: platform_service::Cause::new(std::io::Error::other(e)),
            })?;
        if !known.contains_key(&target.id) {
            return Err(SocialError::InvalidTarget);
        }
    }
    let new = NewComment {
        text,
        pros,
        cons,
        at,
    };
    let id = db
        .run(move |conn| store::add(conn, user, target, new, now()))
        .await?;
    Ok(BazaarAction::new("Comment added", NewId { id }))
}

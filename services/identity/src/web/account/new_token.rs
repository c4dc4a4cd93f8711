use super::{logged_in, token_of, LoggedIn};
use crate::db;
use crate::error::IdentityError;
use crate::openapi::TokenBody;
use crate::params::Params;
use crate::state::State;
use actix_web::{web, HttpRequest};
use platform_http::docs::BazaarError;
use platform_http::reply::BazaarAction;

/// Trade a token for a fresh one (marketplace app)
///
/// `POST /web/user/newtoken` with `username` and `token`: a new token in
/// `data`; the old one is revoked (every gateway refuses it within a
/// second).
#[utoipa::path(
    post,
    path = "/web/user/newtoken",
    operation_id = "bazaarNewToken",
    tag = "bazaar account",
    request_body(content = TokenBody, description = "A form, a JSON object, or the query string"),
    responses(
        (status = 200, description = "`Token Updated`", body = BazaarAction<LoggedIn>),
        (status = 400, description = "A body that cannot be read, or a parameter sent as an array or object", body = BazaarError),
        (status = 401, description = "`Token is not valid`", body = BazaarError),
        (status = 413, description = "A body over `body_limit`", body = BazaarError),
        (status = 415, description = "A body that is no JSON, form or multipart form", body = BazaarError),
    )
)]
pub async fn new_token(
    state: web::Data<State>,
    req: HttpRequest,
    body: web::Bytes,
) -> Result<BazaarAction<LoggedIn>, IdentityError> {
    let params = Params::read(&req, &body)?;
    let (claims, user) = token_of(&state, &req, &params).await?;
    let id = user.id;
    state
        .db
        .run(move |conn| {
            db::revocations::revoke(conn, &claims.jti, id, claims.exp, db::now())
                .map_err(IdentityError::from)
        })
        .await?;
    Ok(BazaarAction::new("Token Updated", logged_in(&state, &user)))
}

use super::token_of;
use crate::error::IdentityError;
use crate::openapi::TokenBody;
use crate::params::Params;
use crate::state::State;
use actix_web::{web, HttpRequest};
use platform_http::docs::BazaarError;
use platform_http::reply::BazaarAction;

/// Is this token good? (marketplace app)
///
/// `POST /web/user/islogin` with `username` and `token`: `Token is true`
/// when the token is valid, not revoked, and `username`'s.
#[utoipa::path(
    post,
    path = "/web/user/islogin",
    operation_id = "bazaarIsLogin",
    tag = "bazaar account",
    request_body(content = TokenBody, description = "A form, a JSON object, or the query string"),
    responses(
        (status = 200, description = "`Token is true`", body = BazaarAction<String>),
        (status = 400, description = "A body that cannot be read, or a parameter sent as an array or object", body = BazaarError),
        (status = 401, description = "`Token is not valid`", body = BazaarError),
        (status = 413, description = "A body over `body_limit`", body = BazaarError),
        (status = 415, description = "A body that is no JSON, form or multipart form", body = BazaarError),
    )
)]
pub async fn is_login(
    state: web::Data<State>,
    req: HttpRequest,
    body: web::Bytes,
) -> Result<BazaarAction<&'static str>, IdentityError> {
    let params = Params::read(&req, &body)?;
    token_of(&state, &req, &params).await?;
    Ok(BazaarAction::done("Token is true"))
}

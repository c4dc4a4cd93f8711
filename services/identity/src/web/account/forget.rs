use super::{cellphone, said};
use crate::client_addr;
use crate::codes::{self, Purpose};
use crate::db::{self, users, users::Lock};
use crate::error::IdentityError;
use crate::openapi::UsernameBody;
use crate::params::Params;
use crate::state::State;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest};
use platform_http::docs::BazaarError;
use platform_http::reply::BazaarAction;

/// Forgotten password: a reset code by SMS (marketplace app)
///
/// `POST /web/user/forget` with `username`: a one-time code goes by SMS
/// (never a password); `/web/user/reset-password` with `username`, `code`
/// and the new `password` completes the reset. The message is the app's,
/// kept for its clients.
#[utoipa::path(
    post,
    path = "/web/user/forget",
    operation_id = "bazaarForget",
    tag = "bazaar account",
    request_body(content = UsernameBody, description = "A form, a JSON object, or the query string"),
    responses(
        (status = 200, description = "`New Password generated and sent ` (a code was sent)", body = BazaarAction<String>),
        (status = 400, description = "A body that cannot be read, or a parameter sent as an array or object", body = BazaarError),
        (status = 403, description = "The account is disabled", body = BazaarError),
        (status = 404, description = "`User Not Found`", body = BazaarError),
        (status = 413, description = "A body over `body_limit`", body = BazaarError),
        (status = 415, description = "A body that is no JSON, form or multipart form", body = BazaarError),
        (status = 422, description = "`Username or Password cannot be blank.` or `Cellphone is not validated`", body = BazaarError),
        (status = 429, description = "Inside the cooldown, over the address's limit, or the code lock is on", body = BazaarError),
        (status = 503, description = "The SMS provider did not take the code", body = BazaarError),
    )
)]
pub async fn forget(
    state: web::Data<State>,
    req: HttpRequest,
    body: web::Bytes,
) -> Result<BazaarAction<&'static str>, IdentityError> {
    let params = Params::read(&req, &body)?;
    let mobile = cellphone(&params)?;
    let m = mobile.clone();
    let user = state
        .db
        .run(move |conn| users::by_mobile(conn, &m).map_err(IdentityError::from))
        .await?
        .ok_or(said(StatusCode::NOT_FOUND, "User Not Found"))?;
    crate::login::may_log_in(&user, Lock::Codes, db::now())?;
    let client = client_addr::client_key(&state.proxies, &req);
    codes::send(&state, &Purpose::Login { mobile }, &client).await?;
    Ok(BazaarAction::done("New Password generated and sent "))
}

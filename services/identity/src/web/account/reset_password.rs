use super::{cellphone, password, said, with_code};
use crate::db::{users, users::Lock};
use crate::error::IdentityError;
use crate::openapi::ResetBody;
use crate::params::Params;
use crate::state::State;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest};
use platform_http::docs::BazaarError;
use platform_http::reply::BazaarAction;

/// Complete a password reset (marketplace app; an addition)
///
/// `POST /web/user/reset-password` with `username`, the `code` that
/// `/web/user/forget` sent and the new `password`: the code is a login code
/// of the number, under identity's attempts and locks; both locks start
/// again.
#[utoipa::path(
    post,
    path = "/web/user/reset-password",
    operation_id = "bazaarResetPassword",
    tag = "bazaar account",
    request_body(content = ResetBody, description = "A form, a JSON object, or the query string"),
    responses(
        (status = 200, description = "`Password changed`", body = BazaarAction<String>),
        (status = 400, description = "A body that cannot be read, or a parameter sent as an array or object", body = BazaarError),
        (status = 403, description = "The account is disabled", body = BazaarError),
        (status = 404, description = "`User Not Found`", body = BazaarError),
        (status = 413, description = "A body over `body_limit`", body = BazaarError),
        (status = 415, description = "A body that is no JSON, form or multipart form", body = BazaarError),
        (status = 422, description = "`Incorrect Code`, or `Server Error` for a short password", body = BazaarError),
        (status = 429, description = "The address is over its failures, or the code lock is on", body = BazaarError),
    )
)]
pub async fn reset_password(
    state: web::Data<State>,
    req: HttpRequest,
    body: web::Bytes,
) -> Result<BazaarAction<&'static str>, IdentityError> {
    let params = Params::read(&req, &body)?;
    let mobile = cellphone(&params)?;
    let code = params.optional("code")?.unwrap_or_default().to_string();
    let password = password(&params)?;
    let hash = crate::password::hash(password).await?;
    with_code(&state, &req, mobile, &code, move |c, account, now| {
        let user = account.ok_or(said(StatusCode::NOT_FOUND, "User Not Found"))?;
        users::update(
            c,
            user.id,
            &users::Changes {
                password_hash: Some(Some(hash)),
                changed: Some(now),
                ..Default::default()
            },
        )?;
        users::reset_failures(c, user.id, Lock::Codes)?;
        users::reset_failures(c, user.id, Lock::Passwords)?;
        Ok(())
    })
    .await?;
    Ok(BazaarAction::done("Password changed"))
}

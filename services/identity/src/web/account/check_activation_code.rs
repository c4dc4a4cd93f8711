use super::{cellphone, said, with_code};
use crate::db::{registrations, users, users::Lock};
use crate::error::IdentityError;
use crate::openapi::CodeBody;
use crate::params::Params;
use crate::state::State;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest};
use platform_http::docs::BazaarError;
use platform_http::reply::BazaarAction;

/// Activate a registration with its SMS code (marketplace app)
///
/// `POST /web/user/checkactivationcode` with `username` and `code`: the
/// account is made with the password chosen at registration. The code is
/// a login code of the number, under identity's attempts and locks.
#[utoipa::path(
    post,
    path = "/web/user/checkactivationcode",
    operation_id = "bazaarCheckActivationCode",
    tag = "bazaar account",
    request_body(content = CodeBody, description = "A form, a JSON object, or the query string"),
    responses(
        (status = 200, description = "`User is Activated`", body = BazaarAction<String>),
        (status = 400, description = "A body that cannot be read, or a parameter sent as an array or object", body = BazaarError),
        (status = 403, description = "The account is disabled", body = BazaarError),
        (status = 404, description = "`User is not registered`", body = BazaarError),
        (status = 413, description = "A body over `body_limit`", body = BazaarError),
        (status = 415, description = "A body that is no JSON, form or multipart form", body = BazaarError),
        (status = 422, description = "`Incorrect Code`", body = BazaarError),
        (status = 429, description = "The address is over its failures, or the code lock is on", body = BazaarError),
    )
)]
pub async fn check_activation_code(
    state: web::Data<State>,
    req: HttpRequest,
    body: web::Bytes,
) -> Result<BazaarAction<&'static str>, IdentityError> {
    let params = Params::read(&req, &body)?;
    let mobile = cellphone(&params)?;
    let code = params.optional("code")?.unwrap_or_default().to_string();
    let m = mobile.clone();
    let pending = state
        .db
        .run(move |conn| registrations::by_mobile(conn, &m).map_err(IdentityError::from))
        .await?;
    if pending.is_none() {
        return Err(said(StatusCode::NOT_FOUND, "User is not registered"));
    }
    with_code(
        &state,
        &req,
        mobile.clone(),
        &code,
        move |c, account, now| {
            let Some(registration) = registrations::by_mobile(c, &mobile)? else {
                return Err(said(StatusCode::NOT_FOUND, "User is not registered"));
            };
            let user = match account {
                Some(user) => user,
                None => users::create(c, &mobile, now)?,
            };
            // holding the phone proves the owner: the password they chose
            // at registration is the account's, and both locks start again
            users::update(
                c,
                user.id,
                &users::Changes {
                    password_hash: Some(Some(registration.password_hash)),
                    changed: Some(now),
                    ..Default::default()
                },
            )?;
            registrations::delete(c, &mobile)?;
            users::reset_failures(c, user.id, Lock::Codes)?;
            users::reset_failures(c, user.id, Lock::Passwords)?;
            Ok(())
        },
    )
    .await?;
    Ok(BazaarAction::done("User is Activated"))
}

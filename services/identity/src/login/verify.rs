use super::{may_log_in, resolve};
use crate::client_addr;
use crate::codes::{self, Checked, Purpose};
use crate::db::{self, users, users::Lock};
use crate::error::IdentityError;
use crate::limiter::Bucket;
use crate::openapi::{AcceptLanguage, VerifyBody};
use crate::params::Params;
use crate::state::State;
use crate::tokens;
use actix_web::{web, HttpRequest};
use platform_http::docs::PanelError;
use platform_http::reply::Panel;
use platform_validate::digit_string;

/// Trade a code for an access token
///
/// `POST /api/v1/login/verify`: trades a login code for a token, creating
/// the account on a sign-up.
///
/// A failure counts against the live code (it dies after `max_attempts`)
/// and against the client's address. It counts against the account only as
/// a code guessed wrong, once per code: a verify when no code is live costs
/// the account nothing, so nobody can lock an account without making codes
/// be sent to its owner.
#[utoipa::path(
    post,
    path = "/api/v1/login/verify",
    operation_id = "verifyCode",
    tag = "login",
    params(AcceptLanguage),
    request_body(content = VerifyBody, description = "JSON or a form"),
    responses(
        (status = 200, description = "An access token", body = Panel<tokens::Token>),
        (status = 400, description = "A missing or malformed parameter: the seed's text", body = PanelError),
        (status = 401, description = "Wrong, expired, used or dead code", body = PanelError),
        (status = 403, description = "The account is disabled", body = PanelError),
        (status = 404, description = "No account has this e-mail", body = PanelError),
        (status = 413, description = "A body over `body_limit`", body = PanelError),
        (status = 415, description = "A body that is no JSON, form or multipart form", body = PanelError),
        (status = 429, description = "The address is over its failures, or the account's code lock is on (`Retry-After`)", body = PanelError),
    )
)]
pub async fn verify(
    state: web::Data<State>,
    req: HttpRequest,
    body: web::Bytes,
) -> Result<Panel<tokens::Token>, IdentityError> {
    let params = Params::read(&req, &body)?;
    let username = params.username()?;
    let code = digit_string(params.required("code")?, 1..=12).ok_or(IdentityError::BadFormat)?;
    let client = client_addr::client_key(&state.proxies, &req);
    if state
        .limiter
        .exhausted(&state.db, Bucket::Failures, &client, &state.limits)
        .await?
    {
        return Err(IdentityError::TooSoon {
            retry_after: state.limits.window_left(),
        });
    }
    let st = state.clone();
    let outcome = state
        .db
        .run(move |conn| -> Result<users::User, IdentityError> {
            let now = db::now();
            let (mobile, account) = resolve(conn, &username)?;
            if let Some(user) = &account {
                may_log_in(user, Lock::Codes, now)?;
            }
            let purpose = Purpose::Login {
                mobile: mobile.clone(),
            };
            let code_id = match codes::check(conn, &st, &purpose, &code, now)? {
                Checked::NoLiveCode => return Err(IdentityError::CodeRejected),
                Checked::Wrong { first } => {
                    if let (true, Some(user)) = (first, &account) {
                        users::record_failure(conn, user.id, Lock::Codes, &st.limits, now)?;
                    }
                    return Err(IdentityError::CodeRejected);
                }
                Checked::Right { code_id } => code_id,
            };
            let user = conn.write_transaction(|c| -> Result<_, IdentityError> {
                // of several requests holding the right code, one gets here
                if !db::codes::consume(c, &mobile, &code_id, now)? {
                    return Ok(None);
                }
                // only the verified mobile logs in: a pending change to this
                // number is never an account's login, and a sign-up cancels it
                match users::by_mobile(c, &mobile)? {
                    Some(user) => Ok(Some(user)),
                    None => Ok(Some(users::create(c, &mobile, now)?)),
                }
            })?;
            let user = user.ok_or(IdentityError::CodeRejected)?;
            if user.status != users::ACTIVE {
                return Err(IdentityError::Disabled);
            }
            // holding the phone proves the owner: both locks start again
            users::reset_failures(conn, user.id, Lock::Codes)?;
            users::reset_failures(conn, user.id, Lock::Passwords)?;
            Ok(user)
        })
        .await;
    if let Err(IdentityError::CodeRejected) = &outcome {
        state
            .limiter
            .allow(&state.db, Bucket::Failures, &client, &state.limits)
            .await?;
    }
    Ok(tokens::answer(&state, &outcome?))
}

//! The marketplace app's own account routes (bazaar dialect, the app's
//! messages): sign-up with a password confirmed by an SMS code, password
//! login answering the platform's access token, token checks and renewal,
//! and a password reset by SMS code. Codes are identity's login codes
//! (`crate::codes`): the same length, lifetime, attempts, cooldown,
//! per-address limits and account locks as `/api/v1/login/verify`.

pub mod check_activation_code;
pub mod forget;
pub mod is_login;
pub mod login;
pub mod new_activation_code;
pub mod new_token;
pub mod register;
pub mod reset_password;

use crate::client_addr;
use crate::codes::{self, Checked, Purpose};
use crate::db::{self, users, users::Lock, users::User};
use crate::error::IdentityError;
use crate::limiter::Bucket;
use crate::params::Params;
use crate::state::State;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest};
use platform_auth::Claims;
use platform_db::AnyConnection;
use serde::Serialize;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/user/register").post(register::register))
        .service(
            web::resource("/user/checkactivationcode")
                .post(check_activation_code::check_activation_code),
        )
        .service(
            web::resource("/user/newactivationcode").post(new_activation_code::new_activation_code),
        )
        .service(web::resource("/user/login").post(login::login))
        .service(web::resource("/user/islogin").post(is_login::is_login))
        .service(web::resource("/user/newtoken").post(new_token::new_token))
        .service(web::resource("/user/forget").post(forget::forget))
        .service(web::resource("/user/reset-password").post(reset_password::reset_password));
}

/// The app's refusal in its words.
pub fn said(status: StatusCode, message: &'static str) -> IdentityError {
    IdentityError::Said {
        status,
        message,
        minus_one: false,
    }
}

/// "Cellphone already registered but not activatad" (sic), `data: -1`.
pub fn not_activated() -> IdentityError {
    IdentityError::Said {
        status: StatusCode::UNPROCESSABLE_ENTITY,
        message: "Cellphone already registered but not activatad",
        minus_one: true,
    }
}

/// `username`, the cellphone, normalised to `09XXXXXXXXX`.
pub fn cellphone(params: &Params) -> Result<String, IdentityError> {
    let raw = params.optional("username")?.unwrap_or_default();
    if raw.trim().is_empty() {
        return Err(said(
            StatusCode::UNPROCESSABLE_ENTITY,
            "Username or Password cannot be blank.",
        ));
    }
    platform_validate::iranian_mobile(raw).ok_or(said(
        StatusCode::UNPROCESSABLE_ENTITY,
        "Cellphone is not validated",
    ))
}

/// A password within identity's bounds (8 to 128 characters).
pub fn password(params: &Params) -> Result<String, IdentityError> {
    let raw = params.optional("password")?.unwrap_or_default();
    if raw.is_empty() {
        return Err(said(
            StatusCode::UNPROCESSABLE_ENTITY,
            "Username or Password cannot be blank.",
        ));
    }
    let n = raw.chars().count();
    if !(crate::password::MIN_CHARS..=crate::password::MAX_CHARS).contains(&n) {
        let mut errors = platform_http::fields::FieldErrors::default();
        let rule = if n < crate::password::MIN_CHARS {
            platform_http::rules::Rule::TooShort(crate::password::MIN_CHARS)
        } else {
            platform_http::rules::Rule::TooLong(crate::password::MAX_CHARS)
        };
        errors.add_rule("password", "Password", rule);
        return Err(IdentityError::Invalid(errors));
    }
    Ok(raw.to_string())
}

/// `data` of login and newtoken.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct LoggedIn {
    pub id: i64,
    pub username: String,
    pub token: String,
}

/// A fresh access token for `user`, as `/api/v1/login/verify` gives.
pub fn logged_in(state: &State, user: &User) -> LoggedIn {
    let answer = crate::tokens::answer(state, user);
    LoggedIn {
        id: user.id,
        username: user.mobile.clone(),
        token: answer.body.access_token().to_string(),
    }
}

/// The verified, unrevoked claims of the token the request carries (the
/// `Authorization` header, or the app's `token` parameter, which the
/// gateway leaves on these public routes), when they name `username`'s
/// active account.
pub async fn token_of(
    state: &State,
    req: &HttpRequest,
    params: &Params,
) -> Result<(Claims, User), IdentityError> {
    let invalid = || said(StatusCode::UNAUTHORIZED, "Token is not valid");
    let token = match platform_auth::bearer_token(req) {
        Some(t) => t.to_string(),
        None => params.optional("token")?.unwrap_or_default().to_string(),
    };
    let claims = state
        .keys
        .verify(&token, &state.clock)
        .ok_or_else(invalid)?;
    let username = params.optional("username")?.unwrap_or_default();
    let mobile = platform_validate::iranian_mobile(username).ok_or_else(invalid)?;
    let id: i64 = claims.sub.parse().map_err(|_| invalid())?;
    let jti = claims.jti.clone();
    let user = state
        .db
        .run(move |conn| -> Result<Option<User>, IdentityError> {
            if db::revocations::is_revoked(conn, &jti)? {
                return Ok(None);
            }
            Ok(users::by_id(conn, id)?)
        })
        .await?
        .filter(|u| u.status == users::ACTIVE && u.mobile == mobile)
        .ok_or_else(invalid)?;
    Ok((claims, user))
}

/// Checks `code` as a login code of `mobile`, under identity's rules (the
/// address's failures, the code's attempts, the account's code lock), and
/// on the right code runs `then` in the transaction that consumes it, with
/// the account if there is one. A wrong code is the app's `Incorrect Code`.
pub async fn with_code<T: Send + 'static>(
    state: &web::Data<State>,
    req: &HttpRequest,
    mobile: String,
    code: &str,
    then: impl FnOnce(&mut AnyConnection, Option<User>, i64) -> Result<T, IdentityError>
        + Send
        + 'static,
) -> Result<T, IdentityError> {
    let incorrect = || said(StatusCode::UNPROCESSABLE_ENTITY, "Incorrect Code");
    let code = platform_validate::digit_string(code, 1..=12).ok_or_else(incorrect)?;
    let client = client_addr::client_key(&state.proxies, req);
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
        .run(move |conn| -> Result<T, IdentityError> {
            let now = db::now();
            let account = users::by_mobile(conn, &mobile)?;
            if let Some(user) = &account {
                crate::login::may_log_in(user, Lock::Codes, now)?;
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
            conn.write_transaction(|c| {
                // of several requests holding the right code, one gets here
                if !db::codes::consume(c, &mobile, &code_id, now)? {
                    return Err(IdentityError::CodeRejected);
                }
                let account = users::by_mobile(c, &mobile)?;
                then(c, account, now)
            })
        })
        .await;
    match outcome {
        Err(IdentityError::CodeRejected) => {
            state
                .limiter
                .allow(&state.db, Bucket::Failures, &client, &state.limits)
                .await?;
            Err(incorrect())
        }
        other => other,
    }
}

use super::{cellphone, logged_in, not_activated, said, LoggedIn};
use crate::db::{self, registrations, users, users::Lock};
use crate::error::IdentityError;
use crate::openapi::RegisterBody;
use crate::params::Params;
use crate::state::State;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest};
use platform_http::docs::BazaarError;
use platform_http::reply::BazaarAction;

/// Log in with cellphone and password (marketplace app)
///
/// `POST /web/user/login` with `username` and `password`: `data` holds the
/// account's `id`, `username` and the platform's access `token`, which the
/// app sends on every call. Wrong passwords count against identity's
/// password lock.
#[utoipa::path(
    post,
    path = "/web/user/login",
    operation_id = "bazaarLogin",
    tag = "bazaar account",
    request_body(content = RegisterBody, description = "A form, a JSON object, or the query string"),
    responses(
        (status = 200, description = "`Login Success`", body = BazaarAction<LoggedIn>),
        (status = 400, description = "A body that cannot be read, or a parameter sent as an array or object", body = BazaarError),
        (status = 401, description = "`Username or Password is incorrect`", body = BazaarError),
        (status = 403, description = "The account is disabled", body = BazaarError),
        (status = 404, description = "`User not found`", body = BazaarError),
        (status = 413, description = "A body over `body_limit`", body = BazaarError),
        (status = 415, description = "A body that is no JSON, form or multipart form", body = BazaarError),
        (status = 422, description = "`Cellphone already registered but not activatad` (data -1), or a blank field", body = BazaarError),
        (status = 429, description = "The account's password lock is on", body = BazaarError),
    )
)]
pub async fn login(
    state: web::Data<State>,
    req: HttpRequest,
    body: web::Bytes,
) -> Result<BazaarAction<LoggedIn>, IdentityError> {
    let params = Params::read(&req, &body)?;
    let mobile = cellphone(&params)?;
    let password = params.optional("password")?.unwrap_or_default().to_string();
    if password.is_empty() || password.chars().count() > crate::password::MAX_CHARS {
        return Err(said(
            StatusCode::UNAUTHORIZED,
            "Username or Password is incorrect",
        ));
    }
    let user = state
        .db
        .run(move |conn| -> Result<users::User, IdentityError> {
            if let Some(user) = users::by_mobile(conn, &mobile)? {
                return Ok(user);
            }
            if registrations::by_mobile(conn, &mobile)?.is_some() {
                return Err(not_activated());
            }
            Err(said(StatusCode::NOT_FOUND, "User not found"))
        })
        .await?;
    let now = db::now();
    crate::login::may_log_in(&user, Lock::Passwords, now)?;
    let matches = match user.password_hash.clone() {
        Some(stored) => crate::password::verify(password, stored).await?,
        None => false,
    };
    let (id, st) = (user.id, state.clone());
    state
        .db
        .run(move |conn| -> Result<(), IdentityError> {
            if matches {
                users::reset_failures(conn, id, Lock::Passwords)?;
            } else {
                users::record_failure(conn, id, Lock::Passwords, &st.limits, now)?;
            }
            Ok(())
        })
        .await?;
    if !matches {
        return Err(said(
            StatusCode::UNAUTHORIZED,
            "Username or Password is incorrect",
        ));
    }
    Ok(BazaarAction::new("Login Success", logged_in(&state, &user)))
}

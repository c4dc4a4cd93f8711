use super::{may_log_in, resolve};
use crate::db::{self, users, users::Lock};
use crate::error::IdentityError;
use crate::openapi::{AcceptLanguage, PasswordBody};
use crate::params::Params;
use crate::password;
use crate::state::State;
use crate::tokens;
use actix_web::{web, HttpRequest};
use platform_http::docs::PanelError;
use platform_http::reply::Panel;

/// Log in with a password (accounts that have set one)
///
/// `POST /api/v1/login/password`: for accounts that have set a password.
/// Wrong passwords count against the account's password lock, which never
/// stops its owner from logging in by code.
#[utoipa::path(
    post,
    path = "/api/v1/login/password",
    operation_id = "passwordLogin",
    tag = "login",
    params(AcceptLanguage),
    request_body(content = PasswordBody, description = "JSON or a form"),
    responses(
        (status = 200, description = "An access token", body = Panel<tokens::Token>),
        (status = 400, description = "A missing or malformed parameter: the seed's text", body = PanelError),
        (status = 401, description = "Wrong password, or no password set", body = PanelError),
        (status = 403, description = "The account is disabled", body = PanelError),
        (status = 404, description = "No such account", body = PanelError),
        (status = 413, description = "A body over `body_limit`", body = PanelError),
        (status = 415, description = "A body that is no JSON, form or multipart form", body = PanelError),
        (status = 429, description = "The account's password lock is on; a login by code stays open", body = PanelError),
    )
)]
pub async fn login(
    state: web::Data<State>,
    req: HttpRequest,
    body: web::Bytes,
) -> Result<Panel<tokens::Token>, IdentityError> {
    let params = Params::read(&req, &body)?;
    let username = params.username()?;
    let password = params.required("password")?.to_string();
    if password.is_empty() || password.chars().count() > password::MAX_CHARS {
        return Err(IdentityError::BadFormat);
    }
    let user = state
        .db
        .run(move |conn| match resolve(conn, &username)? {
            (_, Some(user)) => Ok(user),
            (_, None) => Err(IdentityError::UserNotFound),
        })
        .await?;
    let now = db::now();
    may_log_in(&user, Lock::Passwords, now)?;
    let matches = match user.password_hash.clone() {
        Some(stored) => password::verify(password, stored).await?,
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
        return Err(IdentityError::WrongPassword);
    }
    Ok(tokens::answer(&state, &user))
}

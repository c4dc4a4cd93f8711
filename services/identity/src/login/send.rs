use super::{may_log_in, resolve};
use crate::client_addr;
use crate::codes::{self, Purpose};
use crate::db::{self, users::Lock};
use crate::error::IdentityError;
use crate::openapi::{AcceptLanguage, LoginBody};
use crate::params::Params;
use crate::state::State;
use actix_web::{web, HttpRequest};
use platform_http::docs::PanelError;
use platform_http::reply::Panel;
use serde::Serialize;

#[derive(Serialize, utoipa::ToSchema)]
pub struct Sent {
    expires_at: i64,
    message: &'static str,
}

/// Send a verification code by SMS (login or sign-up)
///
/// `username` is a mobile or an e-mail; the code goes to the account's
/// mobile. A mobile without an account is a sign-up: the account is created
/// when its code is verified.
/// `POST /api/v1/login`: sends a code to the account's mobile, or to a new
/// mobile for a sign-up.
#[utoipa::path(
    post,
    path = "/api/v1/login",
    operation_id = "sendCode",
    tag = "login",
    params(AcceptLanguage),
    request_body(content = LoginBody, description = "JSON or a form"),
    responses(
        (status = 201, description = "Code sent", body = Panel<Sent>),
        (status = 400, description = "A missing or malformed parameter: the seed's text", body = PanelError),
        (status = 403, description = "The account is disabled", body = PanelError),
        (status = 404, description = "No account has this e-mail", body = PanelError),
        (status = 413, description = "A body over `body_limit`", body = PanelError),
        (status = 415, description = "A body that is no JSON, form or multipart form", body = PanelError),
        (status = 429, description = "Inside the cooldown, over the address's limit, or the account's code lock is on (`Retry-After`)", body = PanelError),
        (status = 503, description = "The SMS provider did not take the message; no cooldown started", body = PanelError),
    )
)]
pub async fn send(
    state: web::Data<State>,
    req: HttpRequest,
    body: web::Bytes,
) -> Result<Panel<Sent>, IdentityError> {
    let params = Params::read(&req, &body)?;
    let username = params.username()?;
    let (mobile, account) = state.db.run(move |conn| resolve(conn, &username)).await?;
    if let Some(user) = &account {
        may_log_in(user, Lock::Codes, db::now())?;
    }
    let client = client_addr::client_key(&state.proxies, &req);
    let expires_at = codes::send(&state, &Purpose::Login { mobile }, &client).await?;
    Ok(Panel::new(
        201,
        Sent {
            expires_at,
            message: "کد تایید ارسال شد",
        },
    ))
}

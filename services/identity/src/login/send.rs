use super::{may_log_in, resolve};
use crate::client_addr;
use crate::codes::{self, Purpose};
use crate::db::{self, users::Lock};
use crate::error::IdentityError;
use crate::params::Params;
use crate::state::State;
use crate::username::Username;
use actix_web::{web, HttpRequest};
use platform_http::reply::Panel;
use serde::Serialize;

#[derive(Serialize)]
pub struct Sent {
    expires_at: i64,
    message: &'static str,
}

/// `POST /api/v1/login`: sends a code to the account's mobile, or to a new
/// mobile for a sign-up.
pub async fn send(
    state: web::Data<State>,
    req: HttpRequest,
    body: web::Bytes,
) -> Result<Panel<Sent>, IdentityError> {
    let params = Params::read(&req, &body)?;
    let username = Username::parse(params.required("username")?).ok_or(IdentityError::BadFormat)?;
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

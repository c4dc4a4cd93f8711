use super::{may_log_in, resolve};
use crate::db::{self, codes::LOGIN};
use crate::error::IdentityError;
use crate::state::State;
use crate::username::Username;
use crate::{client_addr, codes};
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;
use serde_json::json;

#[derive(Deserialize)]
pub struct Body {
    username: String,
}

/// `POST /api/v1/login`: sends a code to the account's mobile, or to a new
/// mobile for a sign-up.
pub async fn send(
    state: web::Data<State>,
    req: HttpRequest,
    body: web::Json<Body>,
) -> Result<HttpResponse, IdentityError> {
    let username = Username::parse(&body.username).ok_or(IdentityError::BadFormat)?;
    let (receptor, account) = state.db.run(move |conn| resolve(conn, &username)).await?;
    if let Some(user) = &account {
        may_log_in(user, db::now())?;
    }
    let client = client_addr::client_key(&state.proxies, &req);
    let expires_at = codes::send(&state, &receptor, LOGIN, None, &client).await?;
    Ok(HttpResponse::Created().json(json!({
        "status": 201,
        "expires_at": expires_at,
        "message": "کد تایید ارسال شد",
    })))
}

use super::{may_log_in, resolve};
use crate::db::{self, users};
use crate::error::IdentityError;
use crate::password;
use crate::state::State;
use crate::tokens;
use crate::username::Username;
use actix_web::{web, HttpResponse};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Body {
    username: String,
    password: String,
}

/// `POST /api/v1/login/password`: for accounts that have set a password.
pub async fn login(
    state: web::Data<State>,
    body: web::Json<Body>,
) -> Result<HttpResponse, IdentityError> {
    let Body { username, password } = body.into_inner();
    let username = Username::parse(&username).ok_or(IdentityError::BadFormat)?;
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
    may_log_in(&user, now)?;
    let matches = match user.password_hash.clone() {
        Some(stored) => password::verify(password, stored).await?,
        None => false,
    };
    let (id, st) = (user.id, state.clone());
    state
        .db
        .run(move |conn| -> Result<(), IdentityError> {
            if matches {
                users::reset_failures(conn, id)?;
            } else {
                users::record_failure(conn, id, &st.limits, now)?;
            }
            Ok(())
        })
        .await?;
    if !matches {
        return Err(IdentityError::WrongPassword);
    }
    Ok(tokens::answer(&state, &user))
}

use super::{may_log_in, resolve};
use crate::db::{self, codes::MOBILE, users};
use crate::error::IdentityError;
use crate::state::State;
use crate::tokens;
use crate::username::Username;
use actix_web::{web, HttpResponse};
use platform_validate::digit_string;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Body {
    username: String,
    code: String,
}

/// `POST /api/v1/login/verify`: trades a code for a token, creating the
/// account on a sign-up and confirming a pending mobile.
pub async fn verify(
    state: web::Data<State>,
    body: web::Json<Body>,
) -> Result<HttpResponse, IdentityError> {
    let username = Username::parse(&body.username).ok_or(IdentityError::BadFormat)?;
    let code = digit_string(&body.code, 1..=12).ok_or(IdentityError::BadFormat)?;
    let st = state.clone();
    let user = state
        .db
        .run(move |conn| -> Result<users::User, IdentityError> {
            let now = db::now();
            let (receptor, account) = resolve(conn, &username)?;
            if let Some(user) = &account {
                may_log_in(user, now)?;
            }
            let failed =
                |conn: &mut platform_db::AnyConnection| -> Result<users::User, IdentityError> {
                    if let Some(user) = &account {
                        users::record_failure(conn, user.id, &st.limits, now)?;
                    }
                    Err(IdentityError::CodeRejected)
                };
            let Some(live) = db::codes::current(conn, &receptor)? else {
                return failed(conn);
            };
            let max = st.code.max_attempts;
            if !db::codes::take_attempt(conn, &receptor, &live.code_id, max, now)?
                || !st.hasher.matches(&receptor, &code, &live.code_hash)
            {
                return failed(conn);
            }
            let user = conn.write_transaction(|c| -> Result<_, IdentityError> {
                // of several requests holding the right code, one gets here
                if !db::codes::consume(c, &receptor, &live.code_id, now)? {
                    return Ok(None);
                }
                if let Some(user) = users::by_mobile(c, &receptor)? {
                    return Ok(Some(user));
                }
                if let (MOBILE, Some(id)) = (live.purpose.as_str(), live.user_id) {
                    if users::confirm_pending_mobile(c, id, &receptor, now)? {
                        return Ok(users::by_id(c, id)?);
                    }
                }
                Ok(Some(users::create(c, &receptor, now)?))
            })?;
            let user = user.ok_or(IdentityError::CodeRejected)?;
            if user.status != users::ACTIVE {
                return Err(IdentityError::Disabled);
            }
            users::reset_failures(conn, user.id)?;
            Ok(user)
        })
        .await?;
    Ok(tokens::answer(&state, &user))
}

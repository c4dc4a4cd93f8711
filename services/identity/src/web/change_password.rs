use super::rules::Rules;
use super::success;
use crate::auth::CurrentUser;
use crate::db::{self, users, users::Lock};
use crate::error::IdentityError;
use crate::openapi::{BazaarQuery, ChangePasswordBody};
use crate::params::Params;
use crate::password;
use crate::state::State;
use actix_web::{web, HttpRequest};
use platform_http::docs::BazaarError;
use platform_http::fields::{FieldErrors, Text};
use platform_http::reply::BazaarAction;

/// Change password (bazaar app)
///
/// `POST /web/user/change-password` with `old_password` and `new_password`.
/// An account that has never set a password (it logs in by code) sets its
/// first one without `old_password`. A wrong old password counts as a failed
/// login, so a stolen token cannot be used to guess the password freely.
#[utoipa::path(
    post,
    path = "/web/user/change-password",
    operation_id = "changePassword",
    tag = "bazaar",
    params(BazaarQuery),
    request_body(content = ChangePasswordBody, description = "A form, a JSON object, or the query string"),
    security(("bearer" = []), ("token" = [])),
    responses(
        (status = 200, description = "Changed", body = BazaarAction<String>),
        (status = 400, description = "A parameter that cannot be read", body = BazaarError),
        (status = 401, description = "`not login`: no valid token, or a `username` that is not the token's", body = BazaarError),
        (status = 413, description = "A body over `body_limit`", body = BazaarError),
        (status = 415, description = "A body that is no JSON, form or multipart form", body = BazaarError),
        (status = 422, description = "`Server Error` with every message listed", body = BazaarError),
        (status = 429, description = "The account's password lock is on", body = BazaarError),
    )
)]
pub async fn change_password(
    caller: CurrentUser,
    state: web::Data<State>,
    req: HttpRequest,
    body: web::Bytes,
) -> Result<BazaarAction<&'static str>, IdentityError> {
    let params = Params::read(&req, &body)?;
    let user = caller.user;
    let now = db::now();
    if let Some(retry_after) = user.locked_for(Lock::Passwords, now) {
        return Err(IdentityError::Locked { retry_after });
    }
    let mut rules = Rules::new(&params);
    let old = match &user.password_hash {
        Some(_) => rules.required_secret("old_password", "Old Password", 1, password::MAX_CHARS),
        None => None,
    };
    let new = rules.required_secret(
        "new_password",
        "New Password",
        password::MIN_CHARS,
        password::MAX_CHARS,
    );
    let (Some(new), true) = (new, rules.problems.is_empty()) else {
        return Err(IdentityError::Invalid(rules.problems));
    };
    if let (Some(stored), Some(old)) = (user.password_hash.clone(), old) {
        if !password::verify(old, stored).await? {
            let (id, st) = (user.id, state.clone());
            state
                .db
                .run(move |conn| {
                    users::record_failure(conn, id, Lock::Passwords, &st.limits, now)
                        .map_err(IdentityError::from)
                })
                .await?;
            return Err(IdentityError::Invalid(FieldErrors::single(
                "old_password",
                Text::new("رمز عبور فعلی اشتباه است", "Old Password is incorrect."),
            )));
        }
    }
    let changes = users::Changes {
        password_hash: Some(Some(password::hash(new).await?)),
        changed: Some(now),
        ..Default::default()
    };
    let id = user.id;
    state
        .db
        .run(move |conn| -> Result<(), IdentityError> {
            users::update(conn, id, &changes)?;
            users::reset_failures(conn, id, Lock::Passwords)?;
            Ok(())
        })
        .await?;
    Ok(success("password changed successfully"))
}

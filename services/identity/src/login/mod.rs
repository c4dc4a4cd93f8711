//! Logging in: a code by SMS (`/login`, `/login/verify`), a password
//! (`/login/password`), and logging out (`/logout`).

pub mod logout;
pub mod password;
pub mod send;
pub mod verify;

use crate::db::users::{self, Lock, User, ACTIVE};
use crate::error::IdentityError;
use crate::username::Username;
use actix_web::web;
use platform_db::AnyConnection;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/login").post(send::send))
        .service(web::resource("/login/verify").post(verify::verify))
        .service(web::resource("/login/password").post(password::login))
        .service(web::resource("/logout").get(logout::logout));
}

/// The mobile that codes for `username` go to, and the account, if any. A
/// mobile without an account is a sign-up; an e-mail without one is 404.
fn resolve(
    conn: &mut AnyConnection,
    username: &Username,
) -> Result<(String, Option<User>), IdentityError> {
    match username {
        Username::Mobile(mobile) => Ok((mobile.clone(), users::by_mobile(conn, mobile)?)),
        Username::Email(email) => {
            let user = users::by_email(conn, email)?.ok_or(IdentityError::UserNotFound)?;
            Ok((user.mobile.clone(), Some(user)))
        }
    }
}

/// Refuses disabled accounts, and accounts whose `lock` is on, before any
/// code or password is looked at, so a lock also stops guessing.
pub(crate) fn may_log_in(user: &User, lock: Lock, now: i64) -> Result<(), IdentityError> {
    if user.status != ACTIVE {
        return Err(IdentityError::Disabled);
    }
    match user.locked_for(lock, now) {
        Some(retry_after) => Err(IdentityError::Locked { retry_after }),
        None => Ok(()),
    }
}

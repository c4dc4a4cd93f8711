//! The bazaar app's account routes (seed 000), in its dialect. The app sends
//! `username`, `token`, `x` and `y` with every call; the gateway turns
//! `token` into the Authorization header, and the token alone says who the
//! caller is.

pub mod account;
pub mod change_password;
pub mod confirm_email;
pub mod edit;
mod rules;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/user/edit").post(edit::edit))
        .service(web::resource("/user/change-password").post(change_password::change_password))
        .service(web::resource("/user/confirm-email").post(confirm_email::confirm_email))
        .configure(account::configure);
}

/// The bazaar app's success body, with nothing to give back.
fn success(message: &str) -> platform_http::reply::BazaarAction<&'static str> {
    platform_http::reply::BazaarAction::done(message)
}

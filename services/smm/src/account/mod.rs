//! The account's own wallet keys: `POST /api/v1/user/api_key` (an
//! addition) and identity's internal read of the wallet fields.

pub mod api_key;
pub mod internal;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    // one resource per path: another method is a 405, not a 404
    cfg.service(web::resource("/api/v1/user/api_key").route(web::post().to(api_key::rotate)));
    cfg.service(
        web::resource("/internal/wallets/{user_id}").route(web::get().to(internal::wallet)),
    );
}

//! The account's own wallet keys: `POST /api/v1/user/api_key` (an
//! addition) and identity's internal read of the wallet fields.

pub mod api_key;
pub mod internal;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/api/v1/user/api_key", web::post().to(api_key::rotate))
        .route(
            "/internal/wallets/{user_id}",
            web::get().to(internal::wallet),
        );
}

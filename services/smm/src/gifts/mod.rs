//! The wheel of fortune and gifts (seed 002): operators define gifts (a
//! service that is not drip-feed, a quantity range, an active flag); a
//! spin (`GET /api/v1/user/wof`, once a day and a monthly maximum) wins
//! one for a while; using it (`POST /api/v1/user/gifts`) places a free
//! order of `"type":"mobile_app_gift"`, once.

pub mod admin_create;
pub mod admin_list;
pub mod list;
pub mod model;
pub mod use_gift;
pub mod wheel;

use crate::SmmError;
use actix_web::http::StatusCode;
use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/api/v1/user/wof", web::get().to(wheel::spin))
        .route("/api/v1/user/gifts", web::get().to(list::list))
        .route("/api/v1/user/gifts", web::post().to(use_gift::use_gift))
        .route("/api/v1/admin/gifts", web::post().to(admin_create::create))
        .route("/api/v1/admin/gifts", web::get().to(admin_list::list));
}

pub fn dripfeed_refused() -> SmmError {
    SmmError::refused(
        StatusCode::UNPROCESSABLE_ENTITY,
        "gift_dripfeed",
        "سرویس دریپ فید را نمی توان هدیه داد",
        "You can not gift dripfeed service",
    )
}

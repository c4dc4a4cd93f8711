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
    // one resource per path: another method is a 405, not a 404
    cfg.service(web::resource("/api/v1/user/wof").route(web::get().to(wheel::spin)));
    cfg.service(
        web::resource("/api/v1/user/gifts")
            .route(web::get().to(list::list))
            .route(web::post().to(use_gift::use_gift)),
    );
    cfg.service(
        web::resource("/api/v1/admin/gifts")
            .route(web::post().to(admin_create::create))
            .route(web::get().to(admin_list::list)),
    );
}

pub fn dripfeed_refused() -> SmmError {
    SmmError::refused(
        StatusCode::UNPROCESSABLE_ENTITY,
        "gift_dripfeed",
        "سرویس دریپ فید را نمی توان هدیه داد",
        "You can not gift dripfeed service",
    )
}

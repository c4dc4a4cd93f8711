//! The operators' API (the `admin` role; anyone else 403 "منع دسترسی"),
//! panel dialect, JSON or form bodies: the catalog, providers, wallets,
//! orders that need a hand, and the books' check.

pub mod categories;
pub mod orders;
pub mod providers;
pub mod reconcile;
pub mod services;
pub mod wallets;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    // one resource per path: another method is a 405, not a 404
    cfg.service(
        web::resource("/api/v1/admin/categories").route(web::post().to(categories::create)),
    );
    cfg.service(
        web::resource("/api/v1/admin/categories/{id}").route(web::put().to(categories::update)),
    );
    cfg.service(web::resource("/api/v1/admin/services").route(web::post().to(services::create)));
    cfg.service(
        web::resource("/api/v1/admin/services/{id}").route(web::put().to(services::update)),
    );
    cfg.service(
        web::resource("/api/v1/admin/providers")
            .route(web::post().to(providers::create))
            .route(web::get().to(providers::list)),
    );
    cfg.service(
        web::resource("/api/v1/admin/providers/{id}/import")
            .route(web::post().to(providers::import)),
    );
    cfg.service(
        web::resource("/api/v1/admin/providers/{id}/balance")
            .route(web::post().to(providers::refresh)),
    );
    cfg.service(
        web::resource("/api/v1/admin/wallets/{user_id}").route(web::post().to(wallets::adjust)),
    );
    cfg.service(web::resource("/api/v1/admin/orders").route(web::get().to(orders::list)));
    cfg.service(
        web::resource("/api/v1/admin/orders/{id}/status").route(web::post().to(orders::set_status)),
    );
    cfg.service(
        web::resource("/api/v1/admin/orders/{id}/resend").route(web::post().to(orders::resend)),
    );
    cfg.service(web::resource("/api/v1/admin/reconcile").route(web::get().to(reconcile::check)));
}

/// A path id that is a positive number, or the answer `missing` gives.
pub fn path_id(
    raw: &str,
    missing: impl FnOnce() -> crate::SmmError,
) -> Result<i64, crate::SmmError> {
    raw.trim()
        .parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(missing)
}

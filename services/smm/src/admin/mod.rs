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
    cfg.route(
        "/api/v1/admin/categories",
        web::post().to(categories::create),
    )
    .route(
        "/api/v1/admin/categories/{id}",
        web::put().to(categories::update),
    )
    .route("/api/v1/admin/services", web::post().to(services::create))
    .route(
        "/api/v1/admin/services/{id}",
        web::put().to(services::update),
    )
    .route("/api/v1/admin/providers", web::post().to(providers::create))
    .route("/api/v1/admin/providers", web::get().to(providers::list))
    .route(
        "/api/v1/admin/providers/{id}/import",
        web::post().to(providers::import),
    )
    .route(
        "/api/v1/admin/providers/{id}/balance",
        web::post().to(providers::refresh),
    )
    .route(
        "/api/v1/admin/wallets/{user_id}",
        web::post().to(wallets::adjust),
    )
    .route("/api/v1/admin/orders", web::get().to(orders::list))
    .route(
        "/api/v1/admin/orders/{id}/status",
        web::post().to(orders::set_status),
    )
    .route(
        "/api/v1/admin/orders/{id}/resend",
        web::post().to(orders::resend),
    )
    .route("/api/v1/admin/reconcile", web::get().to(reconcile::check));
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

//! `/web/admin/…`: operators (the kit's `admin` role) create the catalog
//! and the platform's broadcasts, in the bazaar dialect:
//! `{"status":"success","message":"created","data":{"id":N,...}}`.

pub mod broadcasts;
pub mod catalog;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/web/admin/bazzars", web::post().to(catalog::create_bazzar))
        .route("/web/admin/malls", web::post().to(catalog::create_mall))
        .route("/web/admin/stores", web::post().to(catalog::create_store))
        .route(
            "/web/admin/products",
            web::post().to(catalog::create_product),
        )
        .route(
            "/web/admin/broadcasts",
            web::post().to(broadcasts::create_broadcast),
        );
}

pub const NAME_MAX: usize = 255;
pub const IMAGE_MAX: usize = 1000;

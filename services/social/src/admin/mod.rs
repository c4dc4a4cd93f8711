//! `/web/admin/…`: operators (the kit's `admin` role) create the catalog
//! and the platform's broadcasts, in the bazaar dialect:
//! `{"status":"success","message":"created","data":{"id":N,...}}`.

pub mod broadcasts;
pub mod catalog;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/web/admin/bazzars").post(catalog::bazzars::create_bazzar))
        .service(web::resource("/web/admin/malls").post(catalog::malls::create_mall))
        .service(web::resource("/web/admin/stores").post(catalog::stores::create_store))
        .service(web::resource("/web/admin/products").post(catalog::products::create_product))
        .service(web::resource("/web/admin/broadcasts").post(broadcasts::create_broadcast));
}

pub const NAME_MAX: usize = 255;
pub const IMAGE_MAX: usize = 1000;

//! `/omartyapis/admin`: operators create the structure (buildings, their
//! blocks, the blocks' apartments); operators and a building's manager
//! add and remove its residents.

pub mod add_resident;
pub mod create_apartment;
pub mod create_block;
pub mod create_building;
mod fields;
pub mod remove_resident;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/omartyapis/admin/buildings").post(create_building::create_building),
    )
    .service(
        web::resource("/omartyapis/admin/buildings/{building_id}/blocks")
            .post(create_block::create_block),
    )
    .service(
        web::resource("/omartyapis/admin/blocks/{block_id}/apartments")
            .post(create_apartment::create_apartment),
    )
    .service(
        web::resource("/omartyapis/admin/apartments/{apartment_id}/residents")
            .post(add_resident::add_resident),
    )
    .service(
        web::resource("/omartyapis/admin/apartments/{apartment_id}/residents/{user_id}")
            .delete(remove_resident::remove_resident),
    );
}

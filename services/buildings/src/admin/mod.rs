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
    cfg.route(
        "/omartyapis/admin/buildings",
        web::post().to(create_building::create_building),
    )
    .route(
        "/omartyapis/admin/buildings/{building_id}/blocks",
        web::post().to(create_block::create_block),
    )
    .route(
        "/omartyapis/admin/blocks/{block_id}/apartments",
        web::post().to(create_apartment::create_apartment),
    )
    .route(
        "/omartyapis/admin/apartments/{apartment_id}/residents",
        web::post().to(add_resident::add_resident),
    )
    .route(
        "/omartyapis/admin/apartments/{apartment_id}/residents/{user_id}",
        web::delete().to(remove_resident::remove_resident),
    );
}

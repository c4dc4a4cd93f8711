//! `/v1/customers`: the customers of the calling account.

pub mod create;
pub mod delete;
mod fields;
pub mod list;
pub mod model;
mod paging;
pub mod read;
pub mod reply;
pub mod update;

use actix_web::web;

/// The document's curl examples end the collection path with a slash, so
/// both spellings are served, and likewise for one customer.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource(["/v1/customers", "/v1/customers/"])
            .route(web::post().to(create::create))
            .route(web::get().to(list::list)),
    )
    .service(
        web::resource(["/v1/customers/{id}", "/v1/customers/{id}/"])
            .route(web::get().to(read::read))
            .route(web::put().to(update::update))
            .route(web::delete().to(delete::delete)),
    );
}

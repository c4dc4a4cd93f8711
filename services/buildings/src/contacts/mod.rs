//! A user's secondary contacts (seed 004): added through the dispatcher
//! (`api=AddContact`), listed and deleted through it or as plain REST.

pub mod add;
pub mod delete;
mod fields;
pub mod keyed;
pub mod list;
pub mod phone;
mod store;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource(["/omartyapis/contacts", "/omartyapis/contacts/"])
            .route(web::get().to(list::list))
            .route(web::delete().to(delete::delete)),
    );
}

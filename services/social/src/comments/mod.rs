//! Comments on bazzars, malls, stores, products and users: written with
//! `/web/user/add-comment`, read as the caller's own
//! (`/web/{target}-user-comments`) or, with `id`, as everyone's on one
//! target.

pub mod add;
pub mod list;
pub mod store;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/web/user/add-comment").post(add::add_comment))
        .service(web::resource("/web/{target}-user-comments").get(list::list));
}

/// Longest comment text, pros or cons (the 1 MB text is a 413 before).
pub const TEXT_MAX: usize = 5000;

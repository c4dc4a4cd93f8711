//! Comments on bazzars, malls, stores, products and users: written with
//! `/web/user/add-comment`, read as the caller's own
//! (`/web/{target}-user-comments`) or, with `id`, as everyone's on one
//! target.

pub mod add;
pub mod list;
pub mod store;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/web/user/add-comment", web::post().to(add::add_comment))
        .route("/web/{target}-user-comments", web::get().to(list::list));
}

/// Longest comment text, pros or cons (the 1 MB text is a 413 before).
pub const TEXT_MAX: usize = 5000;

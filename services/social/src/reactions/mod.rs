//! Likes, dislikes, favorites, notification subscriptions and views: the
//! caller adds and deletes them (`/web/user/add-…`, `/web/user/delete-…`),
//! lists their own (`/web/{target}-user-{kind}`) and asks whether they did
//! (`/web/user/is-true`).

pub mod add;
pub mod delete;
pub mod is_true;
pub mod kind;
pub mod list;
mod postgres;
pub mod store;
pub mod view;

use crate::catalog::{Kind, Target};
use crate::input::Params;
use crate::SocialError;
use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/web/user/add-view").post(view::add_view))
        .service(
            web::resource("/web/user/add-{kind:like|dislike|favorite|notification}").post(add::add),
        )
        .service(
            web::resource("/web/user/delete-{kind:like|dislike|favorite|notification}")
                .post(delete::delete),
        )
        .service(web::resource("/web/user/is-true").post(is_true::is_true));
}

/// The lists' routes, after the comments' (`/web/{target}-user-comments`).
pub fn configure_lists(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/web/{target}-user-{kind}").get(list::list));
}

/// `target` and `id` of an action: an unknown kind is `Invalid Target`
/// (before any other complaint); a missing or non-numeric id is listed.
pub fn target_of(params: &mut Params, commentable: bool) -> Result<Option<Target>, SocialError> {
    let name = params.required_text("target", 16, false);
    let kind = match name.as_deref() {
        Some(name) if commentable => Some(Kind::commentable(name)?),
        Some(name) => Some(Kind::catalog(name)?),
        None => None,
    };
    let id = params.required_id("id");
    Ok(kind.zip(id).map(|(kind, id)| Target { kind, id }))
}

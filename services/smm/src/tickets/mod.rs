//! Support tickets (seed 002): the user opens, reads and replies to their
//! own under `/api/v1/user/tickets`; operators list the open ones, answer
//! and close them under `/api/v1/admin/tickets`, and an answer notifies
//! the user. A ticket's `user` is the seed's user object, from what smm
//! knows (the wallet) and what identity shows (names, the masked mobile).

pub mod admin_list;
pub mod answer;
pub mod create;
pub mod list;
pub mod model;
pub mod read;
pub mod reply;

use crate::SmmError;
use actix_web::http::StatusCode;
use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    // one resource per path: another method is a 405, not a 404
    cfg.service(
        web::resource("/api/v1/user/tickets")
            .route(web::get().to(list::list))
            .route(web::post().to(create::create)),
    );
    cfg.service(
        web::resource("/api/v1/user/tickets/{id}")
            .route(web::get().to(read::read))
            .route(web::post().to(reply::reply)),
    );
    cfg.service(web::resource("/api/v1/admin/tickets").route(web::get().to(admin_list::list)));
    cfg.service(web::resource("/api/v1/admin/tickets/{id}").route(web::post().to(answer::answer)));
}

/// A ticket's `status`.
pub mod status {
    pub const NEW: &str = "new";
    /// The user wrote last.
    pub const PENDING: &str = "pending";
    pub const ANSWERED: &str = "answered";
    pub const CLOSED: &str = "closed";
}

pub fn bad_parameters() -> SmmError {
    SmmError::refused(
        StatusCode::BAD_REQUEST,
        "invalid_parameters",
        "پارامتر های وارد شده اشتباه هستند",
        "The parameters are not valid",
    )
}

pub fn not_found() -> SmmError {
    SmmError::refused(
        StatusCode::NOT_FOUND,
        "ticket_not_found",
        "تیکت مورد نظر یافت نشد",
        "No such ticket",
    )
}

pub fn closed() -> SmmError {
    SmmError::refused(
        StatusCode::UNPROCESSABLE_ENTITY,
        "ticket_closed",
        "این تیکت بسته شده است",
        "This ticket is closed",
    )
}

/// Longest subject and message taken.
pub const MAX_SUBJECT: usize = 255;
pub const MAX_MESSAGE: usize = 10_000;

//! The building dialect's answer whose `message` is more than text: the
//! document's refusal of an `AddContact` with both contacts, which lists
//! the user's contacts and the error in `message`. The kit's
//! `BuildingMessage` carries text only.

use actix_web::body::BoxBody;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, Responder};
use serde::Serialize;

/// `{"status":N,"message":T}` with N on the status line too.
#[derive(Debug, Serialize)]
pub struct Refusal<T> {
    pub status: u16,
    pub message: T,
}

impl<T: Serialize> Responder for Refusal<T> {
    type Body = BoxBody;
    fn respond_to(self, _: &HttpRequest) -> HttpResponse {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::BAD_REQUEST);
        HttpResponse::build(status).json(self)
    }
}

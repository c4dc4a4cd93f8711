//! `GET /ws`: the real-time socket. The handshake is authenticated like
//! any request (the gateway forwards the verified token); a refused one
//! never upgrades.

mod connection;
pub mod protocol;

use crate::error::ChatError;
use crate::input;
use crate::state::State;
use actix_web::{web, HttpRequest, HttpResponse};
use platform_auth::{Authenticated, RevocationCheck};
use platform_service::BaseError;

/// The largest frame a client may send.
const MAX_FRAME: usize = 64 * 1024;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/ws").get(open));
}

async fn open(
    req: HttpRequest,
    body: web::Payload,
    Authenticated(claims): Authenticated,
    state: web::Data<State>,
) -> Result<HttpResponse, ChatError> {
    let user = input::caller(&claims)?;
    let revocations = req
        .app_data::<web::Data<dyn RevocationCheck>>()
        .map(|d| d.clone().into_inner());
    let (res, session, stream) = actix_ws::handle(&req, body).map_err(|_| {
        ChatError::Base(BaseError::Unreadable(
            platform_http::fields::FieldErrors::single(
                "upgrade",
                platform_http::rules::Rule::Invalid,
            ),
        ))
    })?;
    let stream = stream
        .max_frame_size(MAX_FRAME)
        .aggregate_continuations()
        .max_continuation_size(MAX_FRAME);
    actix_web::rt::spawn(connection::run(
        state.into_inner(),
        user,
        claims,
        revocations,
        session,
        stream,
    ));
    Ok(res)
}

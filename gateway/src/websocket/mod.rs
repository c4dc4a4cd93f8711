//! WebSocket routes: the handshake is authenticated and rate-limited like
//! any request (the handler has done both), refused before the upgrade in
//! the route's dialect, capped per user, and then relayed frame by frame
//! to the service (`relay`). Sockets whose token is revoked or expires are
//! closed by the registry's sweeper.

pub mod registry;
mod relay;
mod upstream;

use crate::routes::Route;
use crate::Gateway;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use platform_auth::Claims;
use platform_http::{Dialect, Lang};
use std::sync::Arc;

pub use registry::Registry;

/// What the handler decided, for the relay.
pub struct Handshake<'a> {
    pub claims: Arc<Claims>,
    pub token: &'a str,
    pub client_ip: std::net::IpAddr,
    /// The query as the service gets it (without the token).
    pub query: &'a str,
}

fn error(dialect: Dialect, status: StatusCode, lang: Lang) -> HttpResponse {
    dialect.error(
        status,
        platform_http::extract::message_for(dialect, status, lang),
        None,
    )
}

/// True when the request asks to become a WebSocket.
fn is_upgrade(req: &HttpRequest) -> bool {
    req.headers()
        .get("upgrade")
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"websocket"))
}

pub async fn relay(
    req: &HttpRequest,
    payload: web::Payload,
    route: &Route,
    gw: &Gateway,
    hs: Handshake<'_>,
) -> HttpResponse {
    let lang = Lang::of(req);
    if !is_upgrade(req) {
        return error(route.dialect, StatusCode::BAD_REQUEST, lang);
    }
    let Some((id, signal)) = gw.sockets.admit(Arc::clone(&hs.claims), gw.ws.max_per_user) else {
        return error(route.dialect, StatusCode::TOO_MANY_REQUESTS, lang);
    };
    // the service first: a socket it refuses is refused before the upgrade
    let up = match upstream::connect(
        req,
        route,
        hs.query,
        hs.token,
        hs.client_ip,
        gw.ws.max_frame_bytes,
    )
    .await
    {
        Ok(up) => up,
        Err(refused) => {
            gw.sockets.remove(id);
            return match refused {
                upstream::Refused::Answered(status, body) => HttpResponse::build(
                    StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_GATEWAY),
                )
                .content_type("application/json")
                .body(body),
                upstream::Refused::Unreachable(e) => {
                    log::warn!("upstream {} refused a socket: {e}", route.upstream_name);
                    error(route.dialect, StatusCode::BAD_GATEWAY, lang)
                }
            };
        }
    };
    let (res, session, stream) = match actix_ws::handle(req, payload) {
        Ok(parts) => parts,
        Err(_) => {
            gw.sockets.remove(id);
            return error(route.dialect, StatusCode::BAD_REQUEST, lang);
        }
    };
    let stream = stream
        .max_frame_size(gw.ws.max_frame_bytes)
        .aggregate_continuations()
        .max_continuation_size(gw.ws.max_frame_bytes);
    let sockets = Arc::clone(&gw.sockets);
    let settings = gw.ws.clone();
    actix_web::rt::spawn(async move {
        relay::pump(session, stream, up, signal, settings).await;
        sockets.remove(id);
    });
    res
}

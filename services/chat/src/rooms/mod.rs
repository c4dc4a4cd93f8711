//! Building residents' rooms, read by the building app in its own
//! dialect; messages are the chats' (same model, same socket).

pub mod list;
pub mod messages;
pub mod sync;

use actix_web::web;
use platform_http::Dialect;

/// Bodies are small here: the routes read none.
const BODY_LIMIT: usize = 64 * 1024;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("/omartyapis/chat")
            .app_data(Dialect::Building)
            .configure(platform_http::extract::configure(
                Dialect::Building,
                BODY_LIMIT,
            ))
            .service(web::resource("/rooms").get(list::list))
            .service(web::resource("/rooms/{id}/messages").get(messages::list)),
    );
}

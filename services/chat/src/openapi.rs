//! The public API as the code describes it: `proto-docs/chat.yaml` is
//! [`document`]'s output (`cargo run -p stack --bin openapi` writes it; a
//! test fails when the file differs).

use crate::{chats, messages, rooms};
use platform_http::docs::TokenSecurity;
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Chat API",
        version = "1",
        description = include_str!("openapi.md")
    ),
    servers((url = "http://127.0.0.1:8080", description = "the gateway of the embedded stack")),
    paths(
        chats::list::list,
        chats::start::start,
        chats::accept::accept,
        chats::finish::finish,
        chats::store_list::list,
        messages::list::list,
        messages::send::send,
        messages::read::read,
        rooms::list::list,
        rooms::messages::list,
    ),
    components(schemas(platform_http::docs::BazaarError, platform_http::docs::PanelError)),
    modifiers(&SECURITY),
    tags(
        (name = "chats", description = "A buyer's chats with stores, and a store's chats"),
        (name = "messages", description = "A chat's messages"),
        (name = "rooms", description = "Building residents' rooms (building dialect)"),
    )
)]
pub struct ApiDoc;

/// The bazaar apps' `token` query parameter, or `Authorization: Bearer`.
const SECURITY: TokenSecurity = TokenSecurity {
    scheme: "token",
    parameter: "token",
};

/// The document, as YAML.
pub fn document() -> String {
    ApiDoc::openapi()
        .to_yaml()
        .unwrap_or_else(|e| format!("# the document could not be written: {e}\n"))
}

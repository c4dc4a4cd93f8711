//! The public API as the code describes it: `proto-docs/chat.yaml` is
//! [`document`]'s output (`cargo run -p stack --bin openapi` writes it; a
//! test fails when the file differs).

use crate::chats::view::ChatItem;
use crate::conversation::MessageItem;
use crate::{chats, messages, rooms};
use platform_http::docs::APP_TOKEN;
use utoipa::{OpenApi, ToSchema};

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
    modifiers(&APP_TOKEN),
    tags(
        (name = "chats", description = "A buyer's chats with stores, and a store's chats"),
        (name = "messages", description = "A chat's messages"),
        (name = "rooms", description = "Building residents' rooms (building dialect)"),
    )
)]
pub struct ApiDoc;

/// The document, as YAML.
pub fn document() -> String {
    platform_http::docs::yaml::<ApiDoc>()
}

macro_rules! yii_list {
    ($name:ident, $item:ty) => {
        /// A Yii2 list: `items`, `_links` (`self`, `next`, `last`) and `_meta`.
        #[derive(ToSchema)]
        #[expect(
            dead_code,
            reason = "a schema only: platform_http::reply::YiiList is sent"
        )]
        pub struct $name {
            items: Vec<$item>,
            #[schema(rename = "_links", schema_with = platform_http::docs::any_value)]
            links: serde_json::Value,
            #[schema(rename = "_meta")]
            meta: Meta,
        }
    };
}

yii_list!(ChatItems, ChatItem);
yii_list!(MessageItems, MessageItem);

/// A Yii2 list's `_meta`.
#[derive(ToSchema)]
#[expect(
    dead_code,
    reason = "a schema only: platform_http::reply::YiiList is sent"
)]
pub struct Meta {
    #[schema(rename = "totalCount")]
    total_count: u64,
    #[schema(rename = "pageCount")]
    page_count: u64,
    #[schema(rename = "currentPage")]
    current_page: u64,
    #[schema(rename = "perPage")]
    per_page: u64,
}

/// The building dialect's success: `{"status":N,"data":T}`, N on the
/// status line too.
#[derive(ToSchema)]
#[expect(
    dead_code,
    reason = "a schema only: platform_http::reply::Building is sent"
)]
pub struct Answer<T> {
    /// The status line's number.
    status: u16,
    data: T,
}

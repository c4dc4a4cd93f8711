//! An order as stored, and as seed 002 shows it.

use crate::money::Money;
use crate::schema::orders;
use diesel::prelude::*;
use serde::Serialize;

/// Where an order stands with its provider (`forward`).
pub mod forward {
    /// A manual service's order: an operator works it.
    pub const MANUAL: &str = "manual";
    /// Waiting for the forwarding worker.
    pub const WAITING: &str = "waiting";
    /// Claimed by a worker that is sending it now.
    pub const SENDING: &str = "sending";
    /// The provider took it (`api_order_id`).
    pub const SENT: &str = "sent";
    /// The send's outcome is unknown (a timeout after the request left, a
    /// worker that died mid-send): never resent blindly, an operator decides.
    pub const REVIEW: &str = "review";
    /// The provider refused it; refunded in full.
    pub const FAILED: &str = "failed";
}

/// The order statuses of seed 002 (lower case, as stored there).
pub mod status {
    pub const PENDING: &str = "pending";
    pub const PROCESSING: &str = "processing";
    pub const IN_PROGRESS: &str = "inprogress";
    pub const COMPLETED: &str = "completed";
    pub const PARTIAL: &str = "partial";
    pub const CANCELED: &str = "canceled";
    /// A subscription watching for posts.
    pub const ACTIVE: &str = "active";
    pub const PAUSED: &str = "paused";
    pub const EXPIRED: &str = "expired";

    /// Statuses after which nothing changes and no refund follows.
    pub fn is_final(status: &str) -> bool {
        matches!(status, COMPLETED | PARTIAL | CANCELED | EXPIRED)
    }

    /// Every status an operator or a provider may set.
    pub const ALL: [&str; 9] = [
        PENDING,
        PROCESSING,
        IN_PROGRESS,
        COMPLETED,
        PARTIAL,
        CANCELED,
        ACTIVE,
        PAUSED,
        EXPIRED,
    ];
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = orders)]
pub struct Order {
    pub id: i64,
    pub ids: String,
    pub uid: i64,
    pub source: String,
    pub cate_id: i64,
    pub service_id: i64,
    pub service_type: String,
    pub api_provider_id: Option<i64>,
    pub api_service_id: Option<String>,
    pub api_order_id: i64,
    pub link: Option<String>,
    pub quantity: i64,
    pub usernames: Option<String>,
    pub username: Option<String>,
    pub hashtags: Option<String>,
    pub hashtag: Option<String>,
    pub media: Option<String>,
    pub comments: Option<String>,
    pub sub_posts: Option<i64>,
    pub sub_min: Option<i64>,
    pub sub_max: Option<i64>,
    pub sub_delay: Option<i64>,
    pub sub_expiry: Option<String>,
    pub sub_response_orders: Option<String>,
    pub sub_response_posts: Option<i64>,
    pub sub_status: Option<String>,
    pub rate: i64,
    pub charge: i64,
    pub refunded: i64,
    pub status: String,
    pub start_counter: i64,
    pub remains: i64,
    pub is_drip_feed: i32,
    pub runs: i64,
    pub run_interval: i64,
    pub dripfeed_quantity: i64,
    pub note: Option<String>,
    pub forward: String,
    pub changed: i64,
    pub created: i64,
}

/// Seed 002's order object (`GET /api/v1/order`, `GET /api/v1/order/{id}`).
/// `type` is where the order came from (`mobile_app`, or `api` for the
/// reseller API); `refunded` and `forward` are additions.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct OrderObject {
    /// The order's status: pending, processing, inprogress, completed,
    /// partial, canceled (subscriptions: active, paused, expired).
    status: String,
    id: i64,
    ids: String,
    #[serde(rename = "type")]
    source: String,
    cate_id: i64,
    service_id: i64,
    service_type: String,
    api_provider_id: Option<i64>,
    api_service_id: Option<String>,
    /// 0 for a manual order, -1 while waiting to be sent, else the
    /// provider's order id.
    api_order_id: i64,
    uid: i64,
    link: Option<String>,
    quantity: i64,
    usernames: Option<String>,
    username: Option<String>,
    hashtags: Option<String>,
    hashtag: Option<String>,
    media: Option<String>,
    comments: Option<String>,
    sub_posts: Option<i64>,
    sub_min: Option<i64>,
    sub_max: Option<i64>,
    sub_delay: Option<i64>,
    sub_expiry: Option<String>,
    sub_response_orders: Option<String>,
    sub_response_posts: Option<i64>,
    sub_status: Option<String>,
    charge: Money,
    refunded: Money,
    start_counter: i64,
    /// Units not delivered, as text (as the seed writes it).
    remains: String,
    is_drip_feed: i32,
    runs: i64,
    interval: i64,
    dripfeed_quantity: i64,
    note: Option<String>,
    forward: String,
    changed: i64,
    created: i64,
}

impl From<Order> for OrderObject {
    fn from(o: Order) -> Self {
        OrderObject {
            status: o.status,
            id: o.id,
            ids: o.ids,
            source: o.source,
            cate_id: o.cate_id,
            service_id: o.service_id,
            service_type: o.service_type,
            api_provider_id: o.api_provider_id,
            api_service_id: o.api_service_id,
            api_order_id: o.api_order_id,
            uid: o.uid,
            link: o.link,
            quantity: o.quantity,
            usernames: o.usernames,
            username: o.username,
            hashtags: o.hashtags,
            hashtag: o.hashtag,
            media: o.media,
            comments: o.comments,
            sub_posts: o.sub_posts,
            sub_min: o.sub_min,
            sub_max: o.sub_max,
            sub_delay: o.sub_delay,
            sub_expiry: o.sub_expiry,
            sub_response_orders: o.sub_response_orders,
            sub_response_posts: o.sub_response_posts,
            sub_status: o.sub_status,
            charge: Money(o.charge),
            refunded: Money(o.refunded),
            start_counter: o.start_counter,
            remains: o.remains.to_string(),
            is_drip_feed: o.is_drip_feed,
            runs: o.runs,
            interval: o.run_interval,
            dripfeed_quantity: o.dripfeed_quantity,
            note: o.note,
            forward: o.forward,
            changed: o.changed,
            created: o.created,
        }
    }
}

/// The `order` of `POST /api/v1/order`'s answer (seed 002).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct PlacedObject {
    uid: i64,
    cate_id: i64,
    service_id: i64,
    service_type: String,
    link: Option<String>,
    quantity: i64,
    charge: Money,
    api_provider_id: Option<i64>,
    api_service_id: Option<String>,
    is_drip_feed: i32,
    status: String,
    #[serde(rename = "type")]
    source: String,
    changed: i64,
    created: i64,
    id: i64,
}

impl From<Order> for PlacedObject {
    fn from(o: Order) -> Self {
        PlacedObject {
            uid: o.uid,
            cate_id: o.cate_id,
            service_id: o.service_id,
            service_type: o.service_type,
            link: o.link,
            quantity: o.quantity,
            charge: Money(o.charge),
            api_provider_id: o.api_provider_id,
            api_service_id: o.api_service_id,
            is_drip_feed: o.is_drip_feed,
            status: o.status,
            source: o.source,
            changed: o.changed,
            created: o.created,
            id: o.id,
        }
    }
}

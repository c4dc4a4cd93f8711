//! Gifts and won gifts as stored, and as seed 002 shows them.

use crate::catalog::model::{Service, ServiceObject};
use crate::schema::{gifts as g, services as s, user_gifts as ug};
use diesel::prelude::*;
use platform_db::AnyConnection;
use serde::Serialize;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = g)]
pub struct Gift {
    pub id: i64,
    pub service_id: i64,
    pub min_quantity: i64,
    pub max_quantity: i64,
    pub status: i32,
    pub changed: i64,
    pub created: i64,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = ug)]
pub struct UserGift {
    pub id: i64,
    pub uid: i64,
    pub gift_id: i64,
    pub quantity: i64,
    pub used: i32,
    pub link: Option<String>,
    pub order_id: Option<i64>,
    pub expired_at: i64,
    pub changed: i64,
    pub created: i64,
}

/// Seed 002's `gift`, with its service.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct GiftObject {
    id: i64,
    service_id: i64,
    min: i64,
    max: i64,
    status: i32,
    created: i64,
    changed: i64,
    service: ServiceObject,
}

impl GiftObject {
    pub fn new(gift: Gift, service: Service) -> Self {
        GiftObject {
            id: gift.id,
            service_id: gift.service_id,
            min: gift.min_quantity,
            max: gift.max_quantity,
            status: gift.status,
            created: gift.created,
            changed: gift.changed,
            service: service.into(),
        }
    }
}

/// Seed 002's `user_gift` (the wheel's answer).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct WonObject {
    uid: i64,
    gift_id: i64,
    quantity: i64,
    created: i64,
    changed: i64,
    expired_at: i64,
    id: i64,
    service: ServiceObject,
}

impl WonObject {
    pub fn new(won: UserGift, service: Service) -> Self {
        WonObject {
            uid: won.uid,
            gift_id: won.gift_id,
            quantity: won.quantity,
            created: won.created,
            changed: won.changed,
            expired_at: won.expired_at,
            id: won.id,
            service: service.into(),
        }
    }
}

/// Seed 002's item of `GET /api/v1/user/gifts`; `id`, `quantity` and
/// `order_id` are additions.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct OwnedObject {
    id: i64,
    gift: GiftObject,
    quantity: i64,
    used: i32,
    link: Option<String>,
    order_id: Option<i64>,
    created: i64,
    changed: i64,
    expired_at: i64,
}

impl OwnedObject {
    pub fn new(owned: UserGift, gift: Gift, service: Service) -> Self {
        OwnedObject {
            id: owned.id,
            gift: GiftObject::new(gift, service),
            quantity: owned.quantity,
            used: owned.used,
            link: owned.link,
            order_id: owned.order_id,
            created: owned.created,
            changed: owned.changed,
            expired_at: owned.expired_at,
        }
    }
}

/// Gifts a spin may win: active, of an active service that is not
/// drip-feed.
pub fn winnable(conn: &mut AnyConnection) -> QueryResult<Vec<(Gift, Service)>> {
    g::table
        .inner_join(s::table)
        .filter(g::status.eq(1))
        .filter(s::status.eq(1))
        .filter(s::dripfeed.eq(0))
        .order(g::id.asc())
        .select((Gift::as_select(), Service::as_select()))
        .load(conn)
}

//! Categories and services as stored, and as seed 002 shows them.

use crate::kinds::ServiceKind;
use crate::money::Money;
use crate::schema::{categories, services};
use diesel::prelude::*;
use serde::Serialize;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = categories)]
pub struct Category {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub image: Option<String>,
    pub sort: i64,
    pub status: i32,
    pub changed: i64,
    pub created: i64,
}

/// Seed 002's category object.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CategoryObject {
    id: i64,
    name: String,
    desc: String,
    image: Option<String>,
    sort: i64,
    status: i32,
    changed: i64,
    created: i64,
}

impl From<Category> for CategoryObject {
    fn from(c: Category) -> Self {
        CategoryObject {
            id: c.id,
            name: c.name,
            desc: c.description,
            image: c.image,
            sort: c.sort,
            status: c.status,
            changed: c.changed,
            created: c.created,
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = services)]
pub struct Service {
    pub id: i64,
    pub cate_id: i64,
    pub name: String,
    pub description: String,
    pub price: i64,
    pub original_price: Option<i64>,
    pub min_quantity: i64,
    pub max_quantity: i64,
    pub kind: String,
    pub dripfeed: i32,
    pub refill: i32,
    pub cancel: i32,
    pub status: i32,
    pub add_type: String,
    pub api_provider_id: Option<i64>,
    pub api_service_id: Option<String>,
    pub changed: i64,
    pub created: i64,
}

impl Service {
    pub fn kind(&self) -> ServiceKind {
        ServiceKind::parse(&self.kind).unwrap_or(ServiceKind::Default)
    }

    pub fn is_api(&self) -> bool {
        self.add_type == "api"
    }
}

/// Seed 002's service object in `GET /api/v1/services`.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ServiceObject {
    id: i64,
    cate_id: i64,
    name: String,
    desc: String,
    /// Toman per 1000 units.
    price: Money,
    original_price: Option<Money>,
    min: i64,
    max: i64,
    dripfeed: i32,
    status: i32,
    changed: i64,
    created: i64,
}

impl From<Service> for ServiceObject {
    fn from(s: Service) -> Self {
        ServiceObject {
            id: s.id,
            cate_id: s.cate_id,
            name: s.name,
            desc: s.description,
            price: Money(s.price),
            original_price: s.original_price.map(Money),
            min: s.min_quantity,
            max: s.max_quantity,
            dripfeed: s.dripfeed,
            status: s.status,
            changed: s.changed,
            created: s.created,
        }
    }
}

/// The whole service, as the seed's `top_services` shows it: what
/// operators see and set.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct FullServiceObject {
    id: i64,
    cate_id: i64,
    name: String,
    desc: String,
    price: Money,
    original_price: Option<Money>,
    min: i64,
    max: i64,
    add_type: String,
    #[serde(rename = "type")]
    kind: String,
    api_service_id: Option<String>,
    api_provider_id: Option<i64>,
    dripfeed: i32,
    refill: i32,
    cancel: i32,
    status: i32,
    changed: i64,
    created: i64,
}

impl From<Service> for FullServiceObject {
    fn from(s: Service) -> Self {
        FullServiceObject {
            id: s.id,
            cate_id: s.cate_id,
            name: s.name,
            desc: s.description,
            price: Money(s.price),
            original_price: s.original_price.map(Money),
            min: s.min_quantity,
            max: s.max_quantity,
            add_type: s.add_type,
            kind: s.kind,
            api_service_id: s.api_service_id,
            api_provider_id: s.api_provider_id,
            dripfeed: s.dripfeed,
            refill: s.refill,
            cancel: s.cancel,
            status: s.status,
            changed: s.changed,
            created: s.created,
        }
    }
}

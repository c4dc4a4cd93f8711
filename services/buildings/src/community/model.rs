//! The rows of the community as the answers show them.

use crate::schema::{apartments, blocks, buildings, residents};
use diesel::prelude::*;
use serde::Serialize;

#[derive(Debug, Clone, Serialize, Queryable, Selectable, utoipa::ToSchema)]
#[diesel(table_name = buildings)]
pub struct Building {
    pub id: i64,
    pub name: String,
    pub address: String,
}

#[derive(Debug, Clone, Serialize, Queryable, Selectable, utoipa::ToSchema)]
#[diesel(table_name = blocks)]
pub struct Block {
    pub id: i64,
    pub building_id: i64,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, Queryable, Selectable, utoipa::ToSchema)]
#[diesel(table_name = apartments)]
pub struct Apartment {
    pub id: i64,
    pub block_id: i64,
    pub number: String,
}

#[derive(Debug, Clone, Serialize, Queryable, Selectable, utoipa::ToSchema)]
#[diesel(table_name = residents)]
pub struct Resident {
    pub id: i64,
    pub apartment_id: i64,
    pub block_id: i64,
    pub building_id: i64,
    pub user_id: String,
    /// `owner`, `tenant` or `manager`.
    pub role: String,
}

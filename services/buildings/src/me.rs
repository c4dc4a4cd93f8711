//! `GET /omartyapis/me`: where the caller lives.

use crate::community::model::{Apartment, Block, Building};
use crate::openapi::{Answer, BuildingError};
use crate::schema::{apartments, blocks, buildings, residents};
use crate::BuildingsError;
use actix_web::web;
use diesel::prelude::*;
use platform_auth::Authenticated;
use platform_db::Db;
use platform_http::reply;
use serde::Serialize;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/omartyapis/me").get(me));
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Me {
    pub user_id: String,
    /// Every building the caller lives in, by id.
    pub buildings: Vec<Building>,
    /// Every block the caller lives in, by id.
    pub blocks: Vec<Block>,
    /// Every apartment the caller lives in, by id, with the caller's role.
    pub apartments: Vec<Home>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Home {
    #[serde(flatten)]
    pub apartment: Apartment,
    pub building_id: i64,
    /// `owner`, `tenant` or `manager`.
    pub role: String,
}

/// My buildings, blocks and apartments
///
/// An addition: the buildings, blocks and apartments the caller lives in,
/// with the caller's role in each apartment (empty lists for anyone else).
#[utoipa::path(
    get,
    path = "/omartyapis/me",
    operation_id = "me",
    tag = "community",
    responses(
        (status = 200, description = "Where the caller lives", body = Answer<Me>),
        (status = 401, description = "Missing, malformed, expired or revoked token", body = BuildingError),
    )
)]
pub async fn me(
    Authenticated(claims): Authenticated,
    db: web::Data<Db>,
) -> Result<reply::Building<Me>, BuildingsError> {
    let user = claims.sub;
    let me = db
        .run(move |conn| {
            let homes: Vec<(Apartment, i64, String)> = residents::table
                .inner_join(apartments::table.on(apartments::id.eq(residents::apartment_id)))
                .filter(residents::user_id.eq(&user))
                .order(apartments::id)
                .select((
                    Apartment::as_select(),
                    residents::building_id,
                    residents::role,
                ))
                .load(conn)?;
            let block_ids: Vec<i64> = homes.iter().map(|(a, _, _)| a.block_id).collect();
            let building_ids: Vec<i64> = homes.iter().map(|(_, b, _)| *b).collect();
            let blocks = blocks::table
                .filter(blocks::id.eq_any(block_ids))
                .order(blocks::id)
                .select(Block::as_select())
                .load(conn)?;
            let buildings = buildings::table
                .filter(buildings::id.eq_any(building_ids))
                .order(buildings::id)
                .select(Building::as_select())
                .load(conn)?;
            let apartments = homes
                .into_iter()
                .map(|(apartment, building_id, role)| Home {
                    apartment,
                    building_id,
                    role,
                })
                .collect();
            Ok::<_, BuildingsError>(Me {
                user_id: user,
                buildings,
                blocks,
                apartments,
            })
        })
        .await?;
    Ok(reply::Building {
        status: 200,
        data: me,
    })
}

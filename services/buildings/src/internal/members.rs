use crate::community::feed;
use crate::community::model::Resident;
use crate::error::Thing;
use crate::schema::{blocks, buildings, residents};
use crate::BuildingsError;
use actix_web::web;
use diesel::prelude::*;
use platform_db::Db;
use platform_http::fields::FieldErrors;
use platform_http::reply;
use platform_http::rules::Rule;
use serde::{Deserialize, Serialize};

#[derive(Debug, Deserialize)]
pub struct Room {
    pub building: Option<i64>,
    pub block: Option<i64>,
}

#[derive(Debug, Serialize)]
pub struct Members {
    /// Each user once, sorted.
    pub user_ids: Vec<String>,
    /// Every residence in the room: a user living in two of its
    /// apartments is listed twice.
    pub residents: Vec<Resident>,
    /// Where to start reading `/internal/buildings/changes`: every change
    /// after it happened after these members were read (or while; the
    /// feed's changes are safe to apply twice).
    pub cursor: i64,
}

/// `GET /internal/buildings/members?building=N` or `?block=N`: who lives
/// in a building or a block. 400 unless exactly one is given, 404 for a
/// building or block that does not exist.
pub async fn members(
    room: web::Query<Room>,
    db: web::Data<Db>,
) -> Result<reply::Building<Members>, BuildingsError> {
    let room = room.into_inner();
    let members = db
        .run(move |conn| {
            // the cursor first: a change committed while the members are
            // read is then replayed, never missed
            let cursor = feed::newest(conn)?;
            let query = residents::table.into_boxed();
            let query = match (room.building, room.block) {
                (Some(building), None) => {
                    let known: i64 = buildings::table
                        .filter(buildings::id.eq(building))
                        .count()
                        .get_result(conn)?;
                    if known == 0 {
                        return Err(BuildingsError::NotFound(Thing::Building));
                    }
                    query.filter(residents::building_id.eq(building))
                }
                (None, Some(block)) => {
                    let known: i64 = blocks::table
                        .filter(blocks::id.eq(block))
                        .count()
                        .get_result(conn)?;
                    if known == 0 {
                        return Err(BuildingsError::NotFound(Thing::Block));
                    }
                    query.filter(residents::block_id.eq(block))
                }
                _ => {
                    let mut errors = FieldErrors::default();
                    errors.add("building", Rule::Invalid);
                    errors.add("block", Rule::Invalid);
                    return Err(BuildingsError::Unreadable(errors));
                }
            };
            let residents: Vec<Resident> = query
                .order((residents::user_id, residents::apartment_id))
                .select(Resident::as_select())
                .load(conn)?;
            let mut user_ids: Vec<String> = residents.iter().map(|r| r.user_id.clone()).collect();
            user_ids.dedup();
            Ok(Members {
                user_ids,
                residents,
                cursor,
            })
        })
        .await?;
    Ok(reply::Building {
        status: 200,
        data: members,
    })
}

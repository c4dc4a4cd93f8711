//! Who lives where: the checks the routes make, and residents joining and
//! leaving (each recorded in the feed in the same transaction).

use super::feed;
use super::model::Resident;
use super::MANAGER;
use crate::clock::now;
use crate::error::Thing;
use crate::schema::{apartments, blocks, residents};
use crate::BuildingsError;
use diesel::prelude::*;

/// A resident's columns in [`Resident`]'s order, for `RETURNING` (diesel's
/// `as_returning` has no form for a connection of several backends).
const RESIDENT: (
    residents::id,
    residents::apartment_id,
    residents::block_id,
    residents::building_id,
    residents::user_id,
    residents::role,
) = (
    residents::id,
    residents::apartment_id,
    residents::block_id,
    residents::building_id,
    residents::user_id,
    residents::role,
);
use platform_db::AnyConnection;

/// True when `user` lives in `apartment` of `block`.
pub fn lives_in(
    conn: &mut AnyConnection,
    user: &str,
    block: i64,
    apartment: i64,
) -> QueryResult<bool> {
    let n: i64 = residents::table
        .filter(residents::user_id.eq(user))
        .filter(residents::block_id.eq(block))
        .filter(residents::apartment_id.eq(apartment))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// True when `user` is a manager in `building`.
pub fn manages(conn: &mut AnyConnection, user: &str, building: i64) -> QueryResult<bool> {
    let n: i64 = residents::table
        .filter(residents::user_id.eq(user))
        .filter(residents::building_id.eq(building))
        .filter(residents::role.eq(MANAGER))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// The block and building of `apartment`.
pub fn place_of(conn: &mut AnyConnection, apartment: i64) -> Result<(i64, i64), BuildingsError> {
    apartments::table
        .inner_join(blocks::table.on(blocks::id.eq(apartments::block_id)))
        .filter(apartments::id.eq(apartment))
        .select((blocks::id, blocks::building_id))
        .first(conn)
        .optional()?
        .ok_or(BuildingsError::NotFound(Thing::Apartment))
}

/// `user` moves into `apartment` with `role`; 409 when already there.
pub fn join(
    conn: &mut AnyConnection,
    apartment: i64,
    user: &str,
    role: &str,
) -> Result<Resident, BuildingsError> {
    conn.write_transaction(|conn| {
        let (block, building) = place_of(conn, apartment)?;
        if lives_in(conn, user, block, apartment)? {
            return Err(BuildingsError::Conflict(Thing::Resident));
        }
        let resident = diesel::insert_into(residents::table)
            .values((
                residents::apartment_id.eq(apartment),
                residents::block_id.eq(block),
                residents::building_id.eq(building),
                residents::user_id.eq(user),
                residents::role.eq(role),
                residents::created.eq(now()),
            ))
            .returning(RESIDENT)
            .get_result(conn)
            .map_err(BuildingsError::unless_unique(Thing::Resident))?;
        feed::record(conn, &resident, "joined")?;
        Ok(resident)
    })
}

/// `user` leaves `apartment`; 404 when not living there.
pub fn leave(
    conn: &mut AnyConnection,
    apartment: i64,
    user: &str,
) -> Result<Resident, BuildingsError> {
    conn.write_transaction(|conn| {
        let resident = diesel::delete(
            residents::table
                .filter(residents::apartment_id.eq(apartment))
                .filter(residents::user_id.eq(user)),
        )
        .returning(RESIDENT)
        .get_result(conn)
        .optional()?
        .ok_or(BuildingsError::NotFound(Thing::Resident))?;
        feed::record(conn, &resident, "left")?;
        Ok(resident)
    })
}

/// Operators change any apartment's residents; a building's manager those
/// of the building's apartments. 404 for an apartment that does not
/// exist, 403 for anyone else.
pub fn may_change_residents(
    conn: &mut AnyConnection,
    caller: &platform_auth::Claims,
    apartment: i64,
) -> Result<(), BuildingsError> {
    let (_, building) = place_of(conn, apartment)?;
    if caller.is_admin() || manages(conn, &caller.sub, building)? {
        Ok(())
    } else {
        Err(BuildingsError::NotManager)
    }
}

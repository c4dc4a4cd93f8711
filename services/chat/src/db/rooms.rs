use crate::schema::{feed_cursor, room_members, rooms};
use diesel::prelude::*;
use platform_db::AnyConnection;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = rooms)]
pub struct Room {
    pub id: i64,
    /// `building` or `block`.
    pub kind: String,
    pub ref_id: i64,
    pub last_seq: i64,
}

/// The room of a building or block, made when first needed.
pub fn ensure(conn: &mut AnyConnection, kind: &str, ref_id: i64) -> QueryResult<i64> {
    let existing = |c: &mut AnyConnection| {
        rooms::table
            .filter(rooms::kind.eq(kind))
            .filter(rooms::ref_id.eq(ref_id))
            .select(rooms::id)
            .first::<i64>(c)
            .optional()
    };
    if let Some(id) = existing(conn)? {
        return Ok(id);
    }
    let made = diesel::insert_into(rooms::table)
        .values((rooms::kind.eq(kind), rooms::ref_id.eq(ref_id)))
        .returning(rooms::id)
        .get_result(conn);
    match made {
        Err(e) if super::is_unique_violation(&e) => {
            existing(conn)?.ok_or(diesel::result::Error::NotFound)
        }
        other => other,
    }
}

/// Adds `user` to `room` (already there: nothing changes).
pub fn join(conn: &mut AnyConnection, room: i64, user: i64) -> QueryResult<()> {
    let there: i64 = room_members::table
        .filter(room_members::room_id.eq(room))
        .filter(room_members::user_id.eq(user))
        .count()
        .get_result(conn)?;
    if there == 0 {
        // a new member has read nothing, and sees the room's history
        let made = diesel::insert_into(room_members::table)
            .values((
                room_members::room_id.eq(room),
                room_members::user_id.eq(user),
            ))
            .execute(conn);
        match made {
            Err(e) if super::is_unique_violation(&e) => {}
            other => {
                other?;
            }
        }
    }
    Ok(())
}

pub fn leave(conn: &mut AnyConnection, room: i64, user: i64) -> QueryResult<()> {
    diesel::delete(
        room_members::table
            .filter(room_members::room_id.eq(room))
            .filter(room_members::user_id.eq(user)),
    )
    .execute(conn)?;
    Ok(())
}

/// `user`'s rooms with the sequence number read up to, oldest room first.
pub fn for_user(conn: &mut AnyConnection, user: i64) -> QueryResult<Vec<(Room, i64)>> {
    rooms::table
        .inner_join(room_members::table)
        .filter(room_members::user_id.eq(user))
        .order(rooms::id)
        .select((Room::as_select(), room_members::read_seq))
        .load(conn)
}

/// The room `id` when `user` is a member of it.
pub fn membership(
    conn: &mut AnyConnection,
    id: i64,
    user: i64,
) -> QueryResult<Option<(Room, i64)>> {
    rooms::table
        .inner_join(room_members::table)
        .filter(rooms::id.eq(id))
        .filter(room_members::user_id.eq(user))
        .select((Room::as_select(), room_members::read_seq))
        .first(conn)
        .optional()
}

/// Moves `user`'s read mark in `room` up to `seq` (never down).
pub fn read(conn: &mut AnyConnection, room: &Room, user: i64, seq: i64) -> QueryResult<usize> {
    let seq = seq.min(room.last_seq);
    diesel::update(
        room_members::table
            .filter(room_members::room_id.eq(room.id))
            .filter(room_members::user_id.eq(user))
            .filter(room_members::read_seq.lt(seq)),
    )
    .set(room_members::read_seq.eq(seq))
    .execute(conn)
}

pub fn cursor(conn: &mut AnyConnection, name: &str) -> QueryResult<i64> {
    Ok(feed_cursor::table
        .find(name)
        .select(feed_cursor::cursor)
        .first(conn)
        .optional()?
        .unwrap_or(0))
}

pub fn set_cursor(conn: &mut AnyConnection, name: &str, cursor: i64) -> QueryResult<()> {
    let moved = diesel::update(feed_cursor::table.find(name))
        .set(feed_cursor::cursor.eq(cursor))
        .execute(conn)?;
    if moved == 0 {
        diesel::insert_into(feed_cursor::table)
            .values((feed_cursor::name.eq(name), feed_cursor::cursor.eq(cursor)))
            .execute(conn)?;
    }
    Ok(())
}

use super::append_postgres;
use crate::conversation::Conv;
use crate::schema::{chats, messages, room_members, rooms};
use diesel::prelude::*;
use platform_db::AnyConnection;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = messages)]
pub struct Message {
    pub id: i64,
    pub conv_kind: i16,
    pub conv_id: i64,
    pub seq: i64,
    pub sender_id: i64,
    pub text: String,
    pub client_id: Option<String>,
    pub sent_at: i64,
}

/// What a send did.
pub enum Appended {
    /// Stored now, with the next sequence number.
    New(Message),
    /// The sender's `client_id` was stored before: that message.
    Again(Message),
    /// The conversation takes no more messages (a finished chat).
    Closed,
}

fn of(conv: Conv) -> (i16, i64) {
    (conv.kind(), conv.id())
}

fn by_client_id(
    conn: &mut AnyConnection,
    conv: Conv,
    sender: i64,
    client_id: &str,
) -> QueryResult<Option<Message>> {
    let (kind, id) = of(conv);
    messages::table
        .filter(messages::conv_kind.eq(kind))
        .filter(messages::conv_id.eq(id))
        .filter(messages::sender_id.eq(sender))
        .filter(messages::client_id.eq(client_id))
        .select(Message::as_select())
        .first(conn)
        .optional()
}

/// Stores `text` from `sender` as the conversation's next message, in one
/// transaction (one statement on PostgreSQL): the conversation's `last_seq`
/// is raised (the row lock on PostgreSQL, the write lock on SQLite, queue
/// concurrent senders), the message takes that number, and the sender's
/// read mark moves to it. A failed transaction takes its number back with
/// it, so numbers have no gaps. A `client_id` the sender used before
/// answers the stored message.
pub fn append(
    conn: &mut AnyConnection,
    conv: Conv,
    sender: i64,
    text: &str,
    client_id: Option<&str>,
    now: i64,
) -> QueryResult<Appended> {
    // a resend is found before anything is written; two at once are told
    // apart by the unique index below
    if let Some(client_id) = client_id {
        if let Some(before) = by_client_id(conn, conv, sender, client_id)? {
            return Ok(Appended::Again(before));
        }
    }
    let stored = match conn {
        AnyConnection::Postgresql(pg) => {
            append_postgres::append(pg, conv, sender, text, client_id, now)
                .map(|stored| stored.map_or(Appended::Closed, Appended::New))
        }
        AnyConnection::Sqlite(_) => {
            conn.write_transaction(|c| one_by_one(c, conv, sender, text, client_id, now))
        }
    };
    match (stored, client_id) {
        // the same client_id sent at the same moment: the other one won
        (Err(e), Some(client_id)) if super::is_unique_violation(&e) => {
            match by_client_id(conn, conv, sender, client_id)? {
                Some(before) => Ok(Appended::Again(before)),
                None => Err(e),
            }
        }
        (stored, _) => stored,
    }
}

/// The append's steps one by one in the caller's write transaction:
/// SQLite's way, where a statement costs no round trip.
fn one_by_one(
    c: &mut AnyConnection,
    conv: Conv,
    sender: i64,
    text: &str,
    client_id: Option<&str>,
    now: i64,
) -> QueryResult<Appended> {
    let seq = match conv {
        Conv::Chat(id) => {
            let raised = diesel::update(
                chats::table
                    .find(id)
                    .filter(chats::status.ne(super::chats::FINISHED)),
            )
            .set(chats::last_seq.eq(chats::last_seq + 1))
            .execute(c)?;
            if raised == 0 {
                return Ok(Appended::Closed);
            }
            let (seq, user): (i64, i64) = chats::table
                .find(id)
                .select((chats::last_seq, chats::user_id))
                .first(c)?;
            let mark = chats::table.find(id);
            if user == sender {
                diesel::update(mark)
                    .set(chats::user_read.eq(seq))
                    .execute(c)?;
            } else {
                diesel::update(mark)
                    .set(chats::seller_read.eq(seq))
                    .execute(c)?;
            }
            seq
        }
        Conv::Room(id) => {
            diesel::update(rooms::table.find(id))
                .set(rooms::last_seq.eq(rooms::last_seq + 1))
                .execute(c)?;
            let seq: i64 = rooms::table.find(id).select(rooms::last_seq).first(c)?;
            diesel::update(
                room_members::table
                    .filter(room_members::room_id.eq(id))
                    .filter(room_members::user_id.eq(sender)),
            )
            .set(room_members::read_seq.eq(seq))
            .execute(c)?;
            seq
        }
    };
    let (kind, id) = of(conv);
    diesel::insert_into(messages::table)
        .values((
            messages::conv_kind.eq(kind),
            messages::conv_id.eq(id),
            messages::seq.eq(seq),
            messages::sender_id.eq(sender),
            messages::text.eq(text),
            messages::client_id.eq(client_id),
            messages::sent_at.eq(now),
        ))
        .execute(c)?;
    // `as_returning` has no form for a connection of several backends
    let message = messages::table
        .filter(messages::conv_kind.eq(kind))
        .filter(messages::conv_id.eq(id))
        .filter(messages::seq.eq(seq))
        .select(Message::as_select())
        .first(c)?;
    Ok(Appended::New(message))
}

/// A page of the conversation, newest first, and how many messages it has.
pub fn page(
    conn: &mut AnyConnection,
    conv: Conv,
    offset: i64,
    limit: i64,
) -> QueryResult<(Vec<Message>, i64)> {
    let (kind, id) = of(conv);
    let query = || {
        messages::table
            .filter(messages::conv_kind.eq(kind))
            .filter(messages::conv_id.eq(id))
    };
    let total = query().count().get_result(conn)?;
    let rows = query()
        .order(messages::seq.desc())
        .offset(offset)
        .limit(limit)
        .select(Message::as_select())
        .load(conn)?;
    Ok((rows, total))
}

/// Up to `limit` messages after `since`, oldest first.
pub fn after(
    conn: &mut AnyConnection,
    conv: Conv,
    since: i64,
    limit: i64,
) -> QueryResult<Vec<Message>> {
    let (kind, id) = of(conv);
    messages::table
        .filter(messages::conv_kind.eq(kind))
        .filter(messages::conv_id.eq(id))
        .filter(messages::seq.gt(since))
        .order(messages::seq)
        .limit(limit)
        .select(Message::as_select())
        .load(conn)
}

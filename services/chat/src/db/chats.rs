use crate::schema::chats;
use diesel::prelude::*;
use platform_db::AnyConnection;

pub const PENDING: &str = "pending";
pub const CHATTING: &str = "chatting";
pub const FINISHED: &str = "finished";

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = chats)]
pub struct Chat {
    pub id: i64,
    pub user_id: i64,
    pub store_id: i64,
    pub seller_id: i64,
    pub status: String,
    pub start_date: i64,
    pub last_seq: i64,
    pub user_read: i64,
    pub seller_read: i64,
}

impl Chat {
    pub fn has(&self, user: i64) -> bool {
        self.user_id == user || self.seller_id == user
    }

    /// The other party of `user`'s side.
    pub fn other(&self, user: i64) -> i64 {
        if self.user_id == user {
            self.seller_id
        } else {
            self.user_id
        }
    }
}

pub fn find(conn: &mut AnyConnection, id: i64) -> QueryResult<Option<Chat>> {
    chats::table
        .find(id)
        .select(Chat::as_select())
        .first(conn)
        .optional()
}

/// The open chat of `user` with `store`, made `pending` when there is
/// none; `true` when it was made now. The partial unique index keeps a
/// concurrent start from making a second one.
pub fn open(
    conn: &mut AnyConnection,
    user: i64,
    store: i64,
    seller: i64,
    now: i64,
) -> QueryResult<(Chat, bool)> {
    let existing = |c: &mut AnyConnection| {
        chats::table
            .filter(chats::user_id.eq(user))
            .filter(chats::store_id.eq(store))
            .filter(chats::status.ne(FINISHED))
            .select(Chat::as_select())
            .first(c)
            .optional()
    };
    let made = conn.write_transaction(|c| {
        if let Some(chat) = existing(c)? {
            return Ok((chat.id, false));
        }
        let id: i64 = diesel::insert_into(chats::table)
            .values((
                chats::user_id.eq(user),
                chats::store_id.eq(store),
                chats::seller_id.eq(seller),
                chats::status.eq(PENDING),
                chats::start_date.eq(now),
            ))
            .returning(chats::id)
            .get_result(c)?;
        Ok::<_, diesel::result::Error>((id, true))
    });
    let (id, new) = match made {
        Err(e) if super::is_unique_violation(&e) => match existing(conn)? {
            Some(chat) => (chat.id, false),
            None => return Err(e),
        },
        other => other?,
    };
    let chat = find(conn, id)?.ok_or(diesel::result::Error::NotFound)?;
    Ok((chat, new))
}

/// A page of the chats where `user` is the buyer (`as_seller` false) or the
/// store's side (true), newest first, and how many there are.
pub fn page(
    conn: &mut AnyConnection,
    user: i64,
    as_seller: bool,
    offset: i64,
    limit: i64,
) -> QueryResult<(Vec<Chat>, i64)> {
    let query = || {
        let q = chats::table.into_boxed();
        if as_seller {
            q.filter(chats::seller_id.eq(user))
        } else {
            q.filter(chats::user_id.eq(user))
        }
    };
    let total = query().count().get_result(conn)?;
    let rows = query()
        .order(chats::id.desc())
        .offset(offset)
        .limit(limit)
        .select(Chat::as_select())
        .load(conn)?;
    Ok((rows, total))
}

/// `pending` → `chatting` by the store's side; the row count says whether
/// it changed.
pub fn accept(conn: &mut AnyConnection, id: i64, seller: i64) -> QueryResult<usize> {
    diesel::update(
        chats::table
            .find(id)
            .filter(chats::seller_id.eq(seller))
            .filter(chats::status.eq(PENDING)),
    )
    .set(chats::status.eq(CHATTING))
    .execute(conn)
}

/// Any open chat → `finished`, by either side.
pub fn finish(conn: &mut AnyConnection, id: i64, user: i64) -> QueryResult<usize> {
    diesel::update(
        chats::table
            .find(id)
            .filter(chats::user_id.eq(user).or(chats::seller_id.eq(user)))
            .filter(chats::status.ne(FINISHED)),
    )
    .set(chats::status.eq(FINISHED))
    .execute(conn)
}

/// Moves `user`'s read mark up to `seq` (never down, never past the last
/// message); the row count says whether it moved.
pub fn read(conn: &mut AnyConnection, chat: &Chat, user: i64, seq: i64) -> QueryResult<usize> {
    let seq = seq.min(chat.last_seq);
    let target = chats::table.find(chat.id).filter(chats::last_seq.ge(seq));
    if chat.user_id == user {
        diesel::update(target.filter(chats::user_read.lt(seq)))
            .set(chats::user_read.eq(seq))
            .execute(conn)
    } else {
        diesel::update(target.filter(chats::seller_read.lt(seq)))
            .set(chats::seller_read.eq(seq))
            .execute(conn)
    }
}

//! A message's append on PostgreSQL as one prepared statement: the
//! conversation's `last_seq` is raised (its row lock queues concurrent
//! senders), the sender's read mark moves to it and the message takes it,
//! in a data-modifying `WITH` that is its own transaction. The same steps
//! sent one by one cost ten round trips a message, which is what kept
//! delivery under load above its target. SQLite, where a statement costs no
//! round trip, takes them one by one ([`super::messages::append`]).

use super::messages::Message;
use crate::conversation::Conv;
use diesel::sql_types::{BigInt, Nullable, SmallInt, Text};
use diesel::{OptionalExtension, PgConnection, QueryResult, RunQueryDsl};
use platform_db::{Prepared, Value};

type Row = (
    BigInt,
    SmallInt,
    BigInt,
    BigInt,
    BigInt,
    Text,
    Nullable<Text>,
    BigInt,
);

/// `$7` is the finished status: a finished chat takes no message.
const TO_CHAT: &str = "\
WITH raised AS (
    UPDATE chats SET last_seq = last_seq + 1,
        user_read = CASE WHEN user_id = $3 THEN last_seq + 1 ELSE user_read END,
        seller_read = CASE WHEN user_id = $3 THEN seller_read ELSE last_seq + 1 END
    WHERE id = $2 AND status <> $7
    RETURNING last_seq
)
INSERT INTO messages (conv_kind, conv_id, seq, sender_id, text, client_id, sent_at)
SELECT $1, $2, last_seq, $3, $4, $5, $6 FROM raised
RETURNING id, conv_kind, conv_id, seq, sender_id, text, client_id, sent_at";

const TO_ROOM: &str = "\
WITH raised AS (
    UPDATE rooms SET last_seq = last_seq + 1 WHERE id = $2 RETURNING last_seq
), marked AS (
    UPDATE room_members SET read_seq = raised.last_seq FROM raised
    WHERE room_id = $2 AND user_id = $3
)
INSERT INTO messages (conv_kind, conv_id, seq, sender_id, text, client_id, sent_at)
SELECT $1, $2, last_seq, $3, $4, $5, $6 FROM raised
RETURNING id, conv_kind, conv_id, seq, sender_id, text, client_id, sent_at";

/// The stored message; `None` when the conversation takes none (a
/// finished chat, or no such room).
pub fn append(
    pg: &mut PgConnection,
    conv: Conv,
    sender: i64,
    text: &str,
    client_id: Option<&str>,
    now: i64,
) -> QueryResult<Option<Message>> {
    let mut binds = vec![
        Value::SmallInt(conv.kind()),
        Value::BigInt(conv.id()),
        Value::BigInt(sender),
        Value::Text(text),
        Value::NullText(client_id),
        Value::BigInt(now),
    ];
    let sql = match conv {
        Conv::Chat(_) => {
            binds.push(Value::Text(super::chats::FINISHED));
            TO_CHAT
        }
        Conv::Room(_) => TO_ROOM,
    };
    Prepared::<Row>::new(sql, binds).get_result(pg).optional()
}

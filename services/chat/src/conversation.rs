//! What REST and the socket share about a conversation (a chat or a
//! room): who may use it, sending with its sequence number and client id,
//! read marks, and the message item both dialects show.

use crate::db::messages::{self, Appended, Message};
use crate::db::{chats, rooms};
use crate::error::ChatError;
use crate::live::Event;
use crate::state::State;
use platform_http::fields::{FieldErrors, Text};
use serde::Serialize;

/// A chat (`"chat": id` on the wire) or a building room (`"room": id`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Conv {
    Chat(i64),
    Room(i64),
}

impl Conv {
    pub fn kind(self) -> i16 {
        match self {
            Conv::Chat(_) => 0,
            Conv::Room(_) => 1,
        }
    }

    pub fn id(self) -> i64 {
        match self {
            Conv::Chat(id) | Conv::Room(id) => id,
        }
    }

    pub fn from_kind(kind: i16, id: i64) -> Option<Conv> {
        match kind {
            0 => Some(Conv::Chat(id)),
            1 => Some(Conv::Room(id)),
            _ => None,
        }
    }

    /// The refusal for a caller who is not in it.
    pub fn not_yours(self) -> ChatError {
        match self {
            Conv::Chat(_) => ChatError::NoChat,
            Conv::Room(_) => ChatError::NoRoom,
        }
    }
}

/// A message as both apps show it: seed 000's chat message fields, with
/// `chat` or `room`, `seq` and `client_id` added.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MessageItem {
    pub id: i64,
    /// The sender's name.
    pub sender: String,
    pub text: String,
    /// Unix seconds.
    pub sent_date: i64,
    /// Always `sent`.
    pub status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chat: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub room: Option<i64>,
    pub sender_id: i64,
    pub sender_avatar: Option<String>,
    /// The message's place in its conversation: 1, 2, 3, … with no gaps.
    pub seq: i64,
    #[serde(rename = "client_id")]
    pub client_id: Option<String>,
}

/// The items of `rows`, with the senders' names and avatars from identity.
pub async fn items(state: &State, rows: Vec<Message>) -> Vec<MessageItem> {
    let ids: Vec<i64> = rows.iter().map(|m| m.sender_id).collect();
    let cards = state.peers.users(&ids).await;
    rows.into_iter()
        .map(|m| {
            let card = cards.get(&m.sender_id).cloned().unwrap_or_default();
            let conv = Conv::from_kind(m.conv_kind, m.conv_id);
            MessageItem {
                id: m.id,
                sender: card.name,
                text: m.text,
                sent_date: m.sent_at,
                status: "sent",
                chat: matches!(conv, Some(Conv::Chat(_))).then_some(m.conv_id),
                room: matches!(conv, Some(Conv::Room(_))).then_some(m.conv_id),
                sender_id: m.sender_id,
                sender_avatar: card.avatar,
                seq: m.seq,
                client_id: m.client_id,
            }
        })
        .collect()
}

/// Where `user` stands in `conv`: its newest sequence number, and for a
/// chat the other party (whose presence the socket shows).
pub struct Standing {
    pub last_seq: i64,
    pub other: Option<i64>,
}

/// `conv` when `user` is in it; the conversation's refusal otherwise.
pub async fn standing(state: &State, conv: Conv, user: i64) -> Result<Standing, ChatError> {
    let found = state
        .db
        .run(move |conn| {
            Ok::<_, ChatError>(match conv {
                Conv::Chat(id) => {
                    chats::find(conn, id)?
                        .filter(|c| c.has(user))
                        .map(|c| Standing {
                            last_seq: c.last_seq,
                            other: Some(c.other(user)),
                        })
                }
                Conv::Room(id) => rooms::membership(conn, id, user)?.map(|(r, _)| Standing {
                    last_seq: r.last_seq,
                    other: None,
                }),
            })
        })
        .await?;
    found.ok_or_else(|| conv.not_yours())
}

/// The longest message, in characters.
pub const MAX_TEXT: usize = 4000;
/// The longest client message id.
pub const MAX_CLIENT_ID: usize = 64;

/// The text and client id as sent, checked.
pub fn checked(
    text: Option<String>,
    client_id: Option<String>,
) -> Result<(String, Option<String>), ChatError> {
    let mut errors = FieldErrors::default();
    let text = text.unwrap_or_default();
    if text.trim().is_empty() {
        errors.add(
            "text",
            Text::new("متن پیام خالی است", "Text cannot be blank."),
        );
    } else if text.chars().count() > MAX_TEXT {
        errors.add(
            "text",
            Text::new(
                "متن پیام بیش از حد طولانی است",
                "Text should contain at most 4000 characters.",
            ),
        );
    } else if text.contains('\0') {
        errors.add("text", Text::new("متن پیام معتبر نیست", "Text is invalid."));
    }
    let client_id = client_id.filter(|c| !c.trim().is_empty());
    if client_id
        .as_ref()
        .is_some_and(|c| c.chars().count() > MAX_CLIENT_ID || c.contains('\0'))
    {
        errors.add(
            "client_id",
            Text::new("شناسه پیام معتبر نیست", "Client Id is invalid."),
        );
    }
    errors.or_fail(ChatError::invalid)?;
    Ok((text, client_id))
}

/// Stores the message (or finds the one with the same client id) and,
/// when new, pushes it to every socket of the conversation. The message
/// is stored before it is pushed.
pub async fn send(
    state: &State,
    conv: Conv,
    user: i64,
    text: String,
    client_id: Option<String>,
) -> Result<MessageItem, ChatError> {
    standing(state, conv, user).await?;
    let now = crate::now();
    let appended = state
        .db
        .run(move |conn| {
            messages::append(conn, conv, user, &text, client_id.as_deref(), now)
                .map_err(ChatError::from)
        })
        .await?;
    let (row, new) = match appended {
        Appended::New(row) => (row, true),
        Appended::Again(row) => (row, false),
        Appended::Closed => return Err(ChatError::finished()),
    };
    let seq = row.seq;
    let item = items(state, vec![row]).await.pop().ok_or_else(|| {
        ChatError::internal(std::io::Error::other("a stored message has no item"))
    })?;
    if new {
        state.live.publish(Event::message(conv, seq, &item)).await;
    }
    Ok(item)
}

/// Moves `user`'s read mark in `conv` to `seq` and tells the
/// conversation's sockets.
pub async fn mark_read(state: &State, conv: Conv, user: i64, seq: i64) -> Result<(), ChatError> {
    let moved = state
        .db
        .run(move |conn| {
            Ok::<_, ChatError>(match conv {
                Conv::Chat(id) => match chats::find(conn, id)?.filter(|c| c.has(user)) {
                    Some(chat) => Some(
                        (chats::read(conn, &chat, user, seq)? > 0)
                            .then_some(seq.min(chat.last_seq)),
                    ),
                    None => None,
                },
                Conv::Room(id) => match rooms::membership(conn, id, user)? {
                    Some((room, _)) => Some(
                        (rooms::read(conn, &room, user, seq)? > 0)
                            .then_some(seq.min(room.last_seq)),
                    ),
                    None => None,
                },
            })
        })
        .await?;
    match moved {
        None => Err(conv.not_yours()),
        Some(Some(seq)) => {
            state.live.publish(Event::read(conv, user, seq)).await;
            Ok(())
        }
        Some(None) => Ok(()),
    }
}

//! What travels from a sender to the sockets: the frame as sockets get it,
//! serialized once, with its topic and, for a message, its sequence number
//! (so a socket can drop a duplicate and see a gap).

use crate::conversation::{Conv, MessageItem};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Who gets an event: the sockets subscribed to a conversation, or those
/// watching a user's presence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Topic {
    Conv(Conv),
    Presence(i64),
}

#[derive(Debug, Clone)]
pub struct Event {
    pub topic: Topic,
    /// The message's `seq`, for message events.
    pub seq: Option<i64>,
    /// The JSON text frame.
    pub frame: Arc<str>,
}

/// `"chat": 7` or `"room": 3`, flattened into a frame.
#[derive(Debug, Serialize)]
pub struct ConvRef {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chat: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub room: Option<i64>,
}

impl From<Conv> for ConvRef {
    fn from(conv: Conv) -> ConvRef {
        match conv {
            Conv::Chat(id) => ConvRef {
                chat: Some(id),
                room: None,
            },
            Conv::Room(id) => ConvRef {
                chat: None,
                room: Some(id),
            },
        }
    }
}

#[derive(Serialize)]
struct MessagePush<'a> {
    r#type: &'static str,
    #[serde(flatten)]
    conv: ConvRef,
    message: &'a MessageItem,
}

#[derive(Serialize)]
struct UserPush {
    r#type: &'static str,
    #[serde(flatten)]
    conv: ConvRef,
    user: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    seq: Option<i64>,
}

#[derive(Serialize)]
struct StatusPush<'a> {
    r#type: &'static str,
    chat: i64,
    status: &'a str,
}

#[derive(Serialize)]
struct PresencePush {
    r#type: &'static str,
    user: i64,
    online: bool,
}

fn frame(value: &impl Serialize) -> Arc<str> {
    // our own structs of numbers and strings always serialize
    Arc::from(serde_json::to_string(value).unwrap_or_default())
}

impl Event {
    pub fn message(conv: Conv, seq: i64, item: &MessageItem) -> Event {
        Event {
            topic: Topic::Conv(conv),
            seq: Some(seq),
            frame: frame(&MessagePush {
                r#type: "message",
                conv: conv.into(),
                message: item,
            }),
        }
    }

    pub fn read(conv: Conv, user: i64, seq: i64) -> Event {
        Event {
            topic: Topic::Conv(conv),
            seq: None,
            frame: frame(&UserPush {
                r#type: "read",
                conv: conv.into(),
                user,
                seq: Some(seq),
            }),
        }
    }

    pub fn typing(conv: Conv, user: i64) -> Event {
        Event {
            topic: Topic::Conv(conv),
            seq: None,
            frame: frame(&UserPush {
                r#type: "typing",
                conv: conv.into(),
                user,
                seq: None,
            }),
        }
    }

    pub fn chat_status(chat: i64, status: &str) -> Event {
        Event {
            topic: Topic::Conv(Conv::Chat(chat)),
            seq: None,
            frame: frame(&StatusPush {
                r#type: "chat",
                chat,
                status,
            }),
        }
    }

    pub fn presence(user: i64, online: bool) -> Event {
        Event {
            topic: Topic::Presence(user),
            seq: None,
            frame: frame(&PresencePush {
                r#type: "presence",
                user,
                online,
            }),
        }
    }
}

/// An event on the Redis channel.
#[derive(Serialize, Deserialize)]
pub struct Wire {
    /// `c` chat, `r` room, `p` presence.
    t: char,
    id: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    seq: Option<i64>,
    f: String,
}

impl Wire {
    pub fn of(event: &Event) -> Wire {
        let (t, id) = match event.topic {
            Topic::Conv(Conv::Chat(id)) => ('c', id),
            Topic::Conv(Conv::Room(id)) => ('r', id),
            Topic::Presence(user) => ('p', user),
        };
        Wire {
            t,
            id,
            seq: event.seq,
            f: event.frame.to_string(),
        }
    }

    pub fn event(self) -> Option<Event> {
        let topic = match self.t {
            'c' => Topic::Conv(Conv::Chat(self.id)),
            'r' => Topic::Conv(Conv::Room(self.id)),
            'p' => Topic::Presence(self.id),
            _ => return None,
        };
        Some(Event {
            topic,
            seq: self.seq,
            frame: Arc::from(self.f),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_cross_the_wire_unchanged() {
        let event = Event::read(Conv::Room(3), 9, 45);
        assert_eq!(
            &*event.frame,
            r#"{"type":"read","room":3,"user":9,"seq":45}"#
        );
        let text = serde_json::to_string(&Wire::of(&event)).unwrap();
        let back = serde_json::from_str::<Wire>(&text)
            .unwrap()
            .event()
            .unwrap();
        assert_eq!(back.topic, event.topic);
        assert_eq!(back.frame, event.frame);
        assert_eq!(
            &*Event::presence(4, true).frame,
            r#"{"type":"presence","user":4,"online":true}"#
        );
    }
}

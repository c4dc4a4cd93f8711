//! The socket's frames (README.md, "WebSocket protocol"): JSON text, each
//! client frame with an `id` its reply echoes.

use crate::conversation::{Conv, MessageItem};
use crate::live::ConvRef;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Close codes of the protocol.
pub const NOT_LOGGED_IN: u16 = 4001;
pub const REVOKED: u16 = 4003;
pub const TOO_SLOW: u16 = 4008;

/// A frame from the client.
#[derive(Debug, Deserialize)]
pub struct ClientFrame {
    /// Echoed in the reply: a number or a string, as the client chose.
    #[serde(default)]
    pub id: Value,
    pub r#type: String,
    pub chat: Option<i64>,
    pub room: Option<i64>,
    pub since: Option<i64>,
    pub seq: Option<i64>,
    pub text: Option<String>,
    pub client_id: Option<String>,
}

impl ClientFrame {
    /// The conversation named: `chat` or `room`, one of them.
    pub fn conv(&self) -> Option<Conv> {
        match (self.chat, self.room) {
            (Some(id), None) => Some(Conv::Chat(id)),
            (None, Some(id)) => Some(Conv::Room(id)),
            _ => None,
        }
    }
}

#[derive(Serialize)]
pub struct Subscribed<'a> {
    pub id: &'a Value,
    pub r#type: &'static str,
    #[serde(flatten)]
    pub conv: ConvRef,
    /// The newest sequence number the client now has.
    pub seq: i64,
    /// False: too much was missed to replay; reload over REST.
    pub recovered: bool,
    pub messages: Vec<MessageItem>,
}

#[derive(Serialize)]
pub struct Sent<'a> {
    pub id: &'a Value,
    pub r#type: &'static str,
    #[serde(flatten)]
    pub conv: ConvRef,
    pub message: MessageItem,
}

#[derive(Serialize)]
pub struct Ok<'a> {
    pub id: &'a Value,
    pub r#type: &'static str,
}

#[derive(Serialize)]
pub struct Error<'a> {
    pub id: &'a Value,
    pub r#type: &'static str,
    pub code: u16,
    pub message: String,
}

/// A frame as text.
pub fn text(frame: &impl Serialize) -> String {
    // our own structs of numbers and strings always serialize
    serde_json::to_string(frame).unwrap_or_default()
}

pub fn ok(id: &Value) -> String {
    text(&Ok { id, r#type: "ok" })
}

pub fn error(id: &Value, code: u16, message: impl Into<String>) -> String {
    text(&Error {
        id,
        r#type: "error",
        code,
        message: message.into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_have_the_documented_shapes() {
        let frame: ClientFrame =
            serde_json::from_str(r#"{"id":1,"type":"subscribe","chat":7,"since":42}"#).unwrap();
        assert_eq!(frame.conv(), Some(Conv::Chat(7)));
        assert_eq!(ok(&frame.id), r#"{"id":1,"type":"ok"}"#);
        assert_eq!(
            error(&Value::from(3), 403, "there is no chat for u"),
            r#"{"id":3,"type":"error","code":403,"message":"there is no chat for u"}"#
        );
        let both: ClientFrame =
            serde_json::from_str(r#"{"id":"a","type":"typing","chat":7,"room":1}"#).unwrap();
        assert_eq!(both.conv(), None);
    }
}

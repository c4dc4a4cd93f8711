//! One socket: client frames in, pushes out, heartbeats, and the checks
//! that close it (a revoked or expired token, a full queue, silence).
//!
//! Delivery is exactly once and in order per subscription: the socket
//! remembers the last `seq` it sent of each conversation, drops what it
//! already sent, and when a push skips numbers (pub/sub lost or reordered
//! one) it reads the missing ones from the database, where every message
//! is stored before it is pushed.

use super::protocol::{self, ClientFrame, Sent, Subscribed, NOT_LOGGED_IN, REVOKED, TOO_SLOW};
use crate::conversation::{self, items, standing, Conv, MessageItem};
use crate::db::messages;
use crate::error::ChatError;
use crate::live::{Event, Outbox, Push, Topic};
use crate::state::State;
use actix_ws::{AggregatedMessage, AggregatedMessageStream, CloseCode, CloseReason, Session};
use futures_util::StreamExt;
use platform_auth::{Claims, RevocationCheck};
use platform_http::{Dialect, Lang};
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::Instant;

/// The socket is gone (the session refused a frame).
struct Gone;

struct Connection {
    state: Arc<State>,
    user: i64,
    session: Session,
    outbox: Outbox,
    /// The last `seq` sent of each subscribed conversation.
    subscribed: HashMap<Conv, i64>,
    /// Users whose presence this socket is shown.
    watching: HashSet<i64>,
}

fn reason(code: u16, why: &str) -> Option<CloseReason> {
    Some(CloseReason {
        code: CloseCode::Other(code),
        description: Some(why.into()),
    })
}

pub async fn run(
    state: Arc<State>,
    user: i64,
    claims: Claims,
    revocations: Option<Arc<dyn RevocationCheck>>,
    session: Session,
    mut stream: AggregatedMessageStream,
) {
    let (outbox, mut queue, slow) = state.live.hub().outbox(state.socket_queue);
    state.live.connected(user).await;
    let mut conn = Connection {
        state: Arc::clone(&state),
        user,
        session,
        outbox,
        subscribed: HashMap::new(),
        watching: HashSet::new(),
    };
    let mut ping = tokio::time::interval(state.ping);
    ping.tick().await;
    let mut heard = Instant::now();
    let close = loop {
        tokio::select! {
            frame = stream.next() => {
                heard = Instant::now();
                let done = match frame {
                    Some(Ok(AggregatedMessage::Text(text))) => conn.client_frame(&text).await,
                    Some(Ok(AggregatedMessage::Binary(_))) => {
                        conn.send(protocol::error(&Value::Null, 400, "text frames only")).await
                    }
                    Some(Ok(AggregatedMessage::Ping(bytes))) => {
                        conn.session.pong(&bytes).await.map_err(|_| Gone)
                    }
                    Some(Ok(AggregatedMessage::Pong(_))) => Ok(()),
                    Some(Ok(AggregatedMessage::Close(reason))) => break reason,
                    Some(Err(_)) | None => break None,
                };
                if done.is_err() {
                    break None;
                }
            }
            push = queue.recv() => {
                let Some(push) = push else { break None };
                if conn.push(push).await.is_err() {
                    break None;
                }
            }
            () = slow.notified() => break reason(TOO_SLOW, "too slow"),
            _ = ping.tick() => {
                if heard.elapsed() > state.ping * 2 {
                    break None;
                }
                if claims.exp < crate::now() {
                    break reason(NOT_LOGGED_IN, "not login");
                }
                if let Some(revocations) = &revocations {
                    if matches!(revocations.is_revoked(&claims).await, Ok(true)) {
                        break reason(REVOKED, "token revoked");
                    }
                }
                if conn.session.ping(b"").await.is_err() {
                    break None;
                }
            }
        }
    };
    state.live.hub().remove(conn.outbox.id);
    state.live.disconnected(user).await;
    let _ = conn.session.close(close).await;
}

impl Connection {
    async fn send(&mut self, text: String) -> Result<(), Gone> {
        self.session.text(text).await.map_err(|_| Gone)
    }

    async fn client_frame(&mut self, text: &str) -> Result<(), Gone> {
        let frame: ClientFrame = match serde_json::from_str(text) {
            Ok(frame) => frame,
            Err(_) => {
                return self
                    .send(protocol::error(&Value::Null, 400, "not a frame"))
                    .await
            }
        };
        let answer = match self.answer(&frame).await {
            Ok(text) => text,
            Err(e) => protocol::error(
                &frame.id,
                e.status().as_u16(),
                e.message(Dialect::Bazaar, Lang::En),
            ),
        };
        self.send(answer).await
    }

    /// The reply to a client frame.
    async fn answer(&mut self, frame: &ClientFrame) -> Result<String, ChatError> {
        let conv = frame.conv().ok_or_else(|| {
            ChatError::invalid(platform_http::fields::FieldErrors::single(
                "chat",
                platform_http::rules::Rule::Blank,
            ))
        });
        let state = Arc::clone(&self.state);
        match frame.r#type.as_str() {
            "subscribe" => {
                self.subscribe(&frame.id, conv?, frame.since.unwrap_or(0))
                    .await
            }
            "unsubscribe" => {
                let conv = conv?;
                self.subscribed.remove(&conv);
                state
                    .live
                    .hub()
                    .unsubscribe(Topic::Conv(conv), self.outbox.id);
                Ok(protocol::ok(&frame.id))
            }
            "send" => {
                let conv = conv?;
                let (text, client_id) =
                    conversation::checked(frame.text.clone(), frame.client_id.clone())?;
                let message = conversation::send(&state, conv, self.user, text, client_id).await?;
                Ok(protocol::text(&Sent {
                    id: &frame.id,
                    r#type: "sent",
                    conv: conv.into(),
                    message,
                }))
            }
            "read" => {
                let seq = frame.seq.unwrap_or(0).max(0);
                conversation::mark_read(&state, conv?, self.user, seq).await?;
                Ok(protocol::ok(&frame.id))
            }
            "typing" => {
                let conv = conv?;
                if !self.subscribed.contains_key(&conv) {
                    standing(&state, conv, self.user).await?;
                }
                state.live.publish(Event::typing(conv, self.user)).await;
                Ok(protocol::ok(&frame.id))
            }
            _ => Err(ChatError::refused(
                actix_web::http::StatusCode::BAD_REQUEST,
                "unknown_type",
                "نوع پیام شناخته نیست",
                "unknown type",
            )),
        }
    }

    /// Subscribes first, then reads what was missed: a message stored
    /// meanwhile is either in the read or queued as a push, and the
    /// sequence numbers drop whichever copy comes second.
    async fn subscribe(&mut self, id: &Value, conv: Conv, since: i64) -> Result<String, ChatError> {
        let state = Arc::clone(&self.state);
        let before = standing(&state, conv, self.user).await?;
        state.live.hub().subscribe(Topic::Conv(conv), &self.outbox);
        let since = since.max(0);
        let limit = state.replay_limit;
        let rows = state
            .db
            .run(move |conn| messages::after(conn, conv, since, limit + 1).map_err(ChatError::from))
            .await?;
        let newest_read = rows.last().map_or(since, |m| m.seq);
        let recovered = since <= before.last_seq.max(newest_read) && rows.len() as i64 <= limit;
        let (last, messages) = if recovered {
            (newest_read, items(&state, rows).await)
        } else {
            let now = standing(&state, conv, self.user).await?;
            (now.last_seq, Vec::new())
        };
        self.subscribed.insert(conv, last);
        let mut presence = None;
        if let Some(other) = before.other {
            if self.watching.insert(other) {
                state
                    .live
                    .hub()
                    .subscribe(Topic::Presence(other), &self.outbox);
            }
            presence = Some(Event::presence(other, state.live.online(other).await));
        }
        let reply = protocol::text(&Subscribed {
            id,
            r#type: "subscribed",
            conv: conv.into(),
            seq: last,
            recovered,
            messages,
        });
        if let Some(presence) = presence {
            // after the reply, so the client knows the chat first
            let _ = self.send(reply).await;
            return Ok(presence.frame.to_string());
        }
        Ok(reply)
    }

    async fn push(&mut self, push: Push) -> Result<(), Gone> {
        let event = match push {
            Push::Event(event) => event,
            Push::Resync => {
                let subscribed: Vec<(Conv, i64)> =
                    self.subscribed.iter().map(|(c, s)| (*c, *s)).collect();
                for (conv, last) in subscribed {
                    self.fill(conv, last).await?;
                }
                return Ok(());
            }
        };
        match event.topic {
            Topic::Presence(_) => self.send(event.frame.to_string()).await,
            Topic::Conv(conv) => {
                let Some(last) = self.subscribed.get(&conv).copied() else {
                    return Ok(());
                };
                match event.seq {
                    None => self.send(event.frame.to_string()).await,
                    Some(seq) if seq <= last => Ok(()),
                    Some(seq) if seq == last + 1 => {
                        self.subscribed.insert(conv, seq);
                        self.send(event.frame.to_string()).await
                    }
                    Some(_) => self.fill(conv, last).await,
                }
            }
        }
    }

    /// Sends what the database has of `conv` after `last`, in order.
    async fn fill(&mut self, conv: Conv, mut last: i64) -> Result<(), Gone> {
        let state = Arc::clone(&self.state);
        let limit = state.replay_limit;
        loop {
            let since = last;
            let rows = match state
                .db
                .run(move |conn| messages::after(conn, conv, since, limit).map_err(ChatError::from))
                .await
            {
                Ok(rows) => rows,
                Err(e) => {
                    // the next push or resync tries again
                    log::warn!("cannot fill a gap: {e:?}");
                    return Ok(());
                }
            };
            let full = rows.len() as i64 >= limit;
            let sent: Vec<MessageItem> = items(&state, rows).await;
            for item in sent {
                last = item.seq;
                self.subscribed.insert(conv, last);
                self.send(Event::message(conv, item.seq, &item).frame.to_string())
                    .await?;
            }
            if !full {
                return Ok(());
            }
        }
    }
}

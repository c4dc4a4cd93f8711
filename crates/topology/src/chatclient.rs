//! A chat app's socket as a real client keeps it: connected through one
//! gateway, subscribed to one chat, reconnecting when the socket drops and
//! resuming from the last `seq` it saw, and asking again when a pushed
//! `seq` skips one.

use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::Notify;
use tokio_tungstenite::tungstenite::Message;

#[derive(Default)]
pub struct Seen {
    pub seqs: BTreeSet<i64>,
    pub last: i64,
    pub reconnects: u32,
    pub gap_fills: u32,
    pub connected: bool,
    pub last_push: Option<(i64, Instant)>,
    /// when the last `subscribed` came
    pub subscribed_at: Option<Instant>,
}

#[derive(Clone)]
pub struct Client {
    pub seen: Arc<Mutex<Seen>>,
    drop_now: Arc<Notify>,
}

impl Client {
    /// Starts the client on `ws_base` (`ws://host:port`) for `chat`.
    pub fn start(ws_base: String, token: String, chat: i64) -> Client {
        let client = Client {
            seen: Arc::default(),
            drop_now: Arc::new(Notify::new()),
        };
        let me = client.clone();
        tokio::spawn(async move {
            loop {
                me.session(&ws_base, &token, chat).await;
                if let Ok(mut s) = me.seen.lock() {
                    s.connected = false;
                    s.reconnects += 1;
                }
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        });
        client
    }

    /// Closes the socket; the client connects again by itself.
    pub fn reconnect(&self) {
        self.drop_now.notify_one();
    }

    pub fn last(&self) -> i64 {
        self.seen.lock().map(|s| s.last).unwrap_or(0)
    }

    pub fn connected(&self) -> bool {
        self.seen.lock().map(|s| s.connected).unwrap_or(false)
    }

    pub fn has(&self, seq: i64) -> bool {
        self.seen
            .lock()
            .map(|s| s.seqs.contains(&seq))
            .unwrap_or(false)
    }

    async fn session(&self, base: &str, token: &str, chat: i64) {
        let url = format!("{base}/ws?token={token}");
        let Ok(Ok((mut ws, _))) = tokio::time::timeout(
            Duration::from_secs(3),
            tokio_tungstenite::connect_async(url),
        )
        .await
        else {
            return;
        };
        let subscribe = |since: i64, id: u64| {
            Message::text(
                json!({"id": id, "type": "subscribe", "chat": chat, "since": since}).to_string(),
            )
        };
        let mut id = 1;
        if ws.send(subscribe(self.last(), id)).await.is_err() {
            return;
        }
        loop {
            let frame = tokio::select! {
                frame = ws.next() => frame,
                () = self.drop_now.notified() => {
                    let _ = ws.close(None).await;
                    return;
                }
            };
            let Some(Ok(frame)) = frame else { return };
            let Message::Text(text) = frame else { continue };
            let Ok(value) = serde_json::from_str::<Value>(&text) else {
                continue;
            };
            let mut ask_again = None;
            if let Ok(mut s) = self.seen.lock() {
                match value["type"].as_str() {
                    Some("subscribed") => {
                        s.connected = true;
                        s.subscribed_at = Some(Instant::now());
                        for m in value["messages"].as_array().into_iter().flatten() {
                            if let Some(seq) = m["seq"].as_i64() {
                                s.seqs.insert(seq);
                                s.last = s.last.max(seq);
                            }
                        }
                    }
                    Some("message") => {
                        if let Some(seq) = value["message"]["seq"].as_i64() {
                            if seq > s.last + 1 {
                                // a push went missing: replay what is after
                                // the last one seen
                                s.gap_fills += 1;
                                ask_again = Some(s.last);
                            } else {
                                s.last = s.last.max(seq);
                            }
                            s.seqs.insert(seq);
                            s.last_push = Some((seq, Instant::now()));
                        }
                    }
                    _ => {}
                }
            }
            if let Some(since) = ask_again {
                id += 1;
                if ws.send(subscribe(since, id)).await.is_err() {
                    return;
                }
            }
        }
    }
}

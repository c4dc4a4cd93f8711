//! The sender side: each store's manager holds one socket through the
//! gateway and sends into its chats; a pacer spreads `--rate` messages a
//! second over every chat in turn. A message's text carries its intended
//! send time, so a sender that falls behind shows in the latency instead
//! of slowing the rate down.

use super::sockets::Socket;
use futures_util::{SinkExt, StreamExt};
use hdrhistogram::Histogram;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::Message;

/// Replies the senders got.
pub struct Replies {
    epoch: Instant,
    period_ns: u64,
    start_us: AtomicU64,
    /// Send-to-`sent` reply, microseconds.
    pub ack: Mutex<Histogram<u64>>,
    pub sent: AtomicU64,
    pub refused: AtomicU64,
    pub errors: Mutex<BTreeMap<String, usize>>,
    /// Set when the run is over: the sockets' end is no news.
    pub over: AtomicBool,
}

impl Replies {
    pub fn new(epoch: Instant, rate: u64) -> Replies {
        Replies {
            epoch,
            period_ns: 1_000_000_000 / rate.max(1),
            start_us: AtomicU64::new(0),
            ack: Mutex::new(Histogram::new_with_bounds(1, 120_000_000, 3).expect("bounds")),
            sent: AtomicU64::new(0),
            refused: AtomicU64::new(0),
            errors: Mutex::new(BTreeMap::new()),
            over: AtomicBool::new(false),
        }
    }

    fn intended_us(&self, k: u64) -> u64 {
        self.start_us.load(Ordering::Relaxed) + k * self.period_ns / 1000
    }

    fn reply(&self, text: &str) {
        let now = self.epoch.elapsed().as_micros() as u64;
        let Ok(v) = serde_json::from_str::<Value>(text) else {
            return;
        };
        match v["type"].as_str() {
            Some("sent") => {
                self.sent.fetch_add(1, Ordering::Relaxed);
                if let Some(k) = v["id"].as_u64() {
                    let at = self.intended_us(k);
                    let mut h = self
                        .ack
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner);
                    h.saturating_record(now.saturating_sub(at).max(1));
                }
            }
            Some("error") => {
                self.refused.fetch_add(1, Ordering::Relaxed);
                let why = format!("{} {}", v["code"], v["message"]);
                *self
                    .errors
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .entry(why)
                    .or_default() += 1;
            }
            _ => {}
        }
    }
}

/// A manager's socket: frames from the pacer out, replies in.
pub fn sender(ws: Socket, replies: Arc<Replies>) -> mpsc::UnboundedSender<String> {
    let (mut tx, mut rx) = ws.split();
    let (out, mut frames) = mpsc::unbounded_channel::<String>();
    let writer = Arc::clone(&replies);
    tokio::spawn(async move {
        while let Some(frame) = frames.recv().await {
            if let Err(e) = tx.send(Message::text(frame)).await {
                if !writer.over.load(Ordering::Relaxed) {
                    println!("a sender's socket failed: {e}");
                }
                return;
            }
        }
    });
    tokio::spawn(async move {
        while let Some(frame) = rx.next().await {
            let end = match frame {
                Ok(Message::Text(text)) => {
                    replies.reply(&text);
                    continue;
                }
                Ok(Message::Close(frame)) => format!("was closed: {frame:?}"),
                Ok(_) => continue,
                Err(e) => format!("broke: {e}"),
            };
            if !replies.over.load(Ordering::Relaxed) {
                println!("a sender's socket {end}");
            }
            return;
        }
    });
    out
}

/// Sends `rate` × `seconds` messages, message `k` at `start + k / rate`
/// to chat `chats[k % len]` through its store's sender. Returns when the
/// last is written, with the time it took.
pub async fn pace(
    chats: &[(i64, usize)],
    senders: &[mpsc::UnboundedSender<String>],
    replies: &Replies,
    rate: u64,
    seconds: u64,
) -> Duration {
    let total = rate * seconds;
    let start = Instant::now() + Duration::from_millis(100);
    replies.start_us.store(
        (start - replies.epoch).as_micros() as u64,
        Ordering::Relaxed,
    );
    for k in 0..total {
        let due = start + Duration::from_nanos(k * replies.period_ns);
        if due > Instant::now() {
            tokio::time::sleep_until(due.into()).await;
        }
        let (chat, store) = chats[(k as usize) % chats.len()];
        let frame = json!({
            "id": k,
            "type": "send",
            "chat": chat,
            "text": format!("bench {k} {}", replies.intended_us(k)),
            "client_id": format!("bench-{k}"),
        });
        let _ = senders[store].send(frame.to_string());
    }
    start.elapsed()
}

//! The client side: sockets through the gateway's `/ws`, each buyer's
//! subscribed to its chat, and what arrives on them (latency, losses,
//! duplicates, closes).

use futures_util::{SinkExt, StreamExt};
use hdrhistogram::Histogram;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::{Error, Message};

pub type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// Opens `/ws` on the gateway (`ws://host:port`) with a Bearer token.
pub async fn connect(gateway: &str, token: &str) -> Result<Socket, String> {
    let mut request = format!("{gateway}/ws")
        .into_client_request()
        .map_err(|e| e.to_string())?;
    request.headers_mut().insert(
        "authorization",
        HeaderValue::from_str(&format!("Bearer {token}")).map_err(|e| e.to_string())?,
    );
    match tokio::time::timeout(
        Duration::from_secs(30),
        tokio_tungstenite::connect_async(request),
    )
    .await
    {
        Err(_) => Err("handshake timed out (30 s)".into()),
        Ok(Ok((socket, _))) => Ok(socket),
        Ok(Err(Error::Http(res))) => Err(format!(
            "refused: HTTP {} {}",
            res.status(),
            String::from_utf8_lossy(res.body().as_deref().unwrap_or_default())
        )),
        Ok(Err(e)) => Err(e.to_string()),
    }
}

/// Subscribes to `chat` from the start and waits for the reply.
pub async fn subscribe(ws: &mut Socket, chat: i64) -> Result<(), String> {
    let frame = json!({"id": 1, "type": "subscribe", "chat": chat, "since": 0});
    ws.send(Message::text(frame.to_string()))
        .await
        .map_err(|e| e.to_string())?;
    tokio::time::timeout(Duration::from_secs(30), subscribed(ws))
        .await
        .unwrap_or_else(|_| Err("no subscribe reply in 30 s".into()))
}

async fn subscribed(ws: &mut Socket) -> Result<(), String> {
    loop {
        match ws.next().await {
            Some(Ok(Message::Text(text))) => {
                let v: Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
                match v["type"].as_str() {
                    Some("subscribed") => return Ok(()),
                    Some("error") => return Err(format!("subscribe refused: {v}")),
                    _ => {}
                }
            }
            Some(Ok(Message::Close(frame))) => return Err(format!("closed: {frame:?}")),
            Some(Ok(_)) => {}
            Some(Err(e)) => return Err(e.to_string()),
            None => return Err("ended".into()),
        }
    }
}

/// What the receiving sockets saw.
pub struct Inbox {
    epoch: Instant,
    /// Send-to-push latency, microseconds.
    pub latency: Mutex<Histogram<u64>>,
    seen: Vec<AtomicBool>,
    pub received: AtomicU64,
    pub duplicates: AtomicU64,
    /// Sockets that closed or broke, by how.
    pub closed: Mutex<BTreeMap<String, usize>>,
    pub closed_count: AtomicU64,
}

impl Inbox {
    pub fn new(epoch: Instant, messages: usize) -> Inbox {
        Inbox {
            epoch,
            latency: Mutex::new(Histogram::new_with_bounds(1, 120_000_000, 3).expect("bounds")),
            seen: (0..messages).map(|_| AtomicBool::new(false)).collect(),
            received: AtomicU64::new(0),
            duplicates: AtomicU64::new(0),
            closed: Mutex::new(BTreeMap::new()),
            closed_count: AtomicU64::new(0),
        }
    }

    fn message(&self, text: &str) {
        let now = self.epoch.elapsed().as_micros() as u64;
        let Ok(v) = serde_json::from_str::<Value>(text) else {
            return;
        };
        if v["type"] != "message" {
            return;
        }
        // "bench <k> <intended send time, µs since the epoch>"
        let body = v["message"]["text"].as_str().unwrap_or_default();
        let mut parts = body.split(' ').skip(1).map(|p| p.parse::<u64>().ok());
        let (Some(Some(k)), Some(Some(at))) = (parts.next(), parts.next()) else {
            return;
        };
        let Some(flag) = self.seen.get(k as usize) else {
            return;
        };
        if flag.swap(true, Ordering::Relaxed) {
            self.duplicates.fetch_add(1, Ordering::Relaxed);
            return;
        }
        self.received.fetch_add(1, Ordering::Relaxed);
        let mut h = self
            .latency
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        h.saturating_record(now.saturating_sub(at).max(1));
    }

    fn closed(&self, how: String) {
        self.closed_count.fetch_add(1, Ordering::Relaxed);
        *self
            .closed
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .entry(how)
            .or_default() += 1;
    }
}

/// Reads a receiving socket until it ends (answering pings as it reads).
pub async fn receive(mut ws: Socket, inbox: Arc<Inbox>) {
    let how = loop {
        match ws.next().await {
            Some(Ok(Message::Text(text))) => inbox.message(&text),
            Some(Ok(Message::Close(frame))) => {
                break format!(
                    "closed {}",
                    frame.map_or("without a code".into(), |f| u16::from(f.code).to_string())
                )
            }
            Some(Ok(_)) => {}
            Some(Err(e)) => break format!("broken: {e}"),
            None => break "ended".into(),
        }
    };
    inbox.closed(how);
}

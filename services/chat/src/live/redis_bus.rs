//! Events between replicas over one Redis pub/sub channel, and users'
//! socket counts (for presence) in Redis counters.

use super::event::{Event, Wire};
use super::hub::Hub;
use futures_util::StreamExt;
use redis::aio::ConnectionManager;
use redis::AsyncCommands;
use std::sync::Arc;
use std::time::Duration;

/// Wait before subscribing again after the channel broke.
const RETRY: Duration = Duration::from_millis(200);

pub struct RedisBus {
    publisher: ConnectionManager,
    channel: String,
    prefix: String,
}

impl RedisBus {
    /// Subscribes (waiting for the first subscription, so nothing published
    /// after start-up is missed here) and keeps subscribed.
    pub async fn start(
        url: &str,
        prefix: &str,
        publisher: ConnectionManager,
        hub: Arc<Hub>,
    ) -> Result<RedisBus, String> {
        let client = redis::Client::open(url).map_err(|e| e.to_string())?;
        let channel = format!("{prefix}events");
        let (ready, subscribed) = tokio::sync::oneshot::channel();
        tokio::spawn(subscribe(
            client,
            channel.clone(),
            Arc::downgrade(&hub),
            ready,
        ));
        match tokio::time::timeout(Duration::from_secs(5), subscribed).await {
            Ok(Ok(())) => {}
            _ => return Err("cannot subscribe to the events channel".into()),
        }
        Ok(RedisBus {
            publisher,
            channel,
            prefix: prefix.to_string(),
        })
    }

    pub async fn publish(&self, event: &Event) -> Result<(), String> {
        let text = serde_json::to_string(&Wire::of(event)).map_err(|e| e.to_string())?;
        let mut conn = self.publisher.clone();
        conn.publish::<_, _, i64>(&self.channel, text)
            .await
            .map(|_| ())
            .map_err(|e| e.to_string())
    }

    /// Adds `by` to `user`'s socket count; the new count, or `None` when
    /// Redis does not answer (then presence is not announced).
    pub async fn count(&self, user: i64, by: i64) -> Option<i64> {
        let mut conn = self.publisher.clone();
        let key = format!("{}online:{user}", self.prefix);
        match conn.incr::<_, _, i64>(&key, by).await {
            Ok(n) => {
                if n <= 0 {
                    let _: Result<i64, _> = conn.del(&key).await;
                }
                Some(n)
            }
            Err(e) => {
                log::warn!("presence count unavailable: {e}");
                None
            }
        }
    }

    pub async fn online(&self, user: i64) -> bool {
        let mut conn = self.publisher.clone();
        let key = format!("{}online:{user}", self.prefix);
        conn.get::<_, Option<i64>>(&key)
            .await
            .ok()
            .flatten()
            .is_some_and(|n| n > 0)
    }
}

/// Receives every replica's events for this replica's hub, until the hub is
/// gone. After the channel broke and came back, every socket looks for
/// gaps: events published meanwhile were lost to it.
async fn subscribe(
    client: redis::Client,
    channel: String,
    hub: std::sync::Weak<Hub>,
    ready: tokio::sync::oneshot::Sender<()>,
) {
    let mut ready = Some(ready);
    let mut broken = false;
    loop {
        if hub.strong_count() == 0 {
            return;
        }
        let mut pubsub = match client.get_async_pubsub().await {
            Ok(p) => p,
            Err(e) => {
                if !broken {
                    log::warn!("redis subscriber cannot connect: {e}");
                }
                broken = true;
                tokio::time::sleep(RETRY).await;
                continue;
            }
        };
        if let Err(e) = pubsub.subscribe(&channel).await {
            log::warn!("redis subscribe failed: {e}");
            broken = true;
            tokio::time::sleep(RETRY).await;
            continue;
        }
        if let Some(ready) = ready.take() {
            let _ = ready.send(());
        }
        if broken {
            log::info!("redis subscriber is back");
            if let Some(hub) = hub.upgrade() {
                hub.resync_all();
            }
        }
        let mut messages = pubsub.on_message();
        while let Some(message) = messages.next().await {
            let Some(hub) = hub.upgrade() else { return };
            let Ok(text) = message.get_payload::<String>() else {
                continue;
            };
            match serde_json::from_str::<Wire>(&text)
                .ok()
                .and_then(Wire::event)
            {
                Some(event) => hub.dispatch(event),
                None => log::warn!("an event on {channel} could not be read"),
            }
        }
        broken = true;
        tokio::time::sleep(RETRY).await;
    }
}

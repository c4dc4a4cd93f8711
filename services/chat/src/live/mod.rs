//! Fan-out: an event published on any replica reaches the subscribed
//! sockets of every replica. With Redis, one pub/sub channel carries every
//! event to every replica (`redis_bus`); embedded, the hub gets it
//! directly. Pub/sub may lose events (it is at most once): sockets look for
//! gaps in sequence numbers and read what is missing from the database,
//! which is the stream (README.md, "Fan-out and resume").

mod event;
mod hub;
mod redis_bus;

pub use event::{ConvRef, Event, Topic};
pub use hub::{Hub, Outbox, Push};

use std::sync::Arc;

pub struct Live {
    hub: Arc<Hub>,
    redis: Option<redis_bus::RedisBus>,
}

impl Live {
    /// In-process only.
    pub fn local() -> Live {
        Live {
            hub: Arc::new(Hub::default()),
            redis: None,
        }
    }

    /// Through Redis at `url`, on channels and keys starting with `prefix`;
    /// starts the subscriber on the current runtime.
    pub async fn redis(
        url: &str,
        prefix: &str,
        publisher: redis::aio::ConnectionManager,
    ) -> Result<Live, String> {
        let hub = Arc::new(Hub::default());
        let redis = redis_bus::RedisBus::start(url, prefix, publisher, Arc::clone(&hub)).await?;
        Ok(Live {
            hub,
            redis: Some(redis),
        })
    }

    pub fn hub(&self) -> &Hub {
        &self.hub
    }

    pub async fn publish(&self, event: Event) {
        match &self.redis {
            Some(redis) => {
                if let Err(e) = redis.publish(&event).await {
                    // this replica's sockets still get it; the others find
                    // the gap at the next message or resync
                    log::warn!("redis publish failed, delivering here only: {e}");
                    self.hub.dispatch(event);
                }
            }
            None => self.hub.dispatch(event),
        }
    }

    /// Counts a socket of `user`; says `online` to watchers on its first.
    pub async fn connected(&self, user: i64) {
        let first = match &self.redis {
            Some(redis) => {
                self.hub.connected(user);
                redis.count(user, 1).await == Some(1)
            }
            None => self.hub.connected(user),
        };
        if first {
            self.publish(Event::presence(user, true)).await;
        }
    }

    /// Uncounts a socket of `user`; says `offline` on its last.
    pub async fn disconnected(&self, user: i64) {
        let last = match &self.redis {
            Some(redis) => {
                self.hub.disconnected(user);
                redis.count(user, -1).await.is_some_and(|n| n <= 0)
            }
            None => self.hub.disconnected(user),
        };
        if last {
            self.publish(Event::presence(user, false)).await;
        }
    }

    pub async fn online(&self, user: i64) -> bool {
        if self.hub.online_here(user) {
            return true;
        }
        match &self.redis {
            Some(redis) => redis.online(user).await,
            None => false,
        }
    }
}

//! The sockets this gateway relays, by user: the per-user cap, and the
//! sweeper that closes a socket within a poll of its token's revocation
//! (4003) or expiry (4001). One task checks every socket, so a socket
//! costs no timer of its own for it.

use platform_auth::{Claims, RevocationCheck};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU16, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, Weak};
use std::time::Duration;
use tokio::sync::Notify;

/// A socket's close order, with its code.
#[derive(Default)]
pub struct Signal {
    code: AtomicU16,
    notify: Notify,
}

impl Signal {
    pub fn close(&self, code: u16) {
        self.code.store(code, Ordering::Release);
        self.notify.notify_one();
    }

    /// Waits for the order; its code.
    pub async fn closed(&self) -> u16 {
        self.notify.notified().await;
        self.code.load(Ordering::Acquire)
    }
}

struct Entry {
    claims: Arc<Claims>,
    signal: Arc<Signal>,
}

#[derive(Default)]
struct Inner {
    sockets: HashMap<u64, Entry>,
    per_user: HashMap<String, usize>,
}

#[derive(Default)]
pub struct Registry {
    next: AtomicU64,
    inner: Mutex<Inner>,
}

/// Close codes (services/chat/README.md, "WebSocket protocol").
pub const NOT_LOGGED_IN: u16 = 4001;
pub const REVOKED: u16 = 4003;
pub const TOO_SLOW: u16 = 4008;

impl Registry {
    fn inner(&self) -> MutexGuard<'_, Inner> {
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Counts a socket of the token's user, unless the user has `cap`
    /// already: its id and close signal.
    pub fn admit(&self, claims: Arc<Claims>, cap: usize) -> Option<(u64, Arc<Signal>)> {
        let mut inner = self.inner();
        let held = inner.per_user.entry(claims.sub.clone()).or_default();
        if *held >= cap {
            return None;
        }
        *held += 1;
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        let signal = Arc::new(Signal::default());
        inner.sockets.insert(
            id,
            Entry {
                claims,
                signal: Arc::clone(&signal),
            },
        );
        Some((id, signal))
    }

    pub fn remove(&self, id: u64) {
        let mut inner = self.inner();
        let Some(entry) = inner.sockets.remove(&id) else {
            return;
        };
        let user = &entry.claims.sub;
        if let Some(held) = inner.per_user.get_mut(user) {
            *held -= 1;
            if *held == 0 {
                inner.per_user.remove(user);
            }
        }
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.inner().sockets.len()
    }

    /// Checks every socket's token each `every` until the registry is gone.
    pub fn sweep(registry: Weak<Registry>, revocations: Arc<dyn RevocationCheck>, every: Duration) {
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(every);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tick.tick().await;
                let Some(registry) = registry.upgrade() else {
                    return;
                };
                let live: Vec<(Arc<Claims>, Arc<Signal>)> = registry
                    .inner()
                    .sockets
                    .values()
                    .map(|e| (Arc::clone(&e.claims), Arc::clone(&e.signal)))
                    .collect();
                drop(registry);
                let now = now();
                for (claims, signal) in live {
                    if claims.exp < now {
                        signal.close(NOT_LOGGED_IN);
                    } else if matches!(revocations.is_revoked(&claims).await, Ok(true)) {
                        signal.close(REVOKED);
                    }
                }
            }
        });
    }
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_user_holds_at_most_the_cap() {
        let registry = Registry::default();
        let alice = Arc::new(Claims::new("1", "user", 60));
        let bob = Arc::new(Claims::new("2", "user", 60));
        let (first, _) = registry.admit(Arc::clone(&alice), 2).unwrap();
        assert!(registry.admit(Arc::clone(&alice), 2).is_some());
        assert!(
            registry.admit(Arc::clone(&alice), 2).is_none(),
            "over the cap"
        );
        assert!(registry.admit(bob, 2).is_some(), "another user's own cap");
        registry.remove(first);
        assert!(
            registry.admit(alice, 2).is_some(),
            "a closed socket frees its place"
        );
        assert_eq!(registry.len(), 3);
    }
}

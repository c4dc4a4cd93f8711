//! This replica's sockets by topic. Each socket has one bounded queue
//! (its outbox); an event that finds it full wakes the socket to close
//! with 4008 instead of waiting or growing, so one slow reader never
//! holds up the others or memory.

use super::event::{Event, Topic};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use tokio::sync::{mpsc, Notify};

/// What a socket's queue carries.
#[derive(Debug, Clone)]
pub enum Push {
    Event(Arc<Event>),
    /// Events may have been lost (the Redis channel broke): look for gaps.
    Resync,
}

#[derive(Clone)]
pub struct Outbox {
    pub id: u64,
    tx: mpsc::Sender<Push>,
    slow: Arc<Notify>,
}

impl Outbox {
    fn push(&self, push: Push) {
        if let Err(mpsc::error::TrySendError::Full(_)) = self.tx.try_send(push) {
            self.slow.notify_one();
        }
    }
}

#[derive(Default)]
struct Inner {
    topics: HashMap<Topic, HashMap<u64, Outbox>>,
    /// Each socket's topics, to forget it in one go.
    by_socket: HashMap<u64, Vec<Topic>>,
    /// Sockets of each user on this replica.
    online: HashMap<i64, usize>,
}

#[derive(Default)]
pub struct Hub {
    next: AtomicU64,
    inner: Mutex<Inner>,
}

impl Hub {
    fn inner(&self) -> MutexGuard<'_, Inner> {
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// A new socket's outbox of `capacity` frames, its queue, and what
    /// wakes it when the queue overflowed.
    pub fn outbox(&self, capacity: usize) -> (Outbox, mpsc::Receiver<Push>, Arc<Notify>) {
        let (tx, rx) = mpsc::channel(capacity);
        let slow = Arc::new(Notify::new());
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        (
            Outbox {
                id,
                tx,
                slow: Arc::clone(&slow),
            },
            rx,
            slow,
        )
    }

    pub fn subscribe(&self, topic: Topic, outbox: &Outbox) {
        let mut inner = self.inner();
        let fresh = inner
            .topics
            .entry(topic)
            .or_default()
            .insert(outbox.id, outbox.clone())
            .is_none();
        if fresh {
            inner.by_socket.entry(outbox.id).or_default().push(topic);
        }
    }

    pub fn unsubscribe(&self, topic: Topic, socket: u64) {
        let mut inner = self.inner();
        forget(&mut inner, topic, socket);
        if let Some(topics) = inner.by_socket.get_mut(&socket) {
            topics.retain(|t| *t != topic);
        }
    }

    /// Forgets a closed socket.
    pub fn remove(&self, socket: u64) {
        let mut inner = self.inner();
        for topic in inner.by_socket.remove(&socket).unwrap_or_default() {
            forget(&mut inner, topic, socket);
        }
    }

    pub fn dispatch(&self, event: Event) {
        let event = Arc::new(event);
        let inner = self.inner();
        if let Some(sockets) = inner.topics.get(&event.topic) {
            for outbox in sockets.values() {
                outbox.push(Push::Event(Arc::clone(&event)));
            }
        }
    }

    /// Every socket looks for gaps in what it was sent.
    pub fn resync_all(&self) {
        let inner = self.inner();
        let mut told = std::collections::HashSet::new();
        for sockets in inner.topics.values() {
            for outbox in sockets.values() {
                if told.insert(outbox.id) {
                    outbox.push(Push::Resync);
                }
            }
        }
    }

    /// Counts a socket of `user`; true for the user's first on this replica.
    pub fn connected(&self, user: i64) -> bool {
        let mut inner = self.inner();
        let n = inner.online.entry(user).or_default();
        *n += 1;
        *n == 1
    }

    /// Uncounts a socket of `user`; true when it was the user's last here.
    pub fn disconnected(&self, user: i64) -> bool {
        let mut inner = self.inner();
        match inner.online.get_mut(&user) {
            Some(n) if *n > 1 => {
                *n -= 1;
                false
            }
            Some(_) => {
                inner.online.remove(&user);
                true
            }
            None => false,
        }
    }

    pub fn online_here(&self, user: i64) -> bool {
        self.inner().online.contains_key(&user)
    }

    /// Sockets held on this replica.
    pub fn sockets(&self) -> usize {
        self.inner().online.values().sum()
    }
}

fn forget(inner: &mut Inner, topic: Topic, socket: u64) {
    if let Some(sockets) = inner.topics.get_mut(&topic) {
        sockets.remove(&socket);
        if sockets.is_empty() {
            inner.topics.remove(&topic);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conversation::Conv;

    #[test]
    fn events_reach_subscribers_only_and_a_full_queue_wakes_its_socket() {
        let hub = Hub::default();
        let (a, mut a_rx, _) = hub.outbox(1);
        let (b, mut b_rx, b_slow) = hub.outbox(1);
        let chat = Topic::Conv(Conv::Chat(7));
        hub.subscribe(chat, &a);
        hub.subscribe(chat, &b);
        hub.subscribe(Topic::Presence(3), &a);
        hub.dispatch(Event::typing(Conv::Chat(7), 1));
        assert!(a_rx.try_recv().is_ok());
        hub.dispatch(Event::typing(Conv::Chat(8), 1));
        assert!(a_rx.try_recv().is_err(), "not subscribed to chat 8");
        // b never read its first event: the second overflows
        hub.dispatch(Event::typing(Conv::Chat(7), 1));
        let woken = b_slow.notified();
        tokio::pin!(woken);
        assert!(futures_util::FutureExt::now_or_never(woken.as_mut()).is_some());
        assert!(b_rx.try_recv().is_ok());
        assert!(a_rx.try_recv().is_ok(), "a read its queue in time");
        hub.remove(a.id);
        hub.dispatch(Event::presence(3, true));
        assert!(a_rx.try_recv().is_err(), "a removed socket gets nothing");
    }

    #[test]
    fn presence_counts_sockets_per_user() {
        let hub = Hub::default();
        assert!(hub.connected(5));
        assert!(!hub.connected(5));
        assert!(!hub.disconnected(5));
        assert!(hub.online_here(5));
        assert!(hub.disconnected(5));
        assert!(!hub.online_here(5));
    }
}

//! A small time-bounded cache of peers' answers, so a page of chats costs
//! at most one call per peer, and mostly none.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Entries kept at most; past that the cache starts again, which only
/// costs calls.
const MAX_ENTRIES: usize = 50_000;

pub struct Cache<V> {
    ttl: Duration,
    entries: Mutex<HashMap<i64, (Instant, V)>>,
}

impl<V: Clone> Cache<V> {
    pub fn new(ttl: Duration) -> Cache<V> {
        Cache {
            ttl,
            entries: Mutex::new(HashMap::new()),
        }
    }

    /// The fresh entries among `ids`, and the ids still to ask for.
    pub fn split(&self, ids: &[i64]) -> (HashMap<i64, V>, Vec<i64>) {
        let entries = self
            .entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut found = HashMap::new();
        let mut missing = Vec::new();
        for id in ids {
            match entries.get(id) {
                Some((at, v)) if at.elapsed() < self.ttl => {
                    found.insert(*id, v.clone());
                }
                _ => missing.push(*id),
            }
        }
        missing.sort_unstable();
        missing.dedup();
        (found, missing)
    }

    pub fn put(&self, id: i64, value: V) {
        let mut entries = self
            .entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if entries.len() >= MAX_ENTRIES {
            entries.clear();
        }
        entries.insert(id, (Instant::now(), value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_entries_are_found_and_stale_ones_asked_again() {
        let cache = Cache::new(Duration::from_secs(60));
        cache.put(1, "a");
        let (found, missing) = cache.split(&[1, 2, 2]);
        assert_eq!(found.get(&1), Some(&"a"));
        assert_eq!(missing, vec![2]);
        let stale = Cache::new(Duration::ZERO);
        stale.put(1, "a");
        assert_eq!(stale.split(&[1]).1, vec![1]);
    }
}

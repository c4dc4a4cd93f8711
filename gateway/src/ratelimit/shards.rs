use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

const SHARDS: usize = 16;

/// Maps keyed by bucket behind several locks, so that workers rarely wait
/// on one another.
pub struct Shards<V> {
    maps: Vec<Mutex<HashMap<String, V>>>,
}

impl<V> Default for Shards<V> {
    fn default() -> Self {
        Shards {
            maps: (0..SHARDS).map(|_| Mutex::new(HashMap::new())).collect(),
        }
    }
}

impl<V> Shards<V> {
    /// The locked map that holds `key`.
    pub fn of(&self, key: &str) -> MutexGuard<'_, HashMap<String, V>> {
        self.maps[shard_of(key)]
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Every map in turn, each locked only while it is looked at.
    pub fn each(&self) -> impl Iterator<Item = MutexGuard<'_, HashMap<String, V>>> {
        self.maps
            .iter()
            .map(|m| m.lock().unwrap_or_else(std::sync::PoisonError::into_inner))
    }
}

/// FNV-1a: a fixed hash, so one key always lands in the same shard.
fn shard_of(key: &str) -> usize {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in key.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    (h % SHARDS as u64) as usize
}

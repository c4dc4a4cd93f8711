use super::gcra::{self, Decision};
use crate::settings::Policy;
use std::collections::HashMap;
use std::sync::Mutex;

const SHARDS: usize = 16;

/// GCRA in this process: the limiter without Redis, and the fallback while
/// Redis is away. Sharded so workers rarely wait on one another.
pub struct LocalLimiter {
    shards: Vec<Mutex<HashMap<String, i64>>>,
}

impl Default for LocalLimiter {
    fn default() -> Self {
        LocalLimiter {
            shards: (0..SHARDS).map(|_| Mutex::new(HashMap::new())).collect(),
        }
    }
}

impl LocalLimiter {
    pub fn check(&self, key: &str, policy: &Policy, now_us: i64) -> Decision {
        let shard = &self.shards[shard_of(key)];
        let mut map = shard.lock().expect("limiter lock");
        // keys whose debt is paid off carry no state; drop them now and then
        if map.len() > 10_000 {
            map.retain(|_, tat| *tat > now_us);
        }
        // a known key is updated in place: no copy of it, one lookup
        if let Some(stored) = map.get_mut(key) {
            let (decision, new_tat) = gcra::step(now_us, Some(*stored), policy);
            if let Some(tat) = new_tat {
                *stored = tat;
            }
            return decision;
        }
        let (decision, new_tat) = gcra::step(now_us, None, policy);
        if let Some(tat) = new_tat {
            map.insert(key.to_string(), tat);
        }
        decision
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

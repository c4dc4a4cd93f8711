use super::gcra::{self, Decision};
use super::shards::Shards;
use crate::settings::Policy;

/// GCRA in this process: the limiter without Redis, and the fallback while
/// Redis is away.
#[derive(Default)]
pub struct LocalLimiter {
    tats: Shards<i64>,
}

impl LocalLimiter {
    pub fn check(&self, key: &str, policy: &Policy, now_us: i64) -> Decision {
        let mut map = self.tats.of(key);
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

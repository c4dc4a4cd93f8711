//! Rate limiting: GCRA in Redis when configured (exact across replicas),
//! in-process otherwise and while Redis is away.

pub mod gcra;
mod lease;
mod local;
mod redis_store;
mod shards;

pub use gcra::Decision;
pub use local::LocalLimiter;
pub use redis_store::RedisStore;

use crate::metrics::GatewayMetrics;
use crate::settings::Policy;

pub struct RateLimiter {
    redis: Option<RedisStore>,
    local: LocalLimiter,
    fail_closed: bool,
    metrics: GatewayMetrics,
}

/// The limiter could not decide and is set to fail closed.
#[derive(Debug)]
pub struct Unavailable;

impl RateLimiter {
    pub fn new(
        redis: Option<RedisStore>,
        fail_closed: bool,
        metrics: GatewayMetrics,
    ) -> RateLimiter {
        RateLimiter {
            redis,
            local: LocalLimiter::default(),
            fail_closed,
            metrics,
        }
    }

    /// Counts one request of `key` (a user or an address) against the named
    /// policy's bucket.
    pub async fn check(
        &self,
        policy_name: &str,
        policy: &Policy,
        key: &str,
    ) -> Result<Decision, Unavailable> {
        let bucket = format!("{policy_name}:{key}");
        let decision = match &self.redis {
            None => self.local.check(&bucket, policy, now_us()),
            Some(redis) => match redis.check(&bucket, policy).await {
                Ok(d) => d,
                Err(e) => {
                    self.metrics.redis_failures.inc();
                    if self.fail_closed {
                        log::error!("rate limit store failed, refusing (fail_closed): {e}");
                        return Err(Unavailable);
                    }
                    log::warn!("rate limit store failed, using this replica's counters: {e}");
                    self.local.check(&bucket, policy, now_us())
                }
            },
        };
        let verdict = if decision.allowed {
            "allowed"
        } else {
            "limited"
        };
        self.metrics
            .ratelimit_decisions
            .with_label_values(&[policy_name, verdict])
            .inc();
        Ok(decision)
    }

    pub async fn ready(&self) -> Result<(), String> {
        match &self.redis {
            Some(redis) => redis.ping().await,
            None => Ok(()),
        }
    }
}

fn now_us() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_micros() as i64)
}

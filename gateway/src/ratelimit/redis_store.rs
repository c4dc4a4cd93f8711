use super::gcra::{self, Decision};
use crate::settings::Policy;
use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use std::sync::LazyLock;
use std::time::{Duration, Instant};
use tokio::sync::Mutex;

/// GCRA in one atomic script, with Redis's clock, so every gateway replica
/// shares one exact limit. Same arithmetic as `gcra::step`.
static SCRIPT: LazyLock<redis::Script> = LazyLock::new(|| {
    redis::Script::new(
        r#"
local t = tonumber(ARGV[1])
local tau = tonumber(ARGV[2])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or now)
if tat < now then tat = now end
local new_tat = tat + t
local allow_at = new_tat - tau
if now < allow_at then
  return {0, tat - now, allow_at - now}
end
redis.call('SET', KEYS[1], new_tat, 'PX', math.ceil((new_tat - now) / 1000) + 1)
return {1, new_tat - now, 0}
"#,
    )
});

/// A Redis connection made lazily and re-made after failures, at most once
/// a second, so a Redis that is down costs requests nothing but the check.
pub struct RedisStore {
    client: redis::Client,
    prefix: String,
    timeout: Duration,
    conn: Mutex<Option<ConnectionManager>>,
    last_attempt: std::sync::Mutex<Option<Instant>>,
}

impl RedisStore {
    pub fn new(url: &str, prefix: &str, timeout: Duration) -> Result<RedisStore, String> {
        let client = redis::Client::open(url).map_err(|e| format!("redis_url: {e}"))?;
        Ok(RedisStore {
            client,
            prefix: prefix.to_string(),
            timeout,
            conn: Mutex::new(None),
            last_attempt: std::sync::Mutex::new(None),
        })
    }

    async fn connection(&self) -> Result<ConnectionManager, String> {
        let mut slot = self.conn.lock().await;
        if let Some(conn) = slot.as_ref() {
            return Ok(conn.clone());
        }
        {
            let mut last = self.last_attempt.lock().expect("lock");
            if last.is_some_and(|at| at.elapsed() < Duration::from_secs(1)) {
                return Err("redis unavailable (waiting to reconnect)".into());
            }
            *last = Some(Instant::now());
        }
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(self.timeout.max(Duration::from_millis(200)))
            .set_response_timeout(self.timeout)
            .set_number_of_retries(1)
            .set_max_delay(1000);
        let conn = tokio::time::timeout(
            self.timeout.max(Duration::from_millis(200)) * 2,
            ConnectionManager::new_with_config(self.client.clone(), config),
        )
        .await
        .map_err(|_| "redis connect timed out".to_string())?
        .map_err(|e| format!("redis connect: {e}"))?;
        *slot = Some(conn.clone());
        Ok(conn)
    }

    /// Forgets a connection that failed. The next call, at most a second
    /// later, makes a fresh one: quicker and more predictable than waiting
    /// out the connection manager's own reconnect backoff.
    async fn forget(&self) {
        *self.conn.lock().await = None;
    }

    pub async fn check(&self, key: &str, policy: &Policy) -> Result<Decision, String> {
        let result = self.try_check(key, policy).await;
        if result.is_err() {
            self.forget().await;
        }
        result
    }

    async fn try_check(&self, key: &str, policy: &Policy) -> Result<Decision, String> {
        let mut conn = self.connection().await?;
        let (t, tau) = gcra::params(policy);
        let mut call = SCRIPT.key(format!("{}rl:{key}", self.prefix));
        call.arg(t).arg(tau);
        let (allowed, debt, wait): (i64, i64, i64) =
            tokio::time::timeout(self.timeout, call.invoke_async(&mut conn))
                .await
                .map_err(|_| "redis call timed out".to_string())?
                .map_err(|e| format!("redis: {e}"))?;
        Ok(gcra::decision(policy, allowed == 1, debt, wait))
    }

    pub async fn ping(&self) -> Result<(), String> {
        let mut conn = self.connection().await?;
        tokio::time::timeout(
            self.timeout,
            redis::cmd("PING").query_async::<String>(&mut conn),
        )
        .await
        .map_err(|_| "redis ping timed out".to_string())?
        .map(|_| ())
        .map_err(|e| format!("redis: {e}"))
    }
}

//! Per-address limits: codes sent, and codes typed wrong, per client
//! address, in fixed windows counted in Redis when it is configured (shared
//! by every replica, no database write per request), otherwise in the
//! database.

use crate::db;
use crate::error::IdentityError;
use crate::settings::LimitSettings;
use platform_db::Db;
use redis::aio::ConnectionManager;

pub enum SendLimiter {
    Database,
    Redis {
        // boxed: the manager is large and the database variant is empty
        conn: Box<ConnectionManager>,
        prefix: String,
    },
}

/// One round trip: count the hit and start the window's expiry on its first.
/// What an address's window counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bucket {
    /// Codes asked for (`limits.address_max_sends`).
    Sends,
    /// Codes typed wrong, or typed when none was live
    /// (`limits.address_max_failures`).
    Failures,
}

impl Bucket {
    fn name(self) -> &'static str {
        match self {
            Bucket::Sends => "send",
            Bucket::Failures => "fail",
        }
    }

    fn max(self, limits: &LimitSettings) -> u32 {
        match self {
            Bucket::Sends => limits.address_max_sends,
            Bucket::Failures => limits.address_max_failures,
        }
    }
}

const HIT: &str = r#"
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return n
"#;

impl SendLimiter {
    /// Counts in Redis when the service has it (`redis_url`), under
    /// `prefix`; otherwise in the database.
    pub fn new(redis: Option<ConnectionManager>, prefix: &str) -> SendLimiter {
        match redis {
            Some(conn) => SendLimiter::Redis {
                conn: Box::new(conn),
                prefix: prefix.to_string(),
            },
            None => SendLimiter::Database,
        }
    }

    /// Counts one hit of `client` in `bucket`; false once the window is
    /// full.
    pub async fn allow(
        &self,
        db: &Db,
        bucket: Bucket,
        client: &str,
        limits: &LimitSettings,
    ) -> Result<bool, IdentityError> {
        let window = limits.address_window_secs;
        let start = limits.window_start();
        let max = bucket.max(limits);
        match self {
            SendLimiter::Database => {
                let key = format!("{}:{client}", bucket.name());
                db.run(move |conn| {
                    db::limits::hit(conn, &key, start, max).map_err(IdentityError::from)
                })
                .await
            }
            SendLimiter::Redis { conn, prefix } => {
                let key = format!("{prefix}{}:{client}:{start}", bucket.name());
                let hits: i64 = redis::Script::new(HIT)
                    .key(key)
                    .arg(window)
                    .invoke_async(&mut (**conn).clone())
                    .await
                    .map_err(IdentityError::internal)?;
                Ok(hits <= i64::from(max))
            }
        }
    }

    /// True when `client`'s window of `bucket` is already full; counts
    /// nothing.
    pub async fn exhausted(
        &self,
        db: &Db,
        bucket: Bucket,
        client: &str,
        limits: &LimitSettings,
    ) -> Result<bool, IdentityError> {
        let start = limits.window_start();
        let max = i64::from(bucket.max(limits));
        let hits = match self {
            SendLimiter::Database => {
                let key = format!("{}:{client}", bucket.name());
                db.run(move |conn| db::limits::hits(conn, &key, start).map_err(IdentityError::from))
                    .await?
            }
            SendLimiter::Redis { conn, prefix } => {
                let key = format!("{prefix}{}:{client}:{start}", bucket.name());
                redis::cmd("GET")
                    .arg(key)
                    .query_async::<Option<i64>>(&mut (**conn).clone())
                    .await
                    .map_err(IdentityError::internal)?
                    .unwrap_or(0)
            }
        };
        Ok(hits >= max)
    }
}

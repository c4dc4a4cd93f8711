//! The per-address limit on code sending: fixed windows counted in Redis
//! when it is configured (shared by every replica, no database write per
//! request), otherwise in the database.

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
const HIT: &str = r#"
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return n
"#;

impl SendLimiter {
    pub async fn connect(redis_url: Option<&str>, prefix: &str) -> Result<SendLimiter, String> {
        let Some(url) = redis_url else {
            return Ok(SendLimiter::Database);
        };
        let client = redis::Client::open(url).map_err(|e| format!("redis_url: {e}"))?;
        let conn = ConnectionManager::new(client)
            .await
            .map_err(|e| format!("redis_url: cannot connect: {e}"))?;
        Ok(SendLimiter::Redis {
            conn: Box::new(conn),
            prefix: prefix.to_string(),
        })
    }

    /// Counts one code request from `client`; false once the window is full.
    pub async fn allow(
        &self,
        db: &Db,
        client: &str,
        limits: &LimitSettings,
    ) -> Result<bool, IdentityError> {
        let window = limits.address_window_secs;
        let start = db::now() / window * window;
        let max = limits.address_max_sends;
        match self {
            SendLimiter::Database => {
                let bucket = format!("send:{client}");
                db.run(move |conn| {
                    db::limits::hit(conn, &bucket, start, max).map_err(IdentityError::from)
                })
                .await
            }
            SendLimiter::Redis { conn, prefix } => {
                let key = format!("{prefix}send:{client}:{start}");
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

    /// For `/readyz`: Redis answers, when there is one.
    pub async fn ping(&self) -> Result<(), String> {
        match self {
            SendLimiter::Database => Ok(()),
            SendLimiter::Redis { conn, .. } => redis::cmd("PING")
                .query_async::<String>(&mut (**conn).clone())
                .await
                .map(|_| ())
                .map_err(|e| format!("redis: {e}")),
        }
    }
}

use platform_service::{Common, ServiceSettings};
use serde::Deserialize;

/// Settings of the chat service: defaults here, then `config/chat.toml`,
/// then `CHAT__<KEY>` (README.md, "Settings").
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    #[serde(skip)]
    pub common: Common,
    /// social's base URL (`/internal/stores`).
    pub social_url: String,
    /// identity's base URL (`/internal/users`).
    pub identity_url: String,
    /// buildings' base URL (`/internal/buildings/changes`); unset, no room
    /// has members.
    pub buildings_url: Option<String>,
    /// How often the buildings change feed is read.
    pub buildings_poll_ms: u64,
    /// How long names, avatars and store managers are kept.
    pub peer_cache_secs: u64,
    /// Time allowed to a peer's answer.
    pub peer_timeout_ms: u64,
    /// The most missed messages a subscribe replays; further behind, the
    /// client is told to reload over REST (`recovered: false`).
    pub replay_limit: i64,
    /// Frames waiting for one socket; a socket this far behind is closed
    /// with 4008.
    pub socket_queue: usize,
    /// WebSocket ping interval; a socket silent for two intervals is closed.
    pub ping_secs: u64,
    /// Redis key and channel prefix (with `redis_url`).
    pub redis_prefix: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            common: Common::defaults("chat", 8083),
            social_url: "http://127.0.0.1:8082".into(),
            identity_url: "http://127.0.0.1:8081".into(),
            buildings_url: Some("http://127.0.0.1:8086".into()),
            buildings_poll_ms: 1000,
            peer_cache_secs: 30,
            peer_timeout_ms: 2000,
            replay_limit: 1000,
            socket_queue: 256,
            ping_secs: 25,
            redis_prefix: "chat:".into(),
        }
    }
}

impl ServiceSettings for Settings {
    const NAME: &'static str = "chat";

    fn common(&self) -> &Common {
        &self.common
    }

    fn common_mut(&mut self) -> &mut Common {
        &mut self.common
    }

    fn check(&self) -> Result<(), String> {
        let urls = [
            ("social_url", Some(&self.social_url)),
            ("identity_url", Some(&self.identity_url)),
            ("buildings_url", self.buildings_url.as_ref()),
        ];
        for (key, url) in urls {
            if let Some(url) = url {
                if !(url.starts_with("http://") || url.starts_with("https://")) {
                    return Err(format!("{key}: `{url}` is not an http(s) URL"));
                }
            }
        }
        let positive = [
            ("buildings_poll_ms", self.buildings_poll_ms),
            ("peer_timeout_ms", self.peer_timeout_ms),
            ("ping_secs", self.ping_secs),
            ("socket_queue", self.socket_queue as u64),
        ];
        for (key, value) in positive {
            if value == 0 {
                return Err(format!("{key}: must be at least 1"));
            }
        }
        if self.replay_limit < 1 {
            return Err("replay_limit: must be at least 1".into());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid_and_bad_values_name_their_key() {
        let settings = Settings::default();
        assert_eq!(settings.common.check(), Ok(()));
        assert_eq!(settings.check(), Ok(()));
        let bad = Settings {
            social_url: "social".into(),
            ..Settings::default()
        };
        assert!(bad.check().unwrap_err().starts_with("social_url"));
        let bad = Settings {
            socket_queue: 0,
            ..Settings::default()
        };
        assert!(bad.check().unwrap_err().starts_with("socket_queue"));
    }

    #[test]
    fn unknown_keys_stop() {
        let env = vec![("CHAT__REPLAY_LIMT".to_string(), "3".to_string())];
        let err =
            platform_service::load_from::<Settings>(std::path::Path::new("/nonexistent"), env)
                .unwrap_err()
                .to_string();
        assert!(err.contains("replay_limt"), "{err}");
    }
}

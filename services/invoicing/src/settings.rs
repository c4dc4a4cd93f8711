use serde::Deserialize;

/// Settings of the invoicing service: defaults here, then
/// `config/invoicing.toml`, then `INVOICING__<KEY>` (ARCHITECTURE.md).
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// `host:port`; port 0 picks a free one.
    pub listen: String,
    /// `sqlite://path`, a bare file path, or `postgres://...`.
    pub database_url: String,
    /// Accepted like every service's, unused: the service keeps no cache.
    pub redis_url: Option<String>,
    /// identity's public keys, to verify the token the gateway forwards.
    pub jwks_url: String,
    /// Clock skew allowed on a token's `exp`, `nbf` and `iat`.
    pub token_leeway_secs: u64,
    /// 0 means one worker per core.
    pub workers: usize,
    /// Largest JSON or form body accepted, in bytes.
    pub body_limit: usize,
    /// Size of the database connection pool.
    pub max_connections: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            listen: "127.0.0.1:8085".into(),
            database_url: "sqlite://./data/invoicing.db".into(),
            redis_url: None,
            jwks_url: "http://127.0.0.1:8081/.well-known/jwks.json".into(),
            token_leeway_secs: platform_auth::DEFAULT_LEEWAY_SECS,
            workers: 0,
            body_limit: 64 * 1024,
            max_connections: 10,
        }
    }
}

impl Settings {
    /// Values serde accepts but the service cannot run with, each named by
    /// its key.
    pub fn check(&self) -> Result<(), String> {
        platform_settings::parse_listen(&self.listen)?;
        if platform_db::Backend::from_url(&self.database_url).is_none() {
            return Err("database_url: neither a sqlite path nor a postgres:// URL".into());
        }
        if !(self.jwks_url.starts_with("http://") || self.jwks_url.starts_with("https://")) {
            return Err(format!(
                "jwks_url: `{}` is not an http(s) URL",
                self.jwks_url
            ));
        }
        if self.body_limit == 0 {
            return Err("body_limit: must be at least 1 byte".into());
        }
        if self.max_connections == 0 {
            return Err("max_connections: must be at least 1".into());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid() {
        assert_eq!(Settings::default().check(), Ok(()));
    }

    #[test]
    fn bad_values_name_their_key() {
        type Spoil = fn(&mut Settings);
        let cases: [(&str, Spoil); 5] = [
            ("listen", |s| s.listen = "nowhere".into()),
            ("database_url", |s| s.database_url = "mysql://h/db".into()),
            ("jwks_url", |s| s.jwks_url = "identity".into()),
            ("body_limit", |s| s.body_limit = 0),
            ("max_connections", |s| s.max_connections = 0),
        ];
        for (key, spoil) in cases {
            let mut settings = Settings::default();
            spoil(&mut settings);
            let err = settings.check().unwrap_err();
            assert!(err.starts_with(key), "{key}: {err}");
        }
    }

    #[test]
    fn environment_overrides_and_unknown_keys_stop() {
        let env = |pairs: &[(&str, &str)]| {
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect::<Vec<_>>()
        };
        let dir = std::path::Path::new("/nonexistent");
        let got: Settings = platform_settings::load_from(
            "invoicing",
            dir,
            env(&[("INVOICING__MAX_CONNECTIONS", "3")]),
        )
        .unwrap();
        assert_eq!(got.max_connections, 3);
        assert_eq!(got.listen, "127.0.0.1:8085");
        let err = platform_settings::load_from::<Settings>(
            "invoicing",
            dir,
            env(&[("INVOICING__BODY_LIMT", "3")]),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("body_limt"), "{err}");
    }
}

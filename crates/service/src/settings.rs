//! The keys every service has, declared once. A service's settings struct
//! holds them in `common` (skipped by serde) and its own keys beside; the
//! loader gives each part the top-level keys that are its own, so a
//! misspelt key still stops start-up with a message naming it.

use platform_settings::{Secret, SettingsError};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// Keys every service has (`<NAME>__LISTEN`, `<NAME>__DATABASE_URL`, ...).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Common {
    /// `host:port`; port 0 picks a free one.
    pub listen: String,
    /// `sqlite://path`, a bare file path, or `postgres://...`.
    pub database_url: String,
    /// Redis, for services that keep shared state there; `/readyz` asks it.
    pub redis_url: Option<String>,
    /// 0: one per core.
    pub workers: usize,
    /// Size of the database connection pool.
    pub max_connections: u32,
    /// Largest request body accepted, in bytes.
    pub body_limit: usize,
    /// identity's public keys, to verify the token the gateway forwards.
    pub jwks_url: String,
    /// identity's logout feed; unset, no token counts as revoked (identity
    /// itself, which reads its own table).
    pub revocations_url: Option<String>,
    /// Clock skew allowed on a token's `exp`, `nbf` and `iat`.
    pub token_leeway_secs: u64,
    /// The platform's internal credential (`platform_auth::internal`):
    /// required by this service's `/internal/` endpoints, shown to its
    /// peers'. At least 32 characters; unset, no internal endpoint answers.
    #[serde(skip_serializing)]
    pub internal_secret: Option<Secret>,
}

impl Common {
    /// The top-level keys that belong to this part.
    pub const KEYS: [&'static str; 10] = [
        "listen",
        "database_url",
        "redis_url",
        "workers",
        "max_connections",
        "body_limit",
        "jwks_url",
        "revocations_url",
        "token_leeway_secs",
        "internal_secret",
    ];

    /// The defaults of the service `name` on `port`: loopback, its own
    /// SQLite file under `./data`, identity's keys and feed on 8081.
    pub fn defaults(name: &str, port: u16) -> Common {
        Common {
            listen: format!("127.0.0.1:{port}"),
            database_url: format!("sqlite://./data/{name}.db"),
            ..Common::default()
        }
    }

    /// Values serde accepts but no service can run with, named by key.
    pub fn check(&self) -> Result<(), String> {
        platform_settings::parse_listen(&self.listen)?;
        if platform_db::Backend::from_url(&self.database_url).is_none() {
            return Err("database_url: neither a sqlite path nor a postgres:// URL".into());
        }
        for (key, url) in [
            ("jwks_url", Some(self.jwks_url.as_str())),
            ("revocations_url", self.revocations_url.as_deref()),
        ] {
            if let Some(url) = url {
                if !(url.starts_with("http://") || url.starts_with("https://")) {
                    return Err(format!("{key}: `{url}` is not an http(s) URL"));
                }
            }
        }
        if self.max_connections == 0 {
            return Err("max_connections: must be at least 1".into());
        }
        if self.body_limit == 0 {
            return Err("body_limit: must be at least 1".into());
        }
        platform_auth::TokenClock::from_setting("token_leeway_secs", self.token_leeway_secs)?;
        platform_auth::InternalKey::from_setting("internal_secret", self.internal_secret.as_ref())?;
        Ok(())
    }
}

impl Default for Common {
    fn default() -> Self {
        Common {
            listen: "127.0.0.1:0".into(),
            database_url: "sqlite://./data/service.db".into(),
            redis_url: None,
            workers: 0,
            max_connections: 10,
            body_limit: 64 * 1024,
            jwks_url: "http://127.0.0.1:8081/.well-known/jwks.json".into(),
            revocations_url: Some("http://127.0.0.1:8081/internal/revocations".into()),
            token_leeway_secs: platform_auth::DEFAULT_LEEWAY_SECS,
            internal_secret: None,
        }
    }
}

/// A service's settings: its own keys, with the [`Common`] ones in
/// `common` (`#[serde(skip)]`, filled by [`load`]).
pub trait ServiceSettings: DeserializeOwned + Default + Clone + Send + 'static {
    /// The crate's name: `identity` reads `IDENTITY__...` and
    /// `config/identity.toml`.
    const NAME: &'static str;

    fn common(&self) -> &Common;
    fn common_mut(&mut self) -> &mut Common;

    /// The service's own values serde accepts but it cannot run with; the
    /// message names the key.
    fn check(&self) -> Result<(), String> {
        Ok(())
    }
}

/// Defaults, then `config/<name>.toml`, then `<NAME>__...` variables.
pub fn load<S: ServiceSettings>() -> Result<S, SettingsError> {
    load_from(std::path::Path::new("config"), std::env::vars())
}

/// As [`load`], with the folder and the environment given (tests).
pub fn load_from<S: ServiceSettings>(
    config_dir: &std::path::Path,
    env: impl IntoIterator<Item = (String, String)>,
) -> Result<S, SettingsError> {
    let defaults = S::default();
    let (common, mut own): (Common, S) = platform_settings::load_shared_from(
        S::NAME,
        defaults.common(),
        &Common::KEYS,
        config_dir,
        env,
    )?;
    *own.common_mut() = common;
    Ok(own)
}

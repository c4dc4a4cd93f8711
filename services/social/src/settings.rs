use platform_service::{Common, ServiceSettings};
use serde::Deserialize;

/// Settings of the social service: defaults here, then
/// `config/social.toml`, then `SOCIAL__<KEY>` (ARCHITECTURE.md).
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    #[serde(skip)]
    pub common: Common,
    /// identity's base URL, for the display names and avatars of comment
    /// writers and store-message senders (`/internal/users`).
    pub identity_url: String,
    /// How long a list waits for identity's names before showing nulls.
    pub identity_timeout_ms: u64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            common: Common::defaults("social", 8082),
            identity_url: "http://127.0.0.1:8081".into(),
            identity_timeout_ms: 500,
        }
    }
}

impl ServiceSettings for Settings {
    const NAME: &'static str = "social";

    fn common(&self) -> &Common {
        &self.common
    }

    fn common_mut(&mut self) -> &mut Common {
        &mut self.common
    }

    fn check(&self) -> Result<(), String> {
        let url = &self.identity_url;
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(format!("identity_url: `{url}` is not an http(s) URL"));
        }
        if !(1..=10_000).contains(&self.identity_timeout_ms) {
            return Err("identity_timeout_ms: must be 1..=10000".into());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid_and_on_the_architecture_port() {
        let settings = Settings::default();
        assert_eq!(settings.common.check(), Ok(()));
        assert_eq!(settings.check(), Ok(()));
        assert_eq!(settings.common.listen, "127.0.0.1:8082");
    }

    #[test]
    fn unknown_keys_and_bad_urls_stop() {
        let dir = std::path::Path::new("/nonexistent");
        let env = |k: &str, v: &str| vec![(k.to_string(), v.to_string())];
        let err = platform_service::load_from::<Settings>(dir, env("SOCIAL__LISTN", "x"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("listn"), "{err}");
        let got: Settings =
            platform_service::load_from(dir, env("SOCIAL__IDENTITY_URL", "ftp://x")).unwrap();
        assert!(got.check().unwrap_err().starts_with("identity_url"));
    }
}

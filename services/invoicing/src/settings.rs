use platform_service::{Common, ServiceSettings};
use serde::Deserialize;

/// Settings of the invoicing service: defaults here, then
/// `config/invoicing.toml`, then `INVOICING__<KEY>` (ARCHITECTURE.md). It
/// has only the keys every service has (`common`).
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    #[serde(skip)]
    pub common: Common,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            common: Common::defaults("invoicing", 8085),
        }
    }
}

impl ServiceSettings for Settings {
    const NAME: &'static str = "invoicing";

    fn common(&self) -> &Common {
        &self.common
    }

    fn common_mut(&mut self) -> &mut Common {
        &mut self.common
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid() {
        assert_eq!(Settings::default().common.check(), Ok(()));
    }

    #[test]
    fn bad_values_name_their_key() {
        type Spoil = fn(&mut Common);
        let cases: [(&str, Spoil); 5] = [
            ("listen", |s| s.listen = "nowhere".into()),
            ("database_url", |s| s.database_url = "mysql://h/db".into()),
            ("jwks_url", |s| s.jwks_url = "identity".into()),
            ("body_limit", |s| s.body_limit = 0),
            ("max_connections", |s| s.max_connections = 0),
        ];
        for (key, spoil) in cases {
            let mut settings = Settings::default();
            spoil(&mut settings.common);
            let err = settings.common.check().unwrap_err();
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
        let got: Settings =
            platform_service::load_from(dir, env(&[("INVOICING__MAX_CONNECTIONS", "3")])).unwrap();
        assert_eq!(got.common.max_connections, 3);
        assert_eq!(got.common.listen, "127.0.0.1:8085");
        let err =
            platform_service::load_from::<Settings>(dir, env(&[("INVOICING__BODY_LIMT", "3")]))
                .unwrap_err()
                .to_string();
        assert!(err.contains("body_limt"), "{err}");
    }
}

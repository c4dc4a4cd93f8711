use platform_service::{Common, ServiceSettings};
use serde::Deserialize;

/// Settings of the buildings service: defaults here, then
/// `config/buildings.toml`, then `BUILDINGS__<KEY>` (ARCHITECTURE.md). It
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
            common: Common::defaults("buildings", 8086),
        }
    }
}

impl ServiceSettings for Settings {
    const NAME: &'static str = "buildings";

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
    fn defaults_are_valid_and_on_the_architecture_port() {
        let settings = Settings::default();
        assert_eq!(settings.common.check(), Ok(()));
        assert_eq!(settings.common.listen, "127.0.0.1:8086");
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
            platform_service::load_from(dir, env(&[("BUILDINGS__MAX_CONNECTIONS", "3")])).unwrap();
        assert_eq!(got.common.max_connections, 3);
        let err = platform_service::load_from::<Settings>(dir, env(&[("BUILDINGS__LISTN", "x")]))
            .unwrap_err()
            .to_string();
        assert!(err.contains("listn"), "{err}");
    }
}

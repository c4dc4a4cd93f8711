//! Settings in layers, the same for every binary of the platform:
//! the struct's own defaults, then an optional `config/<name>.toml`, then
//! environment variables `<NAME>__<KEY>` with `__` between nested keys.
//!
//! Settings structs use `#[serde(deny_unknown_fields)]` and `#[serde(default)]`
//! so that a misspelt key stops start-up with a message naming it, and a key
//! left out keeps its default.

mod secret;

pub use secret::Secret;

use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("settings for {name}: {source}")]
    Invalid {
        name: String,
        #[source]
        source: config::ConfigError,
    },
}

/// Loads the settings of the binary `name` (lower case, e.g. `gateway`) from
/// `config/<name>.toml` in the working directory and the `NAME__` environment.
pub fn load<T: DeserializeOwned>(name: &str) -> Result<T, SettingsError> {
    load_from(name, Path::new("config"), std::env::vars())
}

/// As [`load`], with the folder of the optional file and the environment given,
/// so tests do not depend on the process environment.
pub fn load_from<T: DeserializeOwned>(
    name: &str,
    config_dir: &Path,
    env: impl IntoIterator<Item = (String, String)>,
) -> Result<T, SettingsError> {
    let prefix = format!("{}__", name.to_uppercase());
    let env: config::Map<String, String> = env
        .into_iter()
        .filter(|(k, _)| k.starts_with(&prefix))
        .collect();
    let file: PathBuf = config_dir.join(format!("{name}.toml"));
    config::Config::builder()
        .add_source(config::File::from(file).required(false))
        .add_source(
            config::Environment::with_prefix(&name.to_uppercase())
                .prefix_separator("__")
                .separator("__")
                .list_separator(",")
                .with_list_parse_key("trusted_proxies")
                .with_list_parse_key("cors.allowed_origins")
                .try_parsing(true)
                .source(Some(env)),
        )
        .build()
        .and_then(|c| c.try_deserialize::<T>())
        .map_err(|source| SettingsError::Invalid {
            name: name.to_string(),
            source,
        })
}

/// The listen address `host:port` parsed, with a message naming the key.
pub fn parse_listen(value: &str) -> Result<std::net::SocketAddr, String> {
    value
        .parse()
        .map_err(|_| format!("listen: `{value}` is not a host:port address"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields, default)]
    struct Demo {
        listen: String,
        database_url: String,
        sms: Sms,
        token: Option<Secret>,
    }
    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields, default)]
    struct Sms {
        provider: String,
        retries: u32,
    }
    impl Default for Demo {
        fn default() -> Self {
            Demo {
                listen: "127.0.0.1:1".into(),
                database_url: "sqlite://x.db".into(),
                sms: Sms::default(),
                token: None,
            }
        }
    }
    impl Default for Sms {
        fn default() -> Self {
            Sms {
                provider: "console".into(),
                retries: 2,
            }
        }
    }

    fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn defaults_then_file_then_environment() {
        let dir = tempfile_dir();
        std::fs::write(
            dir.join("demo.toml"),
            "listen = \"0.0.0.0:9\"\n[sms]\nretries = 5\n",
        )
        .unwrap();
        let got: Demo = load_from(
            "demo",
            &dir,
            env(&[("DEMO__SMS__PROVIDER", "webhook"), ("OTHER__LISTEN", "x")]),
        )
        .unwrap();
        assert_eq!(got.listen, "0.0.0.0:9");
        assert_eq!(got.database_url, "sqlite://x.db");
        assert_eq!(got.sms.provider, "webhook");
        assert_eq!(got.sms.retries, 5);
    }

    #[test]
    fn unknown_key_names_the_key() {
        let err = load_from::<Demo>(
            "demo",
            Path::new("/nonexistent"),
            env(&[("DEMO__LISTN", "x")]),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("listn"), "{err}");
    }

    #[test]
    fn bad_value_names_the_key() {
        let err = load_from::<Demo>(
            "demo",
            Path::new("/nonexistent"),
            env(&[("DEMO__SMS__RETRIES", "many")]),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("retries"), "{err}");
    }

    #[test]
    fn secrets_are_not_printed() {
        let got: Demo = load_from(
            "demo",
            Path::new("/nonexistent"),
            env(&[("DEMO__TOKEN", "hunter2")]),
        )
        .unwrap();
        assert_eq!(got.token.as_ref().unwrap().expose(), "hunter2");
        assert!(!format!("{got:?}").contains("hunter2"));
    }

    fn tempfile_dir() -> PathBuf {
        let dir = std::env::temp_dir().join(format!("settings-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }
}

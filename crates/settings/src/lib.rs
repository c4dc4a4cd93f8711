//! Settings in layers, the same for every binary of the platform:
//! the struct's own defaults, then an optional `config/<name>.toml`, then
//! environment variables `<NAME>__<KEY>` with `__` between nested keys.
//!
//! Settings structs use `#[serde(deny_unknown_fields)]` and `#[serde(default)]`
//! so that a misspelt key stops start-up with a message naming it, and a key
//! left out keeps its default. A list is written comma-separated in the
//! environment and read with [`list`], so this crate knows no key's name.
//! [`load_shared`] reads settings whose top-level keys are split between a
//! part every service shares and the service's own part, each strict about
//! unknown keys (`serde(flatten)` would lose that).

mod secret;

pub use secret::Secret;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize};
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("settings for {name}: {source}")]
    Invalid {
        name: String,
        // boxed: config's error is large and every loader returns this
        #[source]
        source: Box<config::ConfigError>,
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
    build(name, None, config_dir, env)
        .and_then(config::Config::try_deserialize::<T>)
        .map_err(|source| invalid(name, source))
}

/// Settings whose top-level `shared_keys` belong to a part `C` every service
/// has (defaults `shared`) and whose other keys belong to the service's own
/// `S`. Each part is deserialized on its own, so each refuses unknown keys.
pub fn load_shared<C, S>(
    name: &str,
    shared: &C,
    shared_keys: &[&str],
) -> Result<(C, S), SettingsError>
where
    C: Serialize + DeserializeOwned,
    S: DeserializeOwned,
{
    load_shared_from(
        name,
        shared,
        shared_keys,
        Path::new("config"),
        std::env::vars(),
    )
}

/// As [`load_shared`], with the folder and the environment given.
pub fn load_shared_from<C, S>(
    name: &str,
    shared: &C,
    shared_keys: &[&str],
    config_dir: &Path,
    env: impl IntoIterator<Item = (String, String)>,
) -> Result<(C, S), SettingsError>
where
    C: Serialize + DeserializeOwned,
    S: DeserializeOwned,
{
    let split = || -> Result<(C, S), config::ConfigError> {
        let defaults = config::Config::try_from(shared)?;
        let all: config::Map<String, config::Value> =
            build(name, Some(defaults), config_dir, env)?.try_deserialize()?;
        let (mine, theirs): (config::Map<_, _>, config::Map<_, _>) = all
            .into_iter()
            .partition(|(key, _)| shared_keys.contains(&key.as_str()));
        let table = |map| config::Value::new(None, config::ValueKind::Table(map));
        Ok((
            table(mine).try_deserialize()?,
            table(theirs).try_deserialize()?,
        ))
    };
    split().map_err(|source| invalid(name, source))
}

fn build(
    name: &str,
    defaults: Option<config::Config>,
    config_dir: &Path,
    env: impl IntoIterator<Item = (String, String)>,
) -> Result<config::Config, config::ConfigError> {
    let prefix = format!("{}__", name.to_uppercase());
    let env: config::Map<String, String> = env
        .into_iter()
        .filter(|(k, _)| k.starts_with(&prefix))
        .collect();
    let file: PathBuf = config_dir.join(format!("{name}.toml"));
    let mut builder = config::Config::builder();
    if let Some(defaults) = defaults {
        builder = builder.add_source(defaults);
    }
    builder
        .add_source(config::File::from(file).required(false))
        .add_source(
            config::Environment::with_prefix(&name.to_uppercase())
                .prefix_separator("__")
                .separator("__")
                .try_parsing(true)
                .source(Some(env)),
        )
        .build()
}

fn invalid(name: &str, source: config::ConfigError) -> SettingsError {
    SettingsError::Invalid {
        name: name.to_string(),
        source: Box::new(source),
    }
}

/// Reads a list setting: a list in the file, or one comma-separated value
/// (the environment's form: `10.0.0.0/8,127.0.0.1`). Numbers read as their
/// text. `#[serde(deserialize_with = "platform_settings::list")]`.
pub fn list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Scalar {
        Text(String),
        Int(i64),
        Float(f64),
        Bool(bool),
    }
    impl Scalar {
        fn text(self) -> String {
            match self {
                Scalar::Text(t) => t,
                Scalar::Int(n) => n.to_string(),
                Scalar::Float(n) => n.to_string(),
                Scalar::Bool(b) => b.to_string(),
            }
        }
    }
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Many(Vec<Scalar>),
        One(Scalar),
    }
    let items = match Raw::deserialize(d)? {
        Raw::Many(items) => items.into_iter().map(Scalar::text).collect(),
        Raw::One(one) => vec![one.text()],
    };
    Ok(items
        .iter()
        .flat_map(|item| item.split(','))
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(str::to_string)
        .collect())
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

    #[derive(Debug, Deserialize, Serialize, PartialEq)]
    #[serde(deny_unknown_fields, default)]
    struct Shared {
        listen: String,
        redis_url: Option<String>,
    }
    impl Default for Shared {
        fn default() -> Self {
            Shared {
                listen: "127.0.0.1:8".into(),
                redis_url: None,
            }
        }
    }
    #[derive(Debug, Deserialize, PartialEq, Default)]
    #[serde(deny_unknown_fields, default)]
    struct Own {
        #[serde(deserialize_with = "list")]
        admins: Vec<String>,
        sms: Sms,
    }

    #[test]
    fn shared_and_own_keys_are_each_strict() {
        let load = |pairs: &[(&str, &str)]| {
            load_shared_from::<Shared, Own>(
                "demo",
                &Shared::default(),
                &["listen", "redis_url"],
                Path::new("/nonexistent"),
                env(pairs),
            )
        };
        let (shared, own) = load(&[
            ("DEMO__REDIS_URL", "redis://r"),
            ("DEMO__ADMINS", "09120000001, 09120000002"),
            ("DEMO__SMS__RETRIES", "4"),
        ])
        .unwrap();
        assert_eq!(shared.listen, "127.0.0.1:8", "the shared part's defaults");
        assert_eq!(shared.redis_url.as_deref(), Some("redis://r"));
        assert_eq!(own.admins, ["09120000001", "09120000002"]);
        assert_eq!(own.sms.retries, 4);
        assert_eq!(own.sms.provider, "console");
        let err = load(&[("DEMO__LISTN", "x")]).unwrap_err().to_string();
        assert!(err.contains("listn"), "{err}");
        let err = load(&[("DEMO__SMS__RETRIES", "many")])
            .unwrap_err()
            .to_string();
        assert!(err.contains("retries"), "{err}");
    }

    #[test]
    fn a_list_is_a_list_or_comma_separated_text() {
        let (_, own) = load_shared_from::<Shared, Own>(
            "demo",
            &Shared::default(),
            &["listen", "redis_url"],
            Path::new("/nonexistent"),
            env(&[("DEMO__ADMINS", "9120000001")]),
        )
        .unwrap();
        assert_eq!(own.admins, ["9120000001"], "a number reads as its text");
    }

    fn tempfile_dir() -> PathBuf {
        let dir = std::env::temp_dir().join(format!("settings-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }
}

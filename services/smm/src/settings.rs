use platform_service::{Common, ServiceSettings};
use serde::Deserialize;

/// Settings of the smm service: defaults here, then `config/smm.toml`, then
/// `SMM__<KEY>` (ARCHITECTURE.md).
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    #[serde(skip)]
    pub common: Common,
    /// How often the forwarding worker looks for orders to send upstream.
    pub forward_interval_ms: u64,
    /// How often each active order's status is read from its provider:
    /// the bound on the lag between a provider's change and the order's.
    pub sync_interval_ms: u64,
    /// Orders per `action=status` call (the protocol allows at most 100).
    pub sync_batch: usize,
    /// How long a call to a provider may take. A send that times out is
    /// not resent: it goes to review.
    pub provider_timeout_ms: u64,
    /// Run the forwarding and sync workers in this process. Off for a
    /// replica that only serves requests.
    pub workers: bool,
    /// The currency the reseller API v2 names in its replies.
    pub currency: String,
    /// The most runs a drip-feed order may ask for.
    pub max_runs: i64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            common: Common::defaults("smm", 8084),
            forward_interval_ms: 1_000,
            sync_interval_ms: 30_000,
            sync_batch: 100,
            provider_timeout_ms: 10_000,
            workers: true,
            currency: "IRT".into(),
            max_runs: 1_000,
        }
    }
}

impl ServiceSettings for Settings {
    const NAME: &'static str = "smm";

    fn common(&self) -> &Common {
        &self.common
    }

    fn common_mut(&mut self) -> &mut Common {
        &mut self.common
    }

    fn check(&self) -> Result<(), String> {
        if !(10..=600_000).contains(&self.forward_interval_ms) {
            return Err("forward_interval_ms: must be 10 to 600000".into());
        }
        if !(10..=600_000).contains(&self.sync_interval_ms) {
            return Err("sync_interval_ms: must be 10 to 600000".into());
        }
        if !(1..=100).contains(&self.sync_batch) {
            return Err("sync_batch: must be 1 to 100 (the protocol's limit)".into());
        }
        if !(100..=120_000).contains(&self.provider_timeout_ms) {
            return Err("provider_timeout_ms: must be 100 to 120000".into());
        }
        if self.currency.trim().is_empty() {
            return Err("currency: must not be empty".into());
        }
        if !(1..=100_000).contains(&self.max_runs) {
            return Err("max_runs: must be 1 to 100000".into());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid() {
        let settings = Settings::default();
        assert_eq!(settings.common.check(), Ok(()));
        assert_eq!(settings.check(), Ok(()));
    }

    #[test]
    fn bad_values_name_their_key() {
        type Spoil = fn(&mut Settings);
        let cases: [(&str, Spoil); 5] = [
            ("forward_interval_ms", |s| s.forward_interval_ms = 0),
            ("sync_interval_ms", |s| s.sync_interval_ms = 700_000),
            ("sync_batch", |s| s.sync_batch = 101),
            ("provider_timeout_ms", |s| s.provider_timeout_ms = 1),
            ("max_runs", |s| s.max_runs = 0),
        ];
        for (key, spoil) in cases {
            let mut settings = Settings::default();
            spoil(&mut settings);
            let err = settings.check().unwrap_err();
            assert!(err.starts_with(key), "{key}: {err}");
        }
    }

    #[test]
    fn environment_overrides() {
        let dir = std::path::Path::new("/nonexistent");
        let env = vec![("SMM__SYNC_INTERVAL_MS".to_string(), "5000".to_string())];
        let got: Settings = platform_service::load_from(dir, env).unwrap();
        assert_eq!(got.sync_interval_ms, 5000);
        assert_eq!(got.common.listen, "127.0.0.1:8084");
    }
}

use platform_service::{Common, ServiceSettings};
use platform_settings::Secret;
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
    /// identity's base URL, asked for the names and masked mobiles that
    /// tickets and stats show (`GET {identity_url}/internal/users?ids=`);
    /// unset, they are null.
    pub identity_url: Option<String>,
    /// How long a reply waits for identity before it shows nulls.
    pub identity_timeout_ms: u64,
    pub zarinpal: ZarinpalSettings,
    pub free_credit: FreeCreditSettings,
    pub wheel: WheelSettings,
}

/// The payment gateway (Zarinpal v4).
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ZarinpalSettings {
    /// 36 characters; unset, top-ups answer 503.
    pub merchant_id: Option<Secret>,
    /// Where `pg/v4/payment/*.json` and `pg/StartPay/` live; unset, the
    /// real gateway's or (with `sandbox`) the sandbox's.
    pub base_url: Option<String>,
    /// Where Zarinpal sends the browser back: the gateway's
    /// `/api/v1/user/payment/verify`.
    pub callback_url: String,
    /// Where a browser goes after the callback (`?status=&authority=`);
    /// unset, it gets a small page.
    pub return_url: Option<String>,
    /// The smallest top-up in Toman (Zarinpal's own minimum is 1000).
    pub min_amount: i64,
    /// The largest top-up in Toman.
    pub max_amount: i64,
    /// The sandbox: its base URL by default, and `/payment/test` exists.
    pub sandbox: bool,
    pub timeout_ms: u64,
}

/// `GET /api/v1/user/freecredit`.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FreeCreditSettings {
    /// The credit's range in whole Toman.
    pub min_amount: i64,
    pub max_amount: i64,
    /// At most one credit per this many seconds.
    pub interval_secs: i64,
    /// At most this many credits per calendar month (UTC).
    pub monthly_max: i64,
}

/// `GET /api/v1/user/wof`.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WheelSettings {
    /// At most one spin per this many days.
    pub interval_days: i64,
    /// At most this many gifts per calendar month (UTC).
    pub monthly_max: i64,
    /// How long a won gift may be used.
    pub gift_lifetime_secs: i64,
}

impl ZarinpalSettings {
    pub const LIVE: &'static str = "https://payment.zarinpal.com";
    pub const SANDBOX: &'static str = "https://sandbox.zarinpal.com";

    pub fn base(&self) -> String {
        let base = match (&self.base_url, self.sandbox) {
            (Some(url), _) => url.as_str(),
            (None, true) => Self::SANDBOX,
            (None, false) => Self::LIVE,
        };
        base.trim_end_matches('/').to_string()
    }

    fn check(&self) -> Result<(), String> {
        if let Some(id) = &self.merchant_id {
            if id.expose().chars().count() != 36 {
                return Err("zarinpal.merchant_id: must be 36 characters".into());
            }
        }
        let http = |url: &str| {
            reqwest::Url::parse(url).is_ok_and(|u| matches!(u.scheme(), "http" | "https"))
        };
        if self.base_url.as_deref().is_some_and(|u| !http(u)) {
            return Err("zarinpal.base_url: not an http(s) URL".into());
        }
        if !http(&self.callback_url) {
            return Err("zarinpal.callback_url: not an http(s) URL".into());
        }
        if self.return_url.as_deref().is_some_and(|u| !http(u)) {
            return Err("zarinpal.return_url: not an http(s) URL".into());
        }
        if !(1_000..=self.max_amount).contains(&self.min_amount) {
            return Err(
                "zarinpal.min_amount: must be 1000 (Zarinpal's least) to max_amount".into(),
            );
        }
        if self.max_amount > 1_000_000_000 {
            return Err("zarinpal.max_amount: at most 1000000000".into());
        }
        if !(100..=120_000).contains(&self.timeout_ms) {
            return Err("zarinpal.timeout_ms: must be 100 to 120000".into());
        }
        Ok(())
    }
}

impl Default for ZarinpalSettings {
    fn default() -> Self {
        ZarinpalSettings {
            merchant_id: None,
            base_url: None,
            callback_url: "http://127.0.0.1:8080/api/v1/user/payment/verify".into(),
            return_url: None,
            min_amount: 1_000,
            max_amount: 100_000_000,
            sandbox: false,
            timeout_ms: 10_000,
        }
    }
}

impl Default for FreeCreditSettings {
    fn default() -> Self {
        FreeCreditSettings {
            min_amount: 50,
            max_amount: 100,
            interval_secs: 120,
            monthly_max: 30,
        }
    }
}

impl Default for WheelSettings {
    fn default() -> Self {
        WheelSettings {
            interval_days: 1,
            monthly_max: 10,
            gift_lifetime_secs: 86_400,
        }
    }
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
            identity_url: None,
            identity_timeout_ms: 1_000,
            zarinpal: ZarinpalSettings::default(),
            free_credit: FreeCreditSettings::default(),
            wheel: WheelSettings::default(),
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
        if let Some(url) = &self.identity_url {
            if !reqwest::Url::parse(url).is_ok_and(|u| matches!(u.scheme(), "http" | "https")) {
                return Err("identity_url: not an http(s) URL".into());
            }
        }
        if !(1..=30_000).contains(&self.identity_timeout_ms) {
            return Err("identity_timeout_ms: must be 1 to 30000".into());
        }
        self.zarinpal.check()?;
        let f = &self.free_credit;
        if !(1..=f.max_amount).contains(&f.min_amount) || f.max_amount > 1_000_000 {
            return Err("free_credit.min_amount: must be 1 to max_amount (at most 1000000)".into());
        }
        if !(1..=31 * 86_400).contains(&f.interval_secs) {
            return Err("free_credit.interval_secs: must be 1 to 2678400".into());
        }
        if f.monthly_max < 1 {
            return Err("free_credit.monthly_max: must be at least 1".into());
        }
        let w = &self.wheel;
        if !(1..=31).contains(&w.interval_days) {
            return Err("wheel.interval_days: must be 1 to 31".into());
        }
        if w.monthly_max < 1 {
            return Err("wheel.monthly_max: must be at least 1".into());
        }
        if !(60..=365 * 86_400).contains(&w.gift_lifetime_secs) {
            return Err("wheel.gift_lifetime_secs: must be 60 to 31536000".into());
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
        let cases: [(&str, Spoil); 9] = [
            ("forward_interval_ms", |s| s.forward_interval_ms = 0),
            ("sync_interval_ms", |s| s.sync_interval_ms = 700_000),
            ("sync_batch", |s| s.sync_batch = 101),
            ("provider_timeout_ms", |s| s.provider_timeout_ms = 1),
            ("max_runs", |s| s.max_runs = 0),
            ("zarinpal.merchant_id", |s| {
                s.zarinpal.merchant_id = Some(Secret::new("short"))
            }),
            ("zarinpal.min_amount", |s| s.zarinpal.min_amount = 999),
            ("free_credit.min_amount", |s| s.free_credit.min_amount = 500),
            ("identity_url", |s| {
                s.identity_url = Some("127.0.0.1:8081".into())
            }),
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

    #[test]
    fn the_merchant_id_never_reaches_a_log() {
        let mut settings = Settings::default();
        settings.zarinpal.merchant_id = Some(Secret::new("m".repeat(36)));
        assert!(!format!("{settings:?}").contains(&"m".repeat(36)));
        let env = vec![("SMM__ZARINPAL__SANDBOX".to_string(), "true".to_string())];
        let got: Settings = platform_service::load_from(std::path::Path::new("/x"), env).unwrap();
        assert_eq!(got.zarinpal.base(), ZarinpalSettings::SANDBOX);
    }
}

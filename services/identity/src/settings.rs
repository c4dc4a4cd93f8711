//! The identity service's settings: defaults here, then `config/identity.toml`,
//! then `IDENTITY__...` environment variables (see the README for each key).

use platform_service::{Common, ServiceSettings};
use platform_settings::Secret;
use serde::Deserialize;

/// The keys every service has are in `common` (`listen`, `database_url`,
/// `redis_url`: per-address limits live in Redis when it is set, otherwise
/// in the database; ...); identity's own follow.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    #[serde(skip)]
    pub common: Common,
    pub redis_prefix: String,
    /// PKCS#8 DER Ed25519 keys (`*.der`), and in embedded mode the generated
    /// code hash key.
    pub keys_dir: String,
    /// Embedded mode: create a signing key and a code hash key in `keys_dir`
    /// when there are none. Production sets it to false, so a replica with a
    /// missing secret stops instead of signing with a key of its own.
    pub generate_keys: bool,
    /// The `kid` that signs new tokens; default: the last key (files in name
    /// order, then `signing_keys` in order).
    pub active_kid: Option<String>,
    /// Comma-separated base64 PKCS#8 DER keys, for keys given as a secret
    /// value rather than as files.
    pub signing_keys: Option<Secret>,
    pub token_lifetime_secs: i64,
    /// Key of the HMAC that codes are stored under (at least 32 characters).
    pub code_hash_key: Option<Secret>,
    pub code: CodeSettings,
    pub limits: LimitSettings,
    /// Peers whose `X-Forwarded-For` names the client (the gateway), as IP
    /// addresses or CIDR networks.
    #[serde(deserialize_with = "platform_settings::list")]
    pub trusted_proxies: Vec<String>,
    /// Mobiles of the platform's operators (comma-separated in the
    /// environment): their tokens carry the role `admin` from their next
    /// login, which every service's admin API requires.
    #[serde(deserialize_with = "platform_settings::list")]
    pub admins: Vec<String>,
    pub sms: SmsSettings,
    pub mail: MailSettings,
    /// smm's base URL, asked for the wallet fields of the panel's user
    /// object (`GET {smm_url}/internal/wallets/{id}`); unset, they are null.
    pub smm_url: Option<String>,
    /// How long a profile reply waits for smm before it shows the last
    /// known wallet (or nulls): the profile must not hang on smm.
    pub smm_timeout_ms: u64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CodeSettings {
    pub length: usize,
    pub lifetime_secs: i64,
    pub max_attempts: i32,
    pub resend_cooldown_secs: i64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LimitSettings {
    /// Codes one client address may ask for per window.
    pub address_max_sends: u32,
    /// Codes one client address may type wrong (or type when none is live)
    /// per window.
    pub address_max_failures: u32,
    pub address_window_secs: i64,
    /// Codes of an account guessed wrong, one after another, before its
    /// code login is locked. A code counts once however many of its
    /// attempts fail, and a verify when no code is live counts not at all,
    /// so only someone who makes codes be sent can move it.
    pub account_max_failures: i32,
    /// Wrong passwords of an account, one after another, before its
    /// password login is locked (a login by code stays open).
    pub password_max_failures: i32,
    /// The first lock's length; each further failure doubles it.
    pub lock_base_secs: i64,
    pub lock_max_secs: i64,
}

impl LimitSettings {
    /// The start of the current per-address window.
    pub fn window_start(&self) -> i64 {
        let window = self.address_window_secs;
        crate::db::now() / window * window
    }

    /// Seconds until the current per-address window ends.
    pub fn window_left(&self) -> i64 {
        self.window_start() + self.address_window_secs - crate::db::now()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SmsProvider {
    Console,
    Webhook,
    Kavenegar,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SmsSettings {
    pub provider: SmsProvider,
    pub webhook_url: Option<String>,
    pub timeout_secs: u64,
    pub kavenegar: KavenegarSettings,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct KavenegarSettings {
    pub api_key: Option<Secret>,
    /// The login code's template (`token` is the code).
    pub template: Option<String>,
    /// The template confirming a change of mobile (`token` is the code,
    /// `token2` the account's masked current mobile): a text of its own,
    /// so nobody mistakes it for a login code.
    pub change_template: Option<String>,
    pub base_url: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MailProvider {
    Console,
    Webhook,
}

/// Where the codes confirming an e-mail change go.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MailSettings {
    pub provider: MailProvider,
    /// POST `{"to","subject","text","code"}`; any 2xx is a delivery.
    pub webhook_url: Option<String>,
    pub timeout_secs: u64,
}

impl Default for MailSettings {
    fn default() -> Self {
        MailSettings {
            provider: MailProvider::Console,
            webhook_url: None,
            timeout_secs: 10,
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            common: Common {
                // identity reads its own logout table, and its bodies are small
                revocations_url: None,
                body_limit: 16 * 1024,
                ..Common::defaults("identity", 8081)
            },
            redis_prefix: "identity:".into(),
            keys_dir: "./data/keys".into(),
            generate_keys: true,
            active_kid: None,
            signing_keys: None,
            token_lifetime_secs: 30 * 24 * 3600,
            code_hash_key: None,
            code: CodeSettings::default(),
            limits: LimitSettings::default(),
            trusted_proxies: vec!["127.0.0.1".into(), "::1".into()],
            admins: Vec::new(),
            sms: SmsSettings::default(),
            mail: MailSettings::default(),
            smm_url: None,
            smm_timeout_ms: 300,
        }
    }
}

impl Default for CodeSettings {
    fn default() -> Self {
        CodeSettings {
            length: 6,
            lifetime_secs: 120,
            max_attempts: 5,
            resend_cooldown_secs: 60,
        }
    }
}

impl Default for LimitSettings {
    fn default() -> Self {
        LimitSettings {
            address_max_sends: 20,
            address_max_failures: 30,
            address_window_secs: 600,
            account_max_failures: 100,
            password_max_failures: 100,
            lock_base_secs: 900,
            lock_max_secs: 24 * 3600,
        }
    }
}

impl Default for SmsSettings {
    fn default() -> Self {
        SmsSettings {
            provider: SmsProvider::Console,
            webhook_url: None,
            timeout_secs: 10,
            kavenegar: KavenegarSettings::default(),
        }
    }
}

impl Default for KavenegarSettings {
    fn default() -> Self {
        KavenegarSettings {
            api_key: None,
            template: None,
            change_template: None,
            base_url: "https://api.kavenegar.com".into(),
        }
    }
}

/// Codes that live longer than this are refused at start-up, whatever the
/// settings say (issue 3: "never more than 10 minutes").
pub const MAX_CODE_LIFETIME_SECS: i64 = 600;

/// A profile reply waits at most this long for smm, whatever the settings
/// say.
pub const MAX_SMM_TIMEOUT_MS: u64 = 5000;

impl ServiceSettings for Settings {
    const NAME: &'static str = "identity";

    fn common(&self) -> &Common {
        &self.common
    }

    fn common_mut(&mut self) -> &mut Common {
        &mut self.common
    }

    /// Values serde accepts but the service cannot work with; the message
    /// names the key.
    fn check(&self) -> Result<(), String> {
        let code = &self.code;
        if !(4..=10).contains(&code.length) {
            return Err(format!("code.length: {} is not within 4..=10", code.length));
        }
        if code.lifetime_secs < 1 || code.lifetime_secs > MAX_CODE_LIFETIME_SECS {
            return Err(format!(
                "code.lifetime_secs: {} is not within 1..={MAX_CODE_LIFETIME_SECS}",
                code.lifetime_secs
            ));
        }
        if code.max_attempts < 1 {
            return Err("code.max_attempts: must be at least 1".into());
        }
        if code.resend_cooldown_secs < 0 {
            return Err("code.resend_cooldown_secs: must not be negative".into());
        }
        if self.token_lifetime_secs < 60 {
            return Err("token_lifetime_secs: must be at least 60".into());
        }
        let limits = &self.limits;
        if limits.address_window_secs < 1 {
            return Err("limits.address_window_secs: must be at least 1".into());
        }
        if limits.account_max_failures < 1 {
            return Err("limits.account_max_failures: must be at least 1".into());
        }
        if limits.password_max_failures < 1 {
            return Err("limits.password_max_failures: must be at least 1".into());
        }
        if limits.lock_base_secs < 1 || limits.lock_max_secs < limits.lock_base_secs {
            return Err(
                "limits.lock_base_secs / limits.lock_max_secs: need 1 <= base <= max".into(),
            );
        }
        // without it, production reads `keys_dir/code-hash.key`, which only
        // start-up can look for (`CodeHasher::load`)
        if let Some(key) = &self.code_hash_key {
            if key.expose().len() < 32 {
                return Err("code_hash_key: must be at least 32 characters".into());
            }
        }
        platform_http::TrustedProxies::parse(&self.trusted_proxies)?;
        for admin in &self.admins {
            if platform_validate::iranian_mobile(admin).is_none() {
                return Err(format!("admins: `{admin}` is not an Iranian mobile number"));
            }
        }
        match self.sms.provider {
            SmsProvider::Console => {}
            SmsProvider::Webhook => {
                let url = self.sms.webhook_url.as_deref().unwrap_or("");
                if reqwest::Url::parse(url).is_err() {
                    return Err(
                        "sms.webhook_url: an http(s) URL is required for the webhook provider"
                            .into(),
                    );
                }
            }
            SmsProvider::Kavenegar => {
                let k = &self.sms.kavenegar;
                if k.api_key.as_ref().is_none_or(|key| key.expose().is_empty()) {
                    return Err("sms.kavenegar.api_key: required for the kavenegar provider".into());
                }
                if k.template.as_deref().is_none_or(str::is_empty) {
                    return Err(
                        "sms.kavenegar.template: required for the kavenegar provider".into(),
                    );
                }
                if k.change_template.as_deref().is_none_or(str::is_empty) {
                    return Err(
                        "sms.kavenegar.change_template: required for the kavenegar provider".into(),
                    );
                }
                if reqwest::Url::parse(&k.base_url).is_err() {
                    return Err("sms.kavenegar.base_url: not a URL".into());
                }
            }
        }
        if self.mail.provider == MailProvider::Webhook
            && self
                .mail
                .webhook_url
                .as_deref()
                .is_none_or(|url| reqwest::Url::parse(url).is_err())
        {
            return Err(
                "mail.webhook_url: an http(s) URL is required for the webhook provider".into(),
            );
        }
        if !(1..=MAX_SMM_TIMEOUT_MS).contains(&self.smm_timeout_ms) {
            return Err(format!(
                "smm_timeout_ms: {} is not within 1..={MAX_SMM_TIMEOUT_MS}",
                self.smm_timeout_ms
            ));
        }
        if let Some(url) = &self.smm_url {
            if !reqwest::Url::parse(url).is_ok_and(|u| matches!(u.scheme(), "http" | "https")) {
                return Err("smm_url: not an http(s) URL".into());
            }
            // smm answers its internal routes to the credential only
            if self.common.internal_secret.is_none() {
                return Err("smm_url: needs internal_secret, which smm asks for".into());
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid() {
        Settings::default().check().unwrap();
    }

    #[test]
    fn a_code_may_not_live_longer_than_ten_minutes() {
        let mut s = Settings::default();
        s.code.lifetime_secs = 601;
        assert!(s.check().unwrap_err().contains("code.lifetime_secs"));
        s.code.lifetime_secs = 600;
        s.check().unwrap();
    }

    #[test]
    fn providers_need_their_keys() {
        let mut s = Settings::default();
        s.sms.provider = SmsProvider::Kavenegar;
        assert!(s.check().unwrap_err().contains("api_key"));
        s.sms.kavenegar.api_key = Some(Secret::new("k"));
        assert!(s.check().unwrap_err().contains("template"));
        s.sms.kavenegar.template = Some("login".into());
        assert!(s.check().unwrap_err().contains("change_template"));
        s.sms.kavenegar.change_template = Some("change".into());
        s.check().unwrap();
        s.mail.provider = MailProvider::Webhook;
        assert!(s.check().unwrap_err().contains("mail.webhook_url"));
        s.mail.provider = MailProvider::Console;
        s.sms.provider = SmsProvider::Webhook;
        assert!(s.check().unwrap_err().contains("webhook_url"));
    }

    #[test]
    fn environment_keys_nest_with_double_underscores() {
        let env = [
            ("IDENTITY__SMS__PROVIDER", "webhook"),
            ("IDENTITY__SMS__WEBHOOK_URL", "http://127.0.0.1:9/sms"),
            ("IDENTITY__CODE__LENGTH", "8"),
            ("IDENTITY__TRUSTED_PROXIES", "10.0.0.0/8,127.0.0.1"),
            ("IDENTITY__ADMINS", "09120000001,+98 912 000 0002"),
            ("IDENTITY__DATABASE_URL", "sqlite://elsewhere.db"),
        ]
        .map(|(k, v)| (k.to_string(), v.to_string()));
        let s: Settings =
            platform_service::load_from(std::path::Path::new("/nonexistent"), env).unwrap();
        assert_eq!(s.sms.provider, SmsProvider::Webhook);
        assert_eq!(s.code.length, 8);
        assert_eq!(s.trusted_proxies, vec!["10.0.0.0/8", "127.0.0.1"]);
        assert_eq!(s.admins, vec!["09120000001", "+98 912 000 0002"]);
        assert_eq!(s.common.database_url, "sqlite://elsewhere.db");
        assert_eq!(s.common.listen, "127.0.0.1:8081");
        s.check().unwrap();

        let misspelt = [("IDENTITY__CODE__LENGHT".to_string(), "8".to_string())];
        let err =
            platform_service::load_from::<Settings>(std::path::Path::new("/nonexistent"), misspelt)
                .unwrap_err()
                .to_string();
        assert!(err.contains("lenght"), "{err}");
    }

    #[test]
    fn smm_is_asked_briefly_and_with_the_credential() {
        let mut s = Settings::default();
        for bad in [0, 5001] {
            s.smm_timeout_ms = bad;
            assert!(s.check().unwrap_err().starts_with("smm_timeout_ms"));
        }
        s.smm_timeout_ms = 5000;
        s.smm_url = Some("127.0.0.1:8084".into());
        assert!(s.check().unwrap_err().starts_with("smm_url"));
        s.smm_url = Some("http://127.0.0.1:8084".into());
        assert!(s.check().unwrap_err().contains("internal_secret"));
        s.common.internal_secret = Some(Secret::new("s".repeat(32)));
        s.check().unwrap();
    }

    #[test]
    fn a_code_hash_key_is_long_enough() {
        // production may leave it unset: `keys_dir/code-hash.key` is read
        // then (`codes::tests`)
        let mut s = Settings {
            generate_keys: false,
            ..Settings::default()
        };
        s.check().unwrap();
        s.code_hash_key = Some(Secret::new("x".repeat(31)));
        assert!(s.check().unwrap_err().contains("code_hash_key"));
        s.code_hash_key = Some(Secret::new("x".repeat(32)));
        s.check().unwrap();
    }
}

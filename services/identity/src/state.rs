use crate::codes::CodeHasher;
use crate::keys::KeyRing;
use crate::limiter::SendLimiter;
use crate::mail::MailSender;
use crate::settings::{CodeSettings, LimitSettings, Settings};
use crate::sms::SmsSender;
use crate::wallet::Wallets;
use platform_auth::TokenClock;
use platform_db::Db;
use platform_http::TrustedProxies;
use platform_service::Kit;
use std::collections::HashSet;
use std::sync::Arc;

/// What every handler may need, shared by all workers as `web::Data<State>`.
pub struct State {
    pub db: Db,
    pub keys: KeyRing,
    pub hasher: CodeHasher,
    pub sms: Arc<dyn SmsSender>,
    pub mail: Arc<dyn MailSender>,
    pub limiter: SendLimiter,
    pub proxies: TrustedProxies,
    pub code: CodeSettings,
    pub limits: LimitSettings,
    pub token_lifetime_secs: i64,
    /// How every token's time claims are judged.
    pub clock: TokenClock,
    /// The operators' mobiles (`admins`), normalised.
    pub admins: HashSet<String>,
    /// smm's wallet fields of the panel's user object.
    pub wallets: Wallets,
}

impl State {
    pub fn new(
        settings: &Settings,
        kit: &Kit,
        keys: KeyRing,
        hasher: CodeHasher,
        sms: Arc<dyn SmsSender>,
        mail: Arc<dyn MailSender>,
        limiter: SendLimiter,
    ) -> Result<State, String> {
        Ok(State {
            db: kit.db().clone(),
            keys,
            hasher,
            sms,
            mail,
            limiter,
            proxies: TrustedProxies::parse(&settings.trusted_proxies)?,
            code: settings.code.clone(),
            limits: settings.limits.clone(),
            token_lifetime_secs: settings.token_lifetime_secs,
            clock: TokenClock::new(settings.common.token_leeway_secs),
            admins: settings
                .admins
                .iter()
                .filter_map(|m| platform_validate::iranian_mobile(m))
                .collect(),
            wallets: Wallets::new(settings, kit.internal_key().clone())?,
        })
    }
}

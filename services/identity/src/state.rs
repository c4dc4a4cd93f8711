use crate::codes::CodeHasher;
use crate::keys::KeyRing;
use crate::limiter::SendLimiter;
use crate::mail::MailSender;
use crate::settings::{CodeSettings, LimitSettings};
use crate::sms::SmsSender;
use platform_auth::TokenClock;
use platform_db::Db;
use platform_http::TrustedProxies;
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
}

//! SMS providers, chosen by `sms.provider`.

mod console;
mod kavenegar;
mod webhook;

pub use console::Console;
pub use kavenegar::Kavenegar;
pub use webhook::Webhook;

use crate::settings::{SmsProvider, SmsSettings};
use futures_util::future::BoxFuture;
use std::sync::Arc;
use std::time::Duration;

/// Why a provider did not take a message. Never holds a URL: Kavenegar's
/// carries the API key.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct SmsError(pub String);

pub trait SmsSender: Send + Sync {
    /// Delivers `code` to the mobile `receptor` (`09XXXXXXXXX`).
    fn send<'a>(&'a self, receptor: &'a str, code: &'a str) -> BoxFuture<'a, Result<(), SmsError>>;
}

/// The text of the message, for providers that send free text.
pub fn message(code: &str) -> String {
    format!("کد تایید شما: {code}")
}

pub fn from_settings(settings: &SmsSettings) -> Result<Arc<dyn SmsSender>, String> {
    let http = || {
        reqwest::Client::builder()
            .timeout(Duration::from_secs(settings.timeout_secs))
            .build()
            .map_err(|e| format!("sms: building the HTTP client: {e}"))
    };
    Ok(match settings.provider {
        SmsProvider::Console => Arc::new(Console),
        SmsProvider::Webhook => Arc::new(Webhook::new(
            http()?,
            settings
                .webhook_url
                .clone()
                .ok_or("sms.webhook_url: required for the webhook provider")?,
        )),
        SmsProvider::Kavenegar => {
            let k = &settings.kavenegar;
            Arc::new(Kavenegar::new(
                http()?,
                &k.base_url,
                k.api_key
                    .clone()
                    .ok_or("sms.kavenegar.api_key: required for the kavenegar provider")?,
                k.template
                    .clone()
                    .ok_or("sms.kavenegar.template: required for the kavenegar provider")?,
            )?)
        }
    })
}

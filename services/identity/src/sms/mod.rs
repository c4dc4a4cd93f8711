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

/// A code on its way to a mobile, and what it is for.
pub struct Sms<'a> {
    /// `09XXXXXXXXX`.
    pub receptor: &'a str,
    pub code: &'a str,
    pub kind: SmsKind<'a>,
}

pub enum SmsKind<'a> {
    Login,
    /// Confirms moving the account known by the masked mobile `account`
    /// to this number.
    ChangeMobile {
        account: &'a str,
    },
}

impl<'a> Sms<'a> {
    pub fn login(receptor: &'a str, code: &'a str) -> Sms<'a> {
        Sms {
            receptor,
            code,
            kind: SmsKind::Login,
        }
    }

    pub fn change(receptor: &'a str, code: &'a str, account: &'a str) -> Sms<'a> {
        Sms {
            receptor,
            code,
            kind: SmsKind::ChangeMobile { account },
        }
    }

    /// The text, for providers that send free text. A change's text says
    /// what the code does and whose account asks, so it cannot pass for a
    /// login code.
    pub fn text(&self) -> String {
        match self.kind {
            SmsKind::Login => format!("کد تایید شما: {}", self.code),
            SmsKind::ChangeMobile { account } => format!(
                "کد {} برای تایید تغییر شماره موبایل حساب کاربری {account} به این شماره است. \
                 اگر شما درخواست نکرده‌اید، این کد را به کسی ندهید.",
                self.code
            ),
        }
    }

    /// The purpose's name in a webhook's JSON.
    pub fn purpose(&self) -> &'static str {
        match self.kind {
            SmsKind::Login => "login",
            SmsKind::ChangeMobile { .. } => "mobile_change",
        }
    }
}

pub trait SmsSender: Send + Sync {
    fn send<'a>(&'a self, sms: &'a Sms<'a>) -> BoxFuture<'a, Result<(), SmsError>>;
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
                k.change_template
                    .clone()
                    .ok_or("sms.kavenegar.change_template: required for the kavenegar provider")?,
            )?)
        }
    })
}

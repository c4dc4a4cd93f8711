//! E-mail, for the codes that confirm a change of e-mail address. Chosen by
//! `mail.provider`: `console` (the log, embedded mode) or `webhook` (a
//! mail-sending service of the operator's).

use crate::settings::{MailProvider, MailSettings};
use futures_util::future::BoxFuture;
use serde::Serialize;
use std::sync::Arc;
use std::time::Duration;

/// Why a message was not taken. Never holds a URL.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct MailError(pub String);

#[derive(Serialize)]
pub struct Mail<'a> {
    pub to: &'a str,
    pub code: &'a str,
    pub subject: &'static str,
    pub text: String,
}

impl<'a> Mail<'a> {
    /// The confirmation of moving the account known by the masked mobile
    /// `account` to the address `to`.
    pub fn change(to: &'a str, code: &'a str, account: &str) -> Mail<'a> {
        Mail {
            to,
            code,
            subject: "تایید تغییر ایمیل",
            text: format!(
                "کد {code} برای تایید تغییر ایمیل حساب کاربری {account} به این نشانی است. \
                 اگر شما درخواست نکرده‌اید، این کد را به کسی ندهید."
            ),
        }
    }
}

pub trait MailSender: Send + Sync {
    fn send<'a>(&'a self, mail: &'a Mail<'a>) -> BoxFuture<'a, Result<(), MailError>>;
}

/// Embedded mode: the message goes to the log.
pub struct Console;

impl MailSender for Console {
    fn send<'a>(&'a self, mail: &'a Mail<'a>) -> BoxFuture<'a, Result<(), MailError>> {
        log::warn!(
            "mail.provider=console (not for production): to {}: {}",
            mail.to,
            mail.text
        );
        Box::pin(async { Ok(()) })
    }
}

/// POSTs `{"to","subject","text","code"}`; any 2xx answer is a delivery.
pub struct Webhook {
    http: reqwest::Client,
    url: String,
}

impl MailSender for Webhook {
    fn send<'a>(&'a self, mail: &'a Mail<'a>) -> BoxFuture<'a, Result<(), MailError>> {
        Box::pin(async move {
            self.http
                .post(&self.url)
                .json(mail)
                .send()
                .await
                .and_then(reqwest::Response::error_for_status)
                // the URL may carry credentials of its own
                .map_err(|e| MailError(format!("mail webhook: {}", e.without_url())))?;
            Ok(())
        })
    }
}

pub fn from_settings(settings: &MailSettings) -> Result<Arc<dyn MailSender>, String> {
    Ok(match settings.provider {
        MailProvider::Console => Arc::new(Console),
        MailProvider::Webhook => Arc::new(Webhook {
            http: reqwest::Client::builder()
                .timeout(Duration::from_secs(settings.timeout_secs))
                .build()
                .map_err(|e| format!("mail: building the HTTP client: {e}"))?,
            url: settings
                .webhook_url
                .clone()
                .ok_or("mail.webhook_url: required for the webhook provider")?,
        }),
    })
}

use super::{Sms, SmsError, SmsSender};
use futures_util::future::BoxFuture;
use serde::Serialize;

/// POSTs `{"receptor","code","message","purpose"}` to a custom SMS gateway;
/// any 2xx answer is a delivery. `purpose` is `login` or `mobile_change`.
pub struct Webhook {
    http: reqwest::Client,
    url: String,
}

impl Webhook {
    pub fn new(http: reqwest::Client, url: String) -> Webhook {
        Webhook { http, url }
    }
}

impl SmsSender for Webhook {
    fn send<'a>(&'a self, sms: &'a Sms<'a>) -> BoxFuture<'a, Result<(), SmsError>> {
        Box::pin(async move {
            self.http
                .post(&self.url)
                .json(&Message {
                    receptor: sms.receptor,
                    code: sms.code,
                    message: sms.text(),
                    purpose: sms.purpose(),
                })
                .send()
                .await
                .and_then(reqwest::Response::error_for_status)
                // the URL may carry credentials of its own
                .map_err(|e| SmsError(format!("webhook: {}", e.without_url())))?;
            Ok(())
        })
    }
}

#[derive(Serialize)]
struct Message<'a> {
    receptor: &'a str,
    code: &'a str,
    message: String,
    purpose: &'static str,
}

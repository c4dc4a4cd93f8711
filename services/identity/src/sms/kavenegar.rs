use super::{Sms, SmsError, SmsKind, SmsSender};
use futures_util::future::BoxFuture;
use platform_settings::Secret;
use serde::Deserialize;

/// Kavenegar's `verify/lookup.json`: the code is the template's `token`; a
/// change of mobile uses its own template, with the account's masked
/// mobile as `token2`.
/// The API key is part of the URL path, so neither the URL nor a reqwest
/// error that would print it ever reaches a log.
pub struct Kavenegar {
    http: reqwest::Client,
    base: reqwest::Url,
    api_key: Secret,
    template: String,
    change_template: String,
}

/// Kavenegar answers `{"return":{"status":..,"message":..},"entries":..}`;
/// only `return.status == 200` is a delivery, whatever the HTTP status.
#[derive(Deserialize)]
struct Answer {
    #[serde(rename = "return")]
    outcome: Outcome,
}

#[derive(Deserialize)]
struct Outcome {
    status: i64,
    #[serde(default)]
    message: String,
}

impl Kavenegar {
    pub fn new(
        http: reqwest::Client,
        base_url: &str,
        api_key: Secret,
        template: String,
        change_template: String,
    ) -> Result<Kavenegar, String> {
        let base =
            reqwest::Url::parse(base_url).map_err(|e| format!("sms.kavenegar.base_url: {e}"))?;
        if base.cannot_be_a_base() {
            return Err("sms.kavenegar.base_url: not an http(s) URL".into());
        }
        Ok(Kavenegar {
            http,
            base,
            api_key,
            template,
            change_template,
        })
    }

    #[expect(
        clippy::expect_used,
        reason = "new() refused a base URL that cannot be a base"
    )]
    fn url(&self, sms: &Sms<'_>) -> reqwest::Url {
        let mut url = self.base.clone();
        url.path_segments_mut()
            .expect("checked in new")
            .pop_if_empty()
            .extend(["v1", self.api_key.expose(), "verify", "lookup.json"]);
        let mut query = url.query_pairs_mut();
        query
            .append_pair("receptor", sms.receptor)
            .append_pair("token", sms.code);
        match sms.kind {
            SmsKind::Login => query.append_pair("template", &self.template),
            SmsKind::ChangeMobile { account } => query
                .append_pair("token2", account)
                .append_pair("template", &self.change_template),
        };
        drop(query);
        url
    }
}

impl SmsSender for Kavenegar {
    fn send<'a>(&'a self, sms: &'a Sms<'a>) -> BoxFuture<'a, Result<(), SmsError>> {
        Box::pin(async move {
            let failed = |e: reqwest::Error| SmsError(format!("kavenegar: {}", e.without_url()));
            let response = self.http.get(self.url(sms)).send().await.map_err(failed)?;
            let http_status = response.status();
            let answer: Answer = response.json().await.map_err(|e| {
                SmsError(format!(
                    "kavenegar: HTTP {http_status}, unreadable body: {}",
                    e.without_url()
                ))
            })?;
            if answer.outcome.status == 200 {
                Ok(())
            } else {
                Err(SmsError(format!(
                    "kavenegar: HTTP {http_status}, return.status {}: {}",
                    answer.outcome.status, answer.outcome.message
                )))
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_goes_in_the_path_and_the_rest_in_the_query() {
        let k = Kavenegar::new(
            reqwest::Client::new(),
            "https://api.example/",
            Secret::new("KEY-123"),
            "verify".into(),
            "change".into(),
        )
        .unwrap();
        assert_eq!(
            k.url(&Sms::login("09120000000", "123456")).as_str(),
            "https://api.example/v1/KEY-123/verify/lookup.json?receptor=09120000000&token=123456&template=verify"
        );
        assert_eq!(
            k.url(&Sms::change("09120000000", "123456", "0912****402")).as_str(),
            "https://api.example/v1/KEY-123/verify/lookup.json?receptor=09120000000&token=123456&token2=0912****402&template=change"
        );
    }
}

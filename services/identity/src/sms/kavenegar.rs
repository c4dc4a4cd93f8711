use super::{SmsError, SmsSender};
use futures_util::future::BoxFuture;
use platform_settings::Secret;
use serde::Deserialize;

/// Kavenegar's `verify/lookup.json`: the code is the template's `token`.
/// The API key is part of the URL path, so neither the URL nor a reqwest
/// error that would print it ever reaches a log.
pub struct Kavenegar {
    http: reqwest::Client,
    base: reqwest::Url,
    api_key: Secret,
    template: String,
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
        })
    }

    fn url(&self, receptor: &str, code: &str) -> reqwest::Url {
        let mut url = self.base.clone();
        url.path_segments_mut()
            .expect("checked in new")
            .pop_if_empty()
            .extend(["v1", self.api_key.expose(), "verify", "lookup.json"]);
        url.query_pairs_mut()
            .append_pair("receptor", receptor)
            .append_pair("token", code)
            .append_pair("template", &self.template);
        url
    }
}

impl SmsSender for Kavenegar {
    fn send<'a>(&'a self, receptor: &'a str, code: &'a str) -> BoxFuture<'a, Result<(), SmsError>> {
        Box::pin(async move {
            let failed = |e: reqwest::Error| SmsError(format!("kavenegar: {}", e.without_url()));
            let response = self
                .http
                .get(self.url(receptor, code))
                .send()
                .await
                .map_err(failed)?;
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
        )
        .unwrap();
        assert_eq!(
            k.url("09120000000", "123456").as_str(),
            "https://api.example/v1/KEY-123/verify/lookup.json?receptor=09120000000&token=123456&template=verify"
        );
    }
}

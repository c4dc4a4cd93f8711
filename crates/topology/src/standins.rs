//! The outside services as real HTTP servers in this process: an SMS
//! webhook that keeps what it gets, and the smm tests' own stand-ins for
//! Zarinpal and an upstream SMM provider (their wire formats).

use serde_json::Value;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[path = "../../../services/smm/tests/api/provider.rs"]
#[expect(dead_code, reason = "the run uses part of the stand-in")]
pub mod provider;
#[path = "../../../services/smm/tests/api/zarinpal.rs"]
#[expect(dead_code, reason = "the run uses part of the stand-in")]
pub mod zarinpal;

pub struct StandIns {
    pub sms: MockServer,
    pub zarinpal: zarinpal::StandInZarinpal,
    pub provider: provider::StandInProvider,
}

impl StandIns {
    pub async fn start() -> StandIns {
        let sms = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/sms"))
            .respond_with(ResponseTemplate::new(200))
            .mount(&sms)
            .await;
        StandIns {
            sms,
            zarinpal: zarinpal::StandInZarinpal::start().await,
            provider: provider::StandInProvider::start().await,
        }
    }

    pub fn sms_url(&self) -> String {
        format!("{}/sms", self.sms.uri())
    }

    pub fn merchant(&self) -> String {
        zarinpal::MERCHANT.into()
    }

    /// The last code sent to `mobile`.
    pub async fn code_for(&self, mobile: &str) -> Option<String> {
        let sent = self.sms.received_requests().await.unwrap_or_default();
        sent.iter().rev().find_map(|r| {
            let body: Value = serde_json::from_slice(&r.body).ok()?;
            (body["receptor"] == mobile).then(|| body["code"].as_str().map(str::to_string))?
        })
    }
}

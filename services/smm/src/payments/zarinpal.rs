//! Zarinpal's v4 API (reference: smm.md): `payment/request.json` for an
//! authority, `payment/verify.json` to learn whether it was paid. Amounts
//! go in Rials (the default currency). Success is `data.code` 100 (and
//! 101 on verify: paid and verified before); failures are a negative
//! `errors.code`, often with a 4xx status line, so the body is read
//! whatever the status. The merchant id is never logged.

use crate::settings::ZarinpalSettings;
use serde::Serialize;
use serde_json::Value;
use std::time::Duration;

#[derive(Clone)]
pub struct Zarinpal {
    http: reqwest::Client,
    pub settings: ZarinpalSettings,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Requested {
    Authority(String),
    /// Zarinpal's error code and message.
    Refused(i64, String),
    /// No readable answer (timeout, broken body): nothing was promised.
    Failed(String),
}

#[derive(Debug, PartialEq, Eq)]
pub enum Verified {
    /// 100, or 101 when it was verified before.
    Paid {
        code: i64,
        ref_id: Option<String>,
        card_pan: Option<String>,
    },
    Refused(i64, String),
    /// No readable answer: the payment may or may not be verified.
    Unknown(String),
}

impl Verified {
    /// Codes after which this authority can never be paid: unpaid or
    /// failed (-51), the amount (-50), another merchant's (-53), no such
    /// authority (-54). Others (-9 validation, -10 -11 -15 the merchant,
    /// -12 too many attempts) say nothing of the payment.
    pub fn is_final_refusal(code: i64) -> bool {
        matches!(code, -50 | -51 | -53 | -54)
    }
}

#[derive(Serialize)]
struct Metadata<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    mobile: Option<&'a str>,
    order_id: String,
}

#[derive(Serialize)]
struct RequestBody<'a> {
    merchant_id: &'a str,
    amount: i64,
    description: &'a str,
    callback_url: &'a str,
    metadata: Metadata<'a>,
}

#[derive(Serialize)]
struct VerifyBody<'a> {
    merchant_id: &'a str,
    authority: &'a str,
    amount: i64,
}

impl Zarinpal {
    pub fn new(settings: ZarinpalSettings) -> Result<Zarinpal, String> {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_millis(settings.timeout_ms))
            .build()
            .map_err(|e| format!("zarinpal.timeout_ms: no HTTP client: {e}"))?;
        Ok(Zarinpal { http, settings })
    }

    pub fn configured(&self) -> bool {
        self.settings.merchant_id.is_some()
    }

    /// Where the user pays.
    pub fn start_pay_url(&self, authority: &str) -> String {
        format!("{}/pg/StartPay/{authority}", self.settings.base())
    }

    fn merchant(&self) -> &str {
        self.settings
            .merchant_id
            .as_ref()
            .map_or("", |m| m.expose())
    }

    pub async fn request(&self, rials: i64, payment_id: i64, mobile: Option<&str>) -> Requested {
        let body = RequestBody {
            merchant_id: self.merchant(),
            amount: rials,
            description: "شارژ حساب کاربری",
            callback_url: &self.settings.callback_url,
            metadata: Metadata {
                mobile,
                order_id: payment_id.to_string(),
            },
        };
        match self.post("request.json", &body).await {
            Err(why) => Requested::Failed(why),
            Ok(answer) => match success_code(&answer) {
                Some(100) => match answer["data"]["authority"].as_str() {
                    Some(authority) if !authority.trim().is_empty() => {
                        Requested::Authority(authority.trim().to_string())
                    }
                    _ => Requested::Failed("code 100 without an authority".into()),
                },
                _ => match error(&answer) {
                    Some((code, message)) => Requested::Refused(code, message),
                    None => Requested::Failed("an answer without a code".into()),
                },
            },
        }
    }

    pub async fn verify(&self, authority: &str, rials: i64) -> Verified {
        let body = VerifyBody {
            merchant_id: self.merchant(),
            authority,
            amount: rials,
        };
        match self.post("verify.json", &body).await {
            Err(why) => Verified::Unknown(why),
            Ok(answer) => match success_code(&answer) {
                Some(code @ (100 | 101)) => Verified::Paid {
                    code,
                    ref_id: text(&answer["data"]["ref_id"]),
                    card_pan: text(&answer["data"]["card_pan"]),
                },
                _ => match error(&answer) {
                    Some((code, message)) => Verified::Refused(code, message),
                    None => Verified::Unknown("an answer without a code".into()),
                },
            },
        }
    }

    async fn post(&self, what: &str, body: &impl Serialize) -> Result<Value, String> {
        let url = format!("{}/pg/v4/payment/{what}", self.settings.base());
        let res = self
            .http
            .post(url)
            .header("accept", "application/json")
            .json(body)
            .send()
            .await
            .map_err(|e| e.without_url().to_string())?;
        let status = res.status();
        res.json::<Value>()
            .await
            .map_err(|e| format!("{status}: {}", e.without_url()))
    }
}

/// `data.code` when `data` is an object (it is `[]` on failure).
fn success_code(answer: &Value) -> Option<i64> {
    answer["data"]["code"].as_i64()
}

/// `errors.code` and `errors.message` (`errors` is `[]` on success).
fn error(answer: &Value) -> Option<(i64, String)> {
    let code = answer["errors"]["code"].as_i64()?;
    let message = answer["errors"]["message"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    Some((code, message))
}

/// A string or a number as text.
fn text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_both_shapes_of_an_answer() {
        let paid = json!({"data":{"code":101,"ref_id":201,"card_pan":"6037****5434"},"errors":[]});
        assert_eq!(success_code(&paid), Some(101));
        assert_eq!(text(&paid["data"]["ref_id"]).as_deref(), Some("201"));
        let refused = json!({"data":[],"errors":{"code":-51,"message":"Session is not valid","validations":[]}});
        assert_eq!(success_code(&refused), None);
        assert_eq!(error(&refused), Some((-51, "Session is not valid".into())));
        assert!(Verified::is_final_refusal(-51));
        assert!(!Verified::is_final_refusal(-12));
    }
}

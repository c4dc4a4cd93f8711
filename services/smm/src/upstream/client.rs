//! A client of the reseller API v2 (reference: smm.md), the protocol the
//! panel speaks to its upstream providers. Providers answer numbers as
//! strings or numbers, errors as HTTP 200 `{"error":"..."}`, multi-status
//! replies keyed by the order id as a string, with `{"error"}` items.

use serde_json::{Map, Value};
use std::collections::HashMap;
use std::time::Duration;

#[derive(Clone)]
pub struct Provider {
    pub url: String,
    pub key: String,
}

/// How a call went, for calls that change something upstream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome<T> {
    Done(T),
    /// The provider answered with an error: nothing happened upstream.
    Refused(String),
    /// The request never left (no connection): safe to try again.
    NotSent(String),
    /// The request may have arrived (a timeout, a broken reply): whether
    /// it took effect is unknown.
    Unknown(String),
}

/// One order's status as a provider reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteStatus {
    pub status: String,
    pub remains: Option<i64>,
    pub start_count: Option<i64>,
    /// Subscriptions: posts done.
    pub posts: Option<i64>,
}

/// A provider's service, from `action=services`.
#[derive(Debug, Clone, PartialEq)]
pub struct RemoteService {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub category: String,
    /// The rate per 1000 as sent (a decimal text).
    pub rate: String,
    pub min: i64,
    pub max: i64,
    pub refill: bool,
    pub cancel: bool,
    pub dripfeed: bool,
}

#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
}

impl Client {
    pub fn new(timeout: Duration) -> Result<Client, reqwest::Error> {
        Ok(Client {
            http: reqwest::Client::builder()
                .timeout(timeout)
                .connect_timeout(timeout.min(Duration::from_secs(5)))
                .build()?,
        })
    }

    async fn call(&self, provider: &Provider, form: &[(&str, String)]) -> Outcome<Value> {
        let mut body: Vec<(&str, &str)> = vec![("key", provider.key.as_str())];
        body.extend(form.iter().map(|(k, v)| (*k, v.as_str())));
        let sent = self.http.post(&provider.url).form(&body).send().await;
        let response = match sent {
            Ok(r) => r,
            Err(e) if e.is_connect() => return Outcome::NotSent(describe(&e)),
            Err(e) => return Outcome::Unknown(describe(&e)),
        };
        let status = response.status();
        let value: Value = match response.json().await {
            Ok(v) => v,
            Err(e) => {
                return Outcome::Unknown(format!(
                    "HTTP {status}, unreadable reply: {}",
                    describe(&e)
                ))
            }
        };
        if let Some(error) = value.get("error") {
            return Outcome::Refused(text(error).unwrap_or_else(|| error.to_string()));
        }
        if !status.is_success() {
            return Outcome::Unknown(format!("HTTP {status}"));
        }
        Outcome::Done(value)
    }

    /// `action=add`: the provider's order id.
    pub async fn add(&self, provider: &Provider, params: &[(&str, String)]) -> Outcome<i64> {
        let mut form = vec![("action", "add".to_string())];
        form.extend(params.iter().cloned());
        match self.call(provider, &form).await {
            Outcome::Done(v) => match v.get("order").and_then(integer) {
                Some(id) => Outcome::Done(id),
                None => Outcome::Unknown(format!("no order id in the reply: {v}")),
            },
            Outcome::Refused(e) => Outcome::Refused(e),
            Outcome::NotSent(e) => Outcome::NotSent(e),
            Outcome::Unknown(e) => Outcome::Unknown(e),
        }
    }

    /// `action=status&orders=...`: each asked id's status, or the
    /// provider's error for that id. `Err` when the call as a whole failed.
    pub async fn statuses(
        &self,
        provider: &Provider,
        ids: &[i64],
    ) -> Result<HashMap<i64, Result<RemoteStatus, String>>, String> {
        let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        let form = [("action", "status".to_string()), ("orders", list)];
        let value = match self.call(provider, &form).await {
            Outcome::Done(v) => v,
            Outcome::Refused(e) | Outcome::NotSent(e) | Outcome::Unknown(e) => return Err(e),
        };
        let Value::Object(map) = value else {
            return Err(format!("a status reply that is not an object: {value}"));
        };
        // a provider that answers one asked order in the single form
        if ids.len() == 1 && map.contains_key("status") {
            return Ok(HashMap::from([(ids[0], status_of(&map))]));
        }
        Ok(map
            .iter()
            .filter_map(|(k, v)| {
                let id: i64 = k.trim().parse().ok()?;
                let item = match v {
                    Value::Object(item) => status_of(item),
                    other => Err(format!("not an object: {other}")),
                };
                Some((id, item))
            })
            .collect())
    }

    /// `action=services`.
    pub async fn services(&self, provider: &Provider) -> Result<Vec<RemoteService>, String> {
        let value = match self
            .call(provider, &[("action", "services".to_string())])
            .await
        {
            Outcome::Done(v) => v,
            Outcome::Refused(e) | Outcome::NotSent(e) | Outcome::Unknown(e) => return Err(e),
        };
        let Value::Array(items) = value else {
            return Err("the services reply is not a list".into());
        };
        Ok(items
            .iter()
            .filter_map(|item| {
                Some(RemoteService {
                    id: item.get("service").and_then(text)?,
                    name: item.get("name").and_then(text)?,
                    kind: item
                        .get("type")
                        .and_then(text)
                        .unwrap_or_else(|| "Default".into()),
                    category: item.get("category").and_then(text).unwrap_or_default(),
                    rate: item.get("rate").and_then(text)?,
                    min: item.get("min").and_then(integer)?,
                    max: item.get("max").and_then(integer)?,
                    refill: item.get("refill").is_some_and(truthy),
                    cancel: item.get("cancel").is_some_and(truthy),
                    dripfeed: item.get("dripfeed").is_some_and(truthy),
                })
            })
            .collect())
    }

    /// `action=balance`: the balance and currency as sent.
    pub async fn balance(&self, provider: &Provider) -> Result<(String, String), String> {
        match self
            .call(provider, &[("action", "balance".to_string())])
            .await
        {
            Outcome::Done(v) => Ok((
                v.get("balance").and_then(text).unwrap_or_default(),
                v.get("currency").and_then(text).unwrap_or_default(),
            )),
            Outcome::Refused(e) | Outcome::NotSent(e) | Outcome::Unknown(e) => Err(e),
        }
    }

    /// `action=refill&order=N`: the provider's refill id.
    pub async fn refill(&self, provider: &Provider, order: i64) -> Outcome<String> {
        let form = [
            ("action", "refill".to_string()),
            ("order", order.to_string()),
        ];
        match self.call(provider, &form).await {
            Outcome::Done(v) => match v.get("refill").and_then(text) {
                Some(id) => Outcome::Done(id),
                None => Outcome::Unknown(format!("no refill id in the reply: {v}")),
            },
            Outcome::Refused(e) => Outcome::Refused(e),
            Outcome::NotSent(e) => Outcome::NotSent(e),
            Outcome::Unknown(e) => Outcome::Unknown(e),
        }
    }

    /// `action=refill_status&refill=N`.
    pub async fn refill_status(&self, provider: &Provider, refill: &str) -> Result<String, String> {
        let form = [
            ("action", "refill_status".to_string()),
            ("refill", refill.to_string()),
        ];
        match self.call(provider, &form).await {
            Outcome::Done(v) => v
                .get("status")
                .and_then(text)
                .ok_or_else(|| format!("no status in the reply: {v}")),
            Outcome::Refused(e) | Outcome::NotSent(e) | Outcome::Unknown(e) => Err(e),
        }
    }

    /// `action=cancel&orders=N`: whether the provider took the request.
    pub async fn cancel(&self, provider: &Provider, order: i64) -> Outcome<()> {
        let form = [
            ("action", "cancel".to_string()),
            ("orders", order.to_string()),
        ];
        match self.call(provider, &form).await {
            Outcome::Done(Value::Array(items)) => {
                let mine = items
                    .iter()
                    .find(|i| i.get("order").and_then(integer) == Some(order));
                match mine.and_then(|i| i.get("cancel")) {
                    Some(Value::Object(e)) => Outcome::Refused(
                        e.get("error")
                            .and_then(text)
                            .unwrap_or_else(|| "refused".into()),
                    ),
                    Some(_) => Outcome::Done(()),
                    None => Outcome::Unknown("the cancel reply does not name the order".into()),
                }
            }
            Outcome::Done(v) => Outcome::Unknown(format!("a cancel reply that is not a list: {v}")),
            Outcome::Refused(e) => Outcome::Refused(e),
            Outcome::NotSent(e) => Outcome::NotSent(e),
            Outcome::Unknown(e) => Outcome::Unknown(e),
        }
    }
}

fn status_of(item: &Map<String, Value>) -> Result<RemoteStatus, String> {
    if let Some(error) = item.get("error") {
        return Err(text(error).unwrap_or_else(|| error.to_string()));
    }
    Ok(RemoteStatus {
        status: item
            .get("status")
            .and_then(text)
            .ok_or_else(|| "no status".to_string())?,
        remains: item.get("remains").and_then(integer),
        start_count: item.get("start_count").and_then(integer),
        posts: item.get("posts").and_then(integer),
    })
}

/// A value as text: strings as sent, numbers as written.
fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A whole number sent as a number or a string (`"157"`, `"-5"`, `"12.0"`).
fn integer(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f as i64)),
        Value::String(s) => {
            let s = s.trim();
            s.parse::<i64>().ok().or_else(|| {
                s.parse::<f64>()
                    .ok()
                    .filter(|f| f.is_finite())
                    .map(|f| f as i64)
            })
        }
        _ => None,
    }
}

fn truthy(v: &Value) -> bool {
    match v {
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_i64().is_some_and(|n| n != 0),
        Value::String(s) => matches!(s.trim(), "1" | "true" | "yes"),
        _ => false,
    }
}

/// A transport error without the URL (a provider's URL may carry a key).
fn describe(e: &reqwest::Error) -> String {
    let kind = if e.is_timeout() {
        "timed out"
    } else if e.is_connect() {
        "could not connect"
    } else if e.is_decode() {
        "unreadable reply"
    } else {
        "transport error"
    };
    match std::error::Error::source(e) {
        Some(source) => format!("{kind}: {source}"),
        None => kind.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn numbers_arrive_as_strings_or_numbers() {
        assert_eq!(integer(&json!("157")), Some(157));
        assert_eq!(integer(&json!("-5")), Some(-5));
        assert_eq!(integer(&json!(3572)), Some(3572));
        assert_eq!(integer(&json!("x")), None);
        let item = json!({"charge":"0.27819","start_count":"3572","status":"Partial","remains":"157","currency":"USD"});
        let Value::Object(map) = item else {
            unreachable!()
        };
        assert_eq!(
            status_of(&map),
            Ok(RemoteStatus {
                status: "Partial".into(),
                remains: Some(157),
                start_count: Some(3572),
                posts: None
            })
        );
    }
}

//! A stand-in upstream panel: a real HTTP server (wiremock) speaking the
//! reseller API v2 as providers do, quirks included: numbers as strings,
//! errors as HTTP 200 `{"error"}`, multi-status replies keyed by the id as
//! a string with `{"error":"Incorrect order ID"}` items, negative remains
//! when it over-delivers.

use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

pub const KEY: &str = "provider-key-of-the-panel";

#[derive(Default)]
struct Books {
    next_id: i64,
    /// upstream id → (status, remains, start_count)
    orders: BTreeMap<i64, (String, String, String)>,
    /// every `add` received, as its form
    adds: Vec<BTreeMap<String, String>>,
    /// every `status` call's `orders`
    status_calls: Vec<String>,
    refuse_add: Option<String>,
    add_delay: Option<Duration>,
}

#[derive(Clone)]
pub struct StandInProvider {
    pub server: Arc<MockServer>,
    books: Arc<Mutex<Books>>,
}

struct Answer(Arc<Mutex<Books>>);

impl Respond for Answer {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let form: BTreeMap<String, String> =
            serde_urlencoded::from_bytes(&request.body).unwrap_or_default();
        let mut books = self.0.lock().unwrap();
        let ok = |v: Value| ResponseTemplate::new(200).set_body_json(v);
        if form.get("key").map(String::as_str) != Some(KEY) {
            return ok(json!({"error": "Invalid API key"}));
        }
        match form.get("action").map(String::as_str) {
            Some("add") => {
                books.adds.push(form.clone());
                if let Some(why) = books.refuse_add.clone() {
                    return ok(json!({"error": why}));
                }
                books.next_id += 1;
                let id = 9000 + books.next_id;
                let quantity = form.get("quantity").cloned().unwrap_or_else(|| "1".into());
                books
                    .orders
                    .insert(id, ("Pending".into(), quantity, "0".into()));
                let reply = ok(json!({"order": id}));
                match books.add_delay {
                    Some(d) => reply.set_delay(d),
                    None => reply,
                }
            }
            Some("status") => {
                let list = form.get("orders").cloned().unwrap_or_default();
                books.status_calls.push(list.clone());
                let mut map = Map::new();
                for id in list.split(',') {
                    let item = id
                        .parse::<i64>()
                        .ok()
                        .and_then(|n| books.orders.get(&n))
                        .map_or_else(
                            || json!({"error": "Incorrect order ID"}),
                            |(status, remains, start)| {
                                json!({"charge": "0.27819", "start_count": start, "status": status,
                                       "remains": remains, "currency": "USD"})
                            },
                        );
                    map.insert(id.to_string(), item);
                }
                ok(Value::Object(map))
            }
            Some("services") => ok(json!([
                {"service": 1, "name": "Followers", "type": "Default", "category": "First Category",
                 "rate": "0.90", "min": "50", "max": "10000", "refill": true, "cancel": true},
                {"service": "2", "name": "Comments", "type": "Custom Comments", "category": "Second",
                 "rate": "8", "min": "10", "max": "1500", "refill": false, "cancel": true, "dripfeed": false}
            ])),
            Some("balance") => ok(json!({"balance": "100.84292", "currency": "USD"})),
            Some("cancel") => {
                let list = form.get("orders").cloned().unwrap_or_default();
                let items: Vec<Value> = list
                    .split(',')
                    .filter_map(|id| id.parse::<i64>().ok())
                    .map(|id| json!({"order": id, "cancel": 1}))
                    .collect();
                ok(Value::Array(items))
            }
            Some("refill") => ok(json!({"refill": "77"})),
            Some("refill_status") => ok(json!({"status": "Completed"})),
            _ => ok(json!({"error": "Incorrect request"})),
        }
    }
}

impl StandInProvider {
    pub async fn start() -> StandInProvider {
        let server = MockServer::start().await;
        let books = Arc::new(Mutex::new(Books::default()));
        Mock::given(method("POST"))
            .respond_with(Answer(Arc::clone(&books)))
            .mount(&server)
            .await;
        StandInProvider {
            server: Arc::new(server),
            books,
        }
    }

    pub fn url(&self) -> String {
        format!("{}/api/v2", self.server.uri())
    }

    /// Sets what the provider reports of its order `upstream`.
    pub fn set(&self, upstream: i64, status: &str, remains: &str) {
        let mut books = self.books.lock().unwrap();
        let entry = books.orders.entry(upstream).or_default();
        entry.0 = status.into();
        entry.1 = remains.into();
        entry.2 = "3572".into();
    }

    pub fn refuse_adds(&self, why: &str) {
        self.books.lock().unwrap().refuse_add = Some(why.into());
    }

    pub fn delay_adds(&self, delay: Duration) {
        self.books.lock().unwrap().add_delay = Some(delay);
    }

    pub fn adds(&self) -> Vec<BTreeMap<String, String>> {
        self.books.lock().unwrap().adds.clone()
    }

    pub fn status_calls(&self) -> Vec<String> {
        self.books.lock().unwrap().status_calls.clone()
    }

    /// Forgets an order, so its status reads "Incorrect order ID".
    pub fn forget(&self, upstream: i64) {
        self.books.lock().unwrap().orders.remove(&upstream);
    }
}

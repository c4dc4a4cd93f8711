//! A stand-in Zarinpal (v4): a real HTTP server speaking its wire format.
//! `payment/request.json` hands out authorities (`A` and 35 digits);
//! `payment/verify.json` answers 100 the first time a paid authority is
//! verified with its amount, 101 after, and the negative codes otherwise
//! (-9 validation, -10 merchant, -50 amount, -51 unpaid, -54 authority),
//! with `data: []` and an `errors` object, on a 4xx status line. Answers
//! can be slowed to outlast the client's timeout.

use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

pub const MERCHANT: &str = "1344b5d4-0048-11e8-94db-005056a205be";

#[derive(Default)]
struct Books {
    next: u64,
    /// authority → (Rials, paid by the user, verified before)
    sessions: HashMap<String, (i64, bool, bool)>,
    requests: Vec<Value>,
    verifies: usize,
    delay: Option<Duration>,
}

#[derive(Clone)]
pub struct StandInZarinpal {
    pub server: Arc<MockServer>,
    books: Arc<Mutex<Books>>,
}

struct Answer(Arc<Mutex<Books>>);

fn refused(code: i64, message: &str) -> ResponseTemplate {
    ResponseTemplate::new(if code == -9 { 422 } else { 400 }).set_body_json(
        json!({"data": [], "errors": {"code": code, "message": message, "validations": []}}),
    )
}

impl Respond for Answer {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let body: Value = serde_json::from_slice(&request.body).unwrap_or(Value::Null);
        let mut books = self.0.lock().unwrap();
        let answer = if body["merchant_id"] != MERCHANT {
            refused(
                -10,
                "Terminal is not valid, please check merchant_id or ip address.",
            )
        } else {
            match request.url.path() {
                "/pg/v4/payment/request.json" => {
                    books.requests.push(body.clone());
                    let amount = body["amount"].as_i64().unwrap_or(0);
                    if amount < 10_000 {
                        refused(-9, "The input params invalid, validation error.")
                    } else {
                        books.next += 1;
                        let authority = format!("A{:035}", 217_885_159 + books.next);
                        books
                            .sessions
                            .insert(authority.clone(), (amount, false, false));
                        ResponseTemplate::new(200).set_body_json(json!({
                            "data": {"code": 100, "message": "Success", "authority": authority, "fee_type": "Merchant", "fee": 100},
                            "errors": []
                        }))
                    }
                }
                "/pg/v4/payment/verify.json" => {
                    books.verifies += 1;
                    let authority = body["authority"].as_str().unwrap_or_default().to_string();
                    match books.sessions.get_mut(&authority) {
                        None => refused(-54, "Invalid authority."),
                        Some((amount, _, _)) if Some(*amount) != body["amount"].as_i64() => {
                            refused(-50, "Session is not valid, amounts values is not the same.")
                        }
                        Some((_, false, _)) => refused(-51, "Session is not active, paid try."),
                        Some((_, true, verified)) => {
                            let code = if *verified { 101 } else { 100 };
                            *verified = true;
                            ResponseTemplate::new(200).set_body_json(json!({
                                "data": {"code": code, "message": if code == 100 { "Paid" } else { "Verified" },
                                         "card_hash": "1EBE3EBEBE35C7EC0F8D6EE4F2F859107A87822CA179BC9528767EA7B5489B69",
                                         "card_pan": "502229******5995", "ref_id": 201, "fee_type": "Merchant", "fee": 0},
                                "errors": []
                            }))
                        }
                    }
                }
                _ => ResponseTemplate::new(404),
            }
        };
        match books.delay {
            Some(d) => answer.set_delay(d),
            None => answer,
        }
    }
}

impl StandInZarinpal {
    pub async fn start() -> StandInZarinpal {
        let server = MockServer::start().await;
        let books = Arc::new(Mutex::new(Books::default()));
        Mock::given(method("POST"))
            .respond_with(Answer(books.clone()))
            .mount(&server)
            .await;
        StandInZarinpal {
            server: Arc::new(server),
            books,
        }
    }

    pub fn url(&self) -> String {
        self.server.uri()
    }

    /// The user pays at StartPay.
    pub fn pay(&self, authority: &str) {
        let mut books = self.books.lock().unwrap();
        books.sessions.get_mut(authority).unwrap().1 = true;
    }

    /// The payment was verified before (by a process that stopped before
    /// it credited): the next verify answers 101.
    pub fn verified_before(&self, authority: &str) {
        let mut books = self.books.lock().unwrap();
        let session = books.sessions.get_mut(authority).unwrap();
        session.1 = true;
        session.2 = true;
    }

    pub fn slow(&self, delay: Option<Duration>) {
        self.books.lock().unwrap().delay = delay;
    }

    pub fn requests(&self) -> Vec<Value> {
        self.books.lock().unwrap().requests.clone()
    }

    pub fn verifies(&self) -> usize {
        self.books.lock().unwrap().verifies
    }
}

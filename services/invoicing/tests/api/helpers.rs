//! The service under test on a free port with its own database and a
//! stand-in identity, through the shared test kit.

use invoicing::{Application, Settings};
use platform_testkit::{service, Running, StandInIdentity, TestDb};
use reqwest::{Method, RequestBuilder};
use serde_json::Value;

pub use platform_testkit::{send, Reply};

pub const ALICE: &str = "account-alice";
pub const BOB: &str = "account-bob";

pub struct TestApp {
    pub identity: StandInIdentity,
    pub db_url: String,
    client: reqwest::Client,
    running: Running,
    // dropped last, after the server was told to stop
    _db: TestDb,
}

pub async fn spawn_app() -> TestApp {
    spawn_with(|_| {}).await
}

/// A service whose settings `tune` adjusts first.
pub async fn spawn_with(tune: impl FnOnce(&mut Settings)) -> TestApp {
    let identity = StandInIdentity::start().await;
    let db = TestDb::new();
    let settings: Settings = service::settings(&db, &identity, tune);
    let running = Running::start(move || Application::build(settings)).await;
    TestApp {
        identity,
        db_url: db.url.clone(),
        client: reqwest::Client::new(),
        running,
        _db: db,
    }
}

/// What the ledger's answers hold, read off a [`Reply`].
pub trait LedgerReply {
    /// The `Customer` objects of a list or read answer.
    fn customers(&self) -> Vec<Value>;
    /// The `name` of each listed customer, in order.
    fn names(&self) -> Vec<String>;
    /// The fields named in a ledger error's `errors`.
    fn error_fields(&self) -> Vec<String>;
}

impl LedgerReply for Reply {
    fn customers(&self) -> Vec<Value> {
        self.body["data"]
            .as_array()
            .unwrap_or_else(|| panic!("no data array: {}", self.text))
            .iter()
            .map(|item| item["Customer"].clone())
            .collect()
    }

    fn names(&self) -> Vec<String> {
        self.customers()
            .iter()
            .map(|c| c["name"].as_str().unwrap_or_default().to_string())
            .collect()
    }

    fn error_fields(&self) -> Vec<String> {
        self.body["errors"]
            .as_object()
            .unwrap_or_else(|| panic!("no errors object: {}", self.text))
            .keys()
            .cloned()
            .collect()
    }
}

impl TestApp {
    pub fn token(&self, account: &str) -> String {
        self.identity.token(account)
    }

    pub fn url(&self, path: &str) -> String {
        self.running.url(path)
    }

    /// A request without credentials.
    pub fn anonymous(&self, method: Method, path: &str) -> RequestBuilder {
        self.client.request(method, self.url(path))
    }

    /// A request as `account`, with its bearer token.
    pub fn as_(&self, account: &str, method: Method, path: &str) -> RequestBuilder {
        self.anonymous(method, path)
            .bearer_auth(self.token(account))
    }

    /// Creates a customer for `account` and returns its `Customer` object.
    pub async fn create(&self, account: &str, body: Value) -> Value {
        let reply = send(self.as_(account, Method::POST, "/v1/customers").json(&body)).await;
        assert_eq!(reply.status, 201, "{}", reply.text);
        reply.body["data"]["Customer"].clone()
    }

    pub async fn list(&self, account: &str, query: &str) -> Reply {
        send(self.as_(account, Method::GET, &format!("/v1/customers?{query}"))).await
    }

    pub async fn get(&self, account: &str, id: &str) -> Reply {
        send(self.as_(account, Method::GET, &format!("/v1/customers/{id}"))).await
    }

    pub async fn put(&self, account: &str, id: &str, body: Value) -> Reply {
        send(
            self.as_(account, Method::PUT, &format!("/v1/customers/{id}"))
                .json(&body),
        )
        .await
    }

    pub async fn delete(&self, account: &str, id: &str) -> Reply {
        send(self.as_(account, Method::DELETE, &format!("/v1/customers/{id}"))).await
    }
}

pub fn id_of(customer: &Value) -> String {
    customer["id"].as_str().expect("an id").to_string()
}

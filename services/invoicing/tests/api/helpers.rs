use invoicing::{Application, Settings};
use platform_auth::{jwks_document, Claims, SigningKey};
use platform_testkit::{TestDb, ANY_PORT};
use reqwest::{Method, RequestBuilder};
use serde_json::{json, Value};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

pub const ALICE: &str = "account-alice";
pub const BOB: &str = "account-bob";

pub struct TestApp {
    pub address: String,
    pub db_url: String,
    pub jwks_url: String,
    pub key: SigningKey,
    client: reqwest::Client,
    handle: actix_web::dev::ServerHandle,
    _jwks: MockServer,
    // dropped last, after the server was told to stop
    _db: TestDb,
}

/// Starts the service on its own thread and actix system, so that it keeps
/// serving (and shuts down) independently of the test's runtime.
pub async fn spawn_app() -> TestApp {
    let key = SigningKey::generate();
    let jwks = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/.well-known/jwks.json"))
        .respond_with(ResponseTemplate::new(200).set_body_json(jwks_document([&key])))
        .mount(&jwks)
        .await;
    let db = TestDb::new();
    let settings = Settings {
        listen: ANY_PORT.into(),
        database_url: db.url.clone(),
        jwks_url: format!("{}/.well-known/jwks.json", jwks.uri()),
        workers: 1,
        max_connections: 3,
        ..Settings::default()
    };
    let (tx, rx) = tokio::sync::oneshot::channel();
    std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            let app = Application::build(settings)
                .await
                .expect("the service starts");
            tx.send((app.port(), app.handle())).expect("the test waits");
            app.run().await.expect("the service runs");
        })
    });
    let (port, handle) = rx.await.expect("the service reports its port");
    TestApp {
        address: format!("http://127.0.0.1:{port}"),
        db_url: db.url.clone(),
        jwks_url: format!("{}/.well-known/jwks.json", jwks.uri()),
        key,
        client: reqwest::Client::new(),
        handle,
        _jwks: jwks,
        _db: db,
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        // the command is sent now; its completion is not awaited
        drop(self.handle.stop(false));
    }
}

/// A response read whole: status, headers and the body as JSON (`Null`
/// when it is not JSON; `text` keeps it as sent).
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
    pub text: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The `Customer` objects of a list or read answer.
    pub fn customers(&self) -> Vec<Value> {
        self.body["data"]
            .as_array()
            .unwrap_or_else(|| panic!("no data array: {}", self.text))
            .iter()
            .map(|item| item["Customer"].clone())
            .collect()
    }

    /// The `name` of each listed customer, in order.
    pub fn names(&self) -> Vec<String> {
        self.customers()
            .iter()
            .map(|c| c["name"].as_str().unwrap_or_default().to_string())
            .collect()
    }

    /// The fields named in a ledger error's `errors`.
    pub fn error_fields(&self) -> Vec<String> {
        self.body["errors"]
            .as_object()
            .unwrap_or_else(|| panic!("no errors object: {}", self.text))
            .keys()
            .cloned()
            .collect()
    }

    /// A ledger error body whose `status` is the status line's.
    pub fn assert_ledger_error(&self, status: u16) {
        assert_eq!(self.status, status, "{}", self.text);
        assert_eq!(self.body["success"], json!(false), "{}", self.text);
        assert_eq!(self.body["status"], json!(status), "{}", self.text);
        assert!(self.body["message"].is_string(), "{}", self.text);
        assert!(self.body["errors"].is_object(), "{}", self.text);
    }
}

pub async fn send(request: RequestBuilder) -> Reply {
    let response = request.send().await.expect("the service answers");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let text = response.text().await.expect("a body");
    let body = serde_json::from_str(&text).unwrap_or(Value::Null);
    Reply {
        status,
        headers,
        body,
        text,
    }
}

impl TestApp {
    pub fn token(&self, account: &str) -> String {
        self.key.sign(&Claims::new(account, "user", 3600))
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
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

//! The service under test with its stand-in identity, and the calls every
//! test makes: operators building a catalog, funding wallets, users
//! ordering.

use platform_testkit::{service, Running, StandInIdentity, TestDb};
use reqwest::{Method, RequestBuilder};
use serde_json::{json, Value};
use smm::{Application, Settings};

pub use platform_testkit::{send, Reply};

/// The operator's account id in every test.
pub const OPERATOR: &str = "1";
pub const ALICE: &str = "101";
pub const BOB: &str = "102";

pub struct TestApp {
    pub settings: Settings,
    /// identity's `/internal/users`, knowing ALICE and BOB.
    _people: wiremock::MockServer,
    pub db_url: String,
    pub identity: StandInIdentity,
    pub client: reqwest::Client,
    running: Running,
    // dropped last, after the server was told to stop
    _db: TestDb,
}

pub async fn spawn_app() -> TestApp {
    spawn_with(|_| {}).await
}

/// Workers run fast in tests: a forwarding pass every 50 ms, each active
/// order read again every second.
pub fn quick(s: &mut Settings) {
    s.forward_interval_ms = 50;
    s.sync_interval_ms = 1_000;
    s.provider_timeout_ms = 1_000;
    s.common.max_connections = 8;
    s.common.workers = 2;
}

pub async fn spawn_with(tune: impl FnOnce(&mut Settings)) -> TestApp {
    let identity = StandInIdentity::start().await;
    let people = people_stand_in().await;
    let db = TestDb::new();
    let settings: Settings = service::settings(&db, &identity, |s: &mut Settings| {
        quick(s);
        s.identity_url = Some(people.uri());
        tune(s);
    });
    let kept = settings.clone();
    let running = Running::start(move || Application::build(settings)).await;
    TestApp {
        settings: kept,
        _people: people,
        db_url: db.url.clone(),
        identity,
        client: reqwest::Client::new(),
        running,
        _db: db,
    }
}

/// A second replica of `app`: the same database and identity.
pub async fn replica_of(app: &TestApp, tune: impl FnOnce(&mut Settings)) -> Running {
    let mut settings = app.settings.clone();
    tune(&mut settings);
    Running::start(move || Application::build(settings)).await
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        self.running.url(path)
    }

    pub fn anonymous(&self, method: Method, path: &str) -> RequestBuilder {
        self.client.request(method, self.url(path))
    }

    pub fn as_(&self, user: &str, method: Method, path: &str) -> RequestBuilder {
        self.anonymous(method, path)
            .bearer_auth(self.identity.token(user))
    }

    pub fn as_operator(&self, method: Method, path: &str) -> RequestBuilder {
        self.anonymous(method, path)
            .bearer_auth(self.identity.admin_token(OPERATOR))
    }

    pub async fn admin_post(&self, path: &str, body: Value) -> Reply {
        send(self.as_operator(Method::POST, path).json(&body)).await
    }

    pub async fn category(&self, name: &str) -> i64 {
        let reply = self
            .admin_post("/api/v1/admin/categories", json!({"name": name}))
            .await;
        assert_eq!(reply.status, 201, "{}", reply.text);
        reply.body["category"]["id"].as_i64().unwrap()
    }

    /// A service from `fields` (merged over a manual default service
    /// priced 500 per 1000, 10 to 5000).
    pub async fn service(&self, category: i64, fields: Value) -> i64 {
        let mut body = json!({
            "cate_id": category, "name": "فالوور", "desc": "<p>x</p>", "price": 500,
            "min": 10, "max": 5000, "type": "default", "add_type": "manual", "status": 1,
        });
        for (k, v) in fields.as_object().unwrap() {
            body[k] = v.clone();
        }
        let reply = self.admin_post("/api/v1/admin/services", body).await;
        assert_eq!(reply.status, 201, "{}", reply.text);
        reply.body["service"]["id"].as_i64().unwrap()
    }

    /// Adds `amount` Toman to `user`'s wallet.
    pub async fn fund(&self, user: &str, amount: i64) {
        let reply = self
            .admin_post(
                &format!("/api/v1/admin/wallets/{user}"),
                json!({"amount": amount, "reason": "test top-up"}),
            )
            .await;
        assert_eq!(reply.status, 201, "{}", reply.text);
    }

    /// `user`'s balance as the admin API reports it.
    pub async fn balance(&self, user: &str) -> f64 {
        let reply = self
            .admin_post(
                &format!("/api/v1/admin/wallets/{user}"),
                json!({"amount": 0}),
            )
            .await;
        assert_eq!(reply.status, 201, "{}", reply.text);
        reply.body["balance"].as_f64().unwrap()
    }

    pub async fn order(&self, user: &str, body: Value) -> Reply {
        send(self.as_(user, Method::POST, "/api/v1/order").json(&body)).await
    }

    pub async fn read_order(&self, user: &str, id: i64) -> Reply {
        send(self.as_(user, Method::GET, &format!("/api/v1/order/{id}"))).await
    }

    /// The books balance: every account's ledger sums to its balance.
    pub async fn assert_books_balance(&self) {
        let reply = send(self.as_operator(Method::GET, "/api/v1/admin/reconcile")).await;
        assert_eq!(reply.status, 200, "{}", reply.text);
        assert_eq!(
            reply.body["report"]["differences"],
            json!([]),
            "{}",
            reply.text
        );
    }
}

/// Runs `sql` on the service's database behind its back (to spoil the
/// books on purpose).
pub fn tamper(db_url: &str, sql: &str) {
    use diesel::RunQueryDsl;
    let db = platform_db::Db::connect(db_url, &smm::MIGRATIONS, &platform_db::DbOptions::default())
        .unwrap();
    let mut conn = db.get().unwrap();
    match &mut *conn {
        platform_db::AnyConnection::Postgresql(pg) => diesel::sql_query(sql).execute(pg).unwrap(),
        platform_db::AnyConnection::Sqlite(lite) => diesel::sql_query(sql).execute(lite).unwrap(),
    };
}

/// identity's `GET /internal/users?ids=` for ALICE ("Ehsan Noureddini")
/// and BOB ("sami security"), masked as identity masks; other ids unknown.
/// It answers only the internal credential, as identity does.
pub async fn people_stand_in() -> wiremock::MockServer {
    use wiremock::matchers::{header, method, path};
    use wiremock::{Mock, MockServer, Request, ResponseTemplate};
    let server = MockServer::start().await;
    let known = |id: &str| match id {
        ALICE => Some(
            json!({"id": 101, "first_name": "Ehsan", "last_name": "Noureddini", "avatar": null, "mobile": "0901****566"}),
        ),
        BOB => Some(
            json!({"id": 102, "first_name": "sami", "last_name": "security", "avatar": null, "mobile": "0937****658"}),
        ),
        _ => None,
    };
    Mock::given(method("GET"))
        .and(path("/internal/users"))
        .and(header(
            platform_auth::INTERNAL_HEADER,
            platform_testkit::INTERNAL_SECRET,
        ))
        .respond_with(move |req: &Request| {
            let ids = req
                .url
                .query_pairs()
                .find(|(k, _)| k == "ids")
                .map(|(_, v)| v.to_string())
                .unwrap_or_default();
            let users: Vec<Value> = ids.split(',').filter_map(known).collect();
            ResponseTemplate::new(200).set_body_json(json!({"status": 200, "users": users}))
        })
        .mount(&server)
        .await;
    server
}

impl TestApp {
    /// A token of `user` that names their mobile, as identity's do.
    pub fn token_with_mobile(&self, user: &str, mobile: &str) -> String {
        self.identity
            .sign(&platform_auth::Claims::new(user, "user", 3600).with_username(mobile))
    }

    pub async fn get(&self, user: &str, path: &str) -> Reply {
        send(self.as_(user, Method::GET, path)).await
    }

    pub async fn post(&self, user: &str, path: &str, body: Value) -> Reply {
        send(self.as_(user, Method::POST, path).json(&body)).await
    }

    /// `user`'s notifications' messages, newest first.
    pub async fn notifications(&self, user: &str) -> Vec<String> {
        let reply = self.get(user, "/api/v1/user/notifications").await;
        assert_eq!(reply.status, 200, "{}", reply.text);
        reply.body["notifications"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["message"].as_str().unwrap().to_string())
            .collect()
    }
}

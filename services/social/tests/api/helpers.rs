//! The service under test with its stand-in identity, and the calls every
//! test makes: an operator building the catalog, users reacting.

use platform_auth::Claims;
use platform_testkit::{service, Running, StandInIdentity, TestDb};
use reqwest::{Method, RequestBuilder};
use serde_json::{json, Value};
use social::{Application, Settings};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

pub use platform_testkit::{send, Reply};

pub const OPERATOR: i64 = 1;

pub struct TestApp {
    pub identity: StandInIdentity,
    pub client: reqwest::Client,
    pub db_url: String,
    _names: MockServer,
    running: Running,
    _db: TestDb,
}

/// The mobile of user `id` in every test (the app's `username`).
pub fn mobile(id: i64) -> String {
    format!("0912{id:07}")
}

pub async fn spawn_app() -> TestApp {
    spawn_with(|_| {}).await
}

pub async fn spawn_with(tune: impl FnOnce(&mut Settings)) -> TestApp {
    let identity = StandInIdentity::start().await;
    let names = MockServer::start().await;
    // identity's look-up: every user 1..=1000 is "User <id>"
    let users: Vec<Value> = (1..=1000)
        .map(|id| json!({"id": id, "first_name": "User", "last_name": id.to_string(), "avatar": format!("img/{id}.png"), "mobile": "x"}))
        .collect();
    Mock::given(method("GET"))
        .and(path("/internal/users"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"status": 200, "users": users})),
        )
        .mount(&names)
        .await;
    let db = TestDb::new();
    let uri = names.uri();
    let settings: Settings = service::settings(&db, &identity, |s: &mut Settings| {
        s.identity_url = uri;
        s.common.workers = 2;
        s.common.max_connections = 8;
        tune(s);
    });
    let running = Running::start(move || Application::build(settings)).await;
    TestApp {
        identity,
        client: reqwest::Client::new(),
        db_url: db.url.clone(),
        _names: names,
        running,
        _db: db,
    }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        self.running.url(path)
    }

    pub fn token(&self, user: i64) -> String {
        self.identity
            .sign(&Claims::new(user.to_string(), "user", 3600).with_username(mobile(user)))
    }

    pub fn as_(&self, user: i64, method: Method, path: &str) -> RequestBuilder {
        self.client
            .request(method, self.url(path))
            .bearer_auth(self.token(user))
    }

    pub async fn get(&self, user: i64, path: &str) -> Reply {
        send(self.as_(user, Method::GET, path)).await
    }

    /// A form post as the app sends it, with `username`, `x` and `y`.
    pub async fn post(&self, user: i64, path: &str, form: &[(&str, &str)]) -> Reply {
        let mobile = mobile(user);
        let mut fields = vec![("username", mobile.as_str()), ("x", "51.4"), ("y", "35.7")];
        fields.extend_from_slice(form);
        send(self.as_(user, Method::POST, path).form(&fields)).await
    }

    pub async fn admin(&self, path: &str, body: Value) -> Reply {
        let token = self.identity.sign(&Claims::new(
            OPERATOR.to_string(),
            platform_auth::ADMIN,
            3600,
        ));
        send(
            self.client
                .post(self.url(path))
                .bearer_auth(token)
                .json(&body),
        )
        .await
    }

    async fn created(&self, path: &str, body: Value) -> i64 {
        let reply = self.admin(path, body).await;
        assert_eq!(reply.status, 200, "{}", reply.text);
        assert_eq!(reply.body["message"], "created", "{}", reply.text);
        reply.body["data"]["id"].as_i64().unwrap()
    }

    /// A bazzar, a mall, a store managed by `manager` and a product.
    pub async fn catalog(&self, manager: i64) -> Catalog {
        let bazzar = self
            .created(
                "/web/admin/bazzars",
                json!({"name": "بازار تهران", "image": "b.png"}),
            )
            .await;
        let mall = self
            .created(
                "/web/admin/malls",
                json!({"name": "پاساژ", "bazzar": bazzar, "image": "m.png"}),
            )
            .await;
        let store = self
            .created(
                "/web/admin/stores",
                json!({"name": "حجره", "mall": mall, "manager": manager, "image": "s.png"}),
            )
            .await;
        let product = self
            .created(
                "/web/admin/products",
                json!({"title": "فرش", "store": store, "price": 1000, "mainImage": "p.png"}),
            )
            .await;
        Catalog {
            bazzar,
            mall,
            store,
            product,
        }
    }

    /// Every counter against the rows it counts, straight from the
    /// database: `(kind, id, counter, stored, counted)` where they differ.
    pub fn counter_mismatches(&self) -> Vec<(String, i64, &'static str, i64, i64)> {
        use diesel::prelude::*;
        let db = platform_db::Db::connect(
            &self.db_url,
            &social::MIGRATIONS,
            &platform_db::DbOptions::default(),
        )
        .unwrap();
        let mut conn = db.get().unwrap();
        #[derive(QueryableByName)]
        struct Row {
            #[diesel(sql_type = diesel::sql_types::Text)]
            kind: String,
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            id: i64,
            #[diesel(sql_type = diesel::sql_types::Text)]
            counter: String,
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            stored: i64,
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            counted: i64,
        }
        let reaction = |col: &str, kind: &str| {
            format!(
                "SELECT c.target_kind AS kind, c.target_id AS id, '{col}' AS counter, c.{col} AS stored, \
                 (SELECT COUNT(*) FROM reactions r WHERE r.kind = '{kind}' AND r.target_kind = c.target_kind AND r.target_id = c.target_id) AS counted \
                 FROM counters c"
            )
        };
        let sql = [
            reaction("liked", "like"),
            reaction("disliked", "dislike"),
            reaction("favorite_count", "favorite"),
            reaction("notification_count", "notification"),
            "SELECT c.target_kind AS kind, c.target_id AS id, 'viewed' AS counter, c.viewed AS stored, \
             (SELECT COUNT(*) FROM views v WHERE v.target_kind = c.target_kind AND v.target_id = c.target_id) AS counted FROM counters c".into(),
            "SELECT c.target_kind AS kind, c.target_id AS id, 'comments_count' AS counter, c.comments_count AS stored, \
             (SELECT COUNT(*) FROM comments m WHERE m.target_kind = c.target_kind AND m.target_id = c.target_id) AS counted FROM counters c".into(),
        ];
        let mut wrong = Vec::new();
        for q in sql {
            let rows: Vec<Row> = match &mut *conn {
                platform_db::AnyConnection::Postgresql(pg) => {
                    diesel::sql_query(q).load(pg).unwrap()
                }
                platform_db::AnyConnection::Sqlite(lite) => {
                    diesel::sql_query(q).load(lite).unwrap()
                }
            };
            for r in rows {
                if r.stored != r.counted {
                    let counter: &'static str = Box::leak(r.counter.into_boxed_str());
                    wrong.push((r.kind, r.id, counter, r.stored, r.counted));
                }
            }
        }
        wrong
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Catalog {
    pub bazzar: i64,
    pub mall: i64,
    pub store: i64,
    pub product: i64,
}

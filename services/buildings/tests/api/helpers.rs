//! The service under test on a free port with its own database and a
//! stand-in identity, through the shared test kit; a community built
//! through the admin API; the dispatcher's three kinds of body.

use buildings::{Application, Settings};
use platform_testkit::{service, Running, StandInIdentity, TestDb, INTERNAL_SECRET};
use reqwest::{Method, RequestBuilder};
use serde_json::{json, Value};

pub use platform_testkit::{send, Reply};

pub const ALICE: &str = "1001";
pub const BOB: &str = "1002";
pub const CAROL: &str = "1003";
pub const OPERATOR: &str = "9001";

pub struct TestApp {
    pub identity: StandInIdentity,
    pub db_url: String,
    client: reqwest::Client,
    running: Running,
    // dropped last, after the server was told to stop
    _db: TestDb,
}

pub async fn spawn_app() -> TestApp {
    let identity = StandInIdentity::start().await;
    let db = TestDb::new();
    let settings: Settings = service::settings(&db, &identity, |_| {});
    let running = Running::start(move || Application::build(settings)).await;
    TestApp {
        identity,
        db_url: db.url.clone(),
        client: reqwest::Client::new(),
        running,
        _db: db,
    }
}

/// The ids of a building with one block and one apartment.
#[derive(Debug, Clone, Copy)]
pub struct Place {
    pub building: i64,
    pub block: i64,
    pub apartment: i64,
}

/// How a dispatcher request carries its fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Multipart,
    Form,
    Json,
}

pub const KINDS: [Kind; 3] = [Kind::Multipart, Kind::Form, Kind::Json];

pub const BOUNDARY: &str = "----omarty7MA4YWxkTrZu0gW";

/// A form value as the app types it: strings as they are, numbers as
/// digits, `null` as an empty field.
fn form_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// `fields` (a JSON object) as a body of `kind`: its content type and bytes.
pub fn body(kind: Kind, fields: &Value) -> (String, Vec<u8>) {
    let pairs: Vec<(String, String)> = fields
        .as_object()
        .expect("an object")
        .iter()
        .map(|(k, v)| (k.clone(), form_text(v)))
        .collect();
    match kind {
        Kind::Json => ("application/json".into(), fields.to_string().into_bytes()),
        Kind::Form => (
            "application/x-www-form-urlencoded".into(),
            serde_urlencoded::to_string(&pairs).unwrap().into_bytes(),
        ),
        Kind::Multipart => {
            let mut out = String::new();
            for (name, value) in &pairs {
                out.push_str(&format!(
                    "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
                ));
            }
            out.push_str(&format!("--{BOUNDARY}--\r\n"));
            (
                format!("multipart/form-data; boundary={BOUNDARY}"),
                out.into_bytes(),
            )
        }
    }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        self.running.url(path)
    }

    pub fn anonymous(&self, method: Method, path: &str) -> RequestBuilder {
        self.client.request(method, self.url(path))
    }

    /// A request as `user`, with a bearer token (role `admin` for
    /// [`OPERATOR`]).
    pub fn as_(&self, user: &str, method: Method, path: &str) -> RequestBuilder {
        let token = if user == OPERATOR {
            self.identity.admin_token(user)
        } else {
            self.identity.token(user)
        };
        self.anonymous(method, path).bearer_auth(token)
    }

    /// An internal call with the platform's credential.
    pub fn internal(&self, path: &str) -> RequestBuilder {
        self.anonymous(Method::GET, path)
            .header("X-Internal-Token", INTERNAL_SECRET)
    }

    /// `POST /omartyapis/Update/` as `user` with `fields` in a `kind` body.
    pub async fn update(&self, user: &str, kind: Kind, fields: &Value) -> Reply {
        let (content_type, bytes) = body(kind, fields);
        send(
            self.as_(user, Method::POST, "/omartyapis/Update/")
                .header("Content-Type", content_type)
                .body(bytes),
        )
        .await
    }

    /// A JSON post as `user`.
    pub async fn post(&self, user: &str, path: &str, body: Value) -> Reply {
        send(self.as_(user, Method::POST, path).json(&body)).await
    }

    /// A created row's id, asserting the 201.
    pub async fn create(&self, path: &str, body: Value) -> i64 {
        let reply = self.post(OPERATOR, path, body).await;
        assert_eq!(reply.status, 201, "{path}: {}", reply.text);
        reply.body["data"]["id"].as_i64().expect("an id")
    }

    /// A building with a block and an apartment, made by an operator.
    pub async fn place(&self, name: &str) -> Place {
        let building = self
            .create(
                "/omartyapis/admin/buildings",
                json!({"name": name, "address": "Tehran"}),
            )
            .await;
        let block = self
            .create(
                &format!("/omartyapis/admin/buildings/{building}/blocks"),
                json!({"name": "A"}),
            )
            .await;
        let apartment = self
            .create(
                &format!("/omartyapis/admin/blocks/{block}/apartments"),
                json!({"number": "1"}),
            )
            .await;
        Place {
            building,
            block,
            apartment,
        }
    }

    /// `user` moves into `apartment` as `role`, by an operator.
    pub async fn settle(&self, apartment: i64, user: &str, role: &str) {
        self.create(
            &format!("/omartyapis/admin/apartments/{apartment}/residents"),
            json!({"user_id": user, "role": role}),
        )
        .await;
    }

    /// A place with `user` living in it as its owner.
    pub async fn home_of(&self, user: &str) -> Place {
        let place = self.place("Omarty Tower").await;
        self.settle(place.apartment, user, "owner").await;
        place
    }

    /// The user's contacts, through `api=GetContacts`.
    pub async fn contacts(&self, user: &str) -> Value {
        let reply = self
            .update(user, Kind::Json, &json!({"api": "GetContacts"}))
            .await;
        assert_eq!(reply.status, 200, "{}", reply.text);
        reply.body["data"].clone()
    }
}

/// A building-dialect error: `{"status":N,"message":...}`, N on the line.
pub fn assert_building_error(reply: &Reply, status: u16) {
    assert_eq!(reply.status, status, "{}", reply.text);
    assert_eq!(reply.body["status"], status, "{}", reply.text);
    assert!(
        reply.body["message"].is_string() || reply.body["message"].is_object(),
        "{}",
        reply.text
    );
    assert!(reply.body.get("data").is_none(), "{}", reply.text);
}

/// The document's AddContact example with `changes` applied.
pub fn add_contact(place: Place, changes: Value) -> Value {
    let mut fields = json!({
        "api": "AddContact",
        "phoneNumber": null,
        "email": null,
        "longitude": "121.12221",
        "latitude": "20.233",
        "blockId": place.block,
        "apartmentId": place.apartment,
    });
    for (k, v) in changes.as_object().expect("an object") {
        fields[k] = v.clone();
    }
    fields
}

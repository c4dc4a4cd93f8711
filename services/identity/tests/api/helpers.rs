//! Starts the real service on a free port with its own database and key
//! folder, and a wiremock server standing in for the SMS webhook.

use actix_web::dev::ServerHandle;
use identity::settings::{MailProvider, SmsProvider};
use identity::{Application, Settings};
use platform_testkit::{TestDb, ANY_PORT, INTERNAL_SECRET};
use serde_json::{json, Value};
use std::sync::Arc;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

pub struct TestApp {
    pub base: String,
    pub http: reqwest::Client,
    pub sms: MockServer,
    pub settings: Settings,
    handle: ServerHandle,
    pub db: Arc<TestDb>,
    pub keys: Arc<tempfile::TempDir>,
}

/// Settings for a test app on `db` with its keys in `keys`, sending SMS to
/// `sms`'s `/sms`.
pub fn settings(db: &TestDb, keys: &tempfile::TempDir, sms: &MockServer) -> Settings {
    let mut s = Settings {
        keys_dir: keys.path().display().to_string(),
        ..Settings::default()
    };
    s.common.listen = ANY_PORT.to_string();
    s.common.database_url = db.url.clone();
    s.common.workers = 2;
    s.common.internal_secret = Some(platform_settings::Secret::new(INTERNAL_SECRET));
    s.sms.provider = SmsProvider::Webhook;
    s.sms.webhook_url = Some(format!("{}/sms", sms.uri()));
    s.mail.provider = MailProvider::Webhook;
    s.mail.webhook_url = Some(format!("{}/mail", sms.uri()));
    // CI runs the suites against Redis too; each test gets its own prefix
    if let Some(url) = platform_testkit::redis_url_if_set() {
        s.common.redis_url = Some(url);
        s.redis_prefix = platform_testkit::redis_prefix();
    }
    s
}

pub async fn spawn() -> TestApp {
    spawn_with(|_| {}).await
}

/// A test app whose settings `tune` adjusts first.
pub async fn spawn_with(tune: impl FnOnce(&mut Settings)) -> TestApp {
    let sms = MockServer::start().await;
    sms_answers(&sms, 200).await;
    let db = Arc::new(TestDb::new());
    let keys = Arc::new(tempfile::tempdir().unwrap());
    let mut s = settings(&db, &keys, &sms);
    tune(&mut s);
    start(s, db, keys, sms).await
}

/// The SMS and mail webhooks answer every message with `status`.
pub async fn sms_answers(sms: &MockServer, status: u16) {
    sms.reset().await;
    for route in ["/sms", "/mail"] {
        Mock::given(method("POST"))
            .and(path(route))
            .respond_with(ResponseTemplate::new(status))
            .mount(sms)
            .await;
    }
}

async fn start(
    settings: Settings,
    db: Arc<TestDb>,
    keys: Arc<tempfile::TempDir>,
    sms: MockServer,
) -> TestApp {
    let app = Application::build(settings.clone())
        .await
        .expect("the app starts");
    let base = format!("http://127.0.0.1:{}", app.port());
    let handle = app.handle();
    tokio::spawn(app.run());
    TestApp {
        base,
        http: reqwest::Client::new(),
        sms,
        settings,
        handle,
        db,
        keys,
    }
}

impl TestApp {
    /// Stops this instance and starts a new one on the same database and key
    /// folder, with `tune` applied to the settings.
    pub async fn restart(self, tune: impl FnOnce(&mut Settings)) -> TestApp {
        self.handle.stop(true).await;
        let mut settings = self.settings.clone();
        tune(&mut settings);
        start(settings, self.db, self.keys, self.sms).await
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn post_json(&self, path: &str, body: Value) -> (u16, Value) {
        let res = self
            .http
            .post(self.url(path))
            .json(&body)
            .send()
            .await
            .unwrap();
        read(res).await
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> (u16, Value) {
        let mut req = self.http.get(self.url(path));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        read(req.send().await.unwrap()).await
    }

    /// A call of an `/internal/` endpoint, as a platform component makes
    /// it: with the internal credential.
    pub async fn internal(&self, path: &str) -> (u16, Value) {
        let res = self
            .http
            .get(self.url(path))
            .header(platform_auth::INTERNAL_HEADER, INTERNAL_SECRET)
            .send()
            .await
            .unwrap();
        read(res).await
    }

    pub async fn post_json_as(&self, path: &str, token: &str, body: Value) -> (u16, Value) {
        let res = self
            .http
            .post(self.url(path))
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
            .unwrap();
        read(res).await
    }

    /// A bazaar-style call: parameters as a form body.
    pub async fn post_form_as(
        &self,
        path: &str,
        token: Option<&str>,
        form: &[(&str, &str)],
    ) -> (u16, Value) {
        let mut req = self.http.post(self.url(path)).form(form);
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        read(req.send().await.unwrap()).await
    }

    pub async fn login(&self, username: &str) -> (u16, Value) {
        self.post_json("/api/v1/login", json!({ "username": username }))
            .await
    }

    pub async fn verify(&self, username: &str, code: &str) -> (u16, Value) {
        self.post_json(
            "/api/v1/login/verify",
            json!({ "username": username, "code": code }),
        )
        .await
    }

    /// The messages the SMS webhook received, oldest first.
    pub async fn texts(&self) -> Vec<Value> {
        self.received("/sms").await
    }

    /// The messages the mail webhook received, oldest first.
    pub async fn mails(&self) -> Vec<Value> {
        self.received("/mail").await
    }

    async fn received(&self, route: &str) -> Vec<Value> {
        self.sms
            .received_requests()
            .await
            .unwrap()
            .iter()
            .filter(|r| r.url.path() == route)
            .map(|r| serde_json::from_slice(&r.body).unwrap())
            .collect()
    }

    /// The last login code sent to `mobile`.
    pub async fn code_for(&self, mobile: &str) -> String {
        self.sms_code(mobile, "login").await
    }

    /// The last code sent to `mobile` to confirm moving an account to it.
    pub async fn change_code_for(&self, mobile: &str) -> String {
        self.sms_code(mobile, "mobile_change").await
    }

    async fn sms_code(&self, mobile: &str, purpose: &str) -> String {
        self.texts()
            .await
            .iter()
            .rev()
            .find(|t| t["receptor"] == mobile && t["purpose"] == purpose)
            .unwrap_or_else(|| panic!("no {purpose} SMS to {mobile}"))["code"]
            .as_str()
            .unwrap()
            .to_string()
    }

    /// The last code mailed to `address`.
    pub async fn mail_code_for(&self, address: &str) -> String {
        self.mails()
            .await
            .iter()
            .rev()
            .find(|m| m["to"] == address)
            .unwrap_or_else(|| panic!("no mail to {address}"))["code"]
            .as_str()
            .unwrap()
            .to_string()
    }

    /// Changes the account's e-mail to `address` and confirms it with the
    /// code mailed there.
    pub async fn set_email(&self, token: &str, address: &str) {
        let (status, body) = self
            .post_json_as("/api/v1/user", token, json!({ "email": address }))
            .await;
        assert_eq!(status, 200, "{body}");
        let code = self.mail_code_for(&address.to_lowercase()).await;
        let (status, body) = self
            .post_json_as("/api/v1/user/email/confirm", token, json!({ "code": code }))
            .await;
        assert_eq!(status, 200, "{body}");
    }

    /// Signs `mobile` up (or logs it in) by code; returns the access token.
    pub async fn token_for(&self, mobile: &str) -> String {
        let (status, body) = self.login(mobile).await;
        assert_eq!(status, 201, "{body}");
        let code = self.code_for(mobile).await;
        let (status, body) = self.verify(mobile, &code).await;
        assert_eq!(status, 200, "{body}");
        body["access_token"].as_str().unwrap().to_string()
    }
}

pub async fn read(res: reqwest::Response) -> (u16, Value) {
    let status = res.status().as_u16();
    let text = res.text().await.unwrap();
    let body = serde_json::from_str(&text)
        .unwrap_or_else(|_| panic!("status {status}: not JSON: {text:?}"));
    (status, body)
}

/// A code that is not `code` (same length).
pub fn other_code(code: &str) -> String {
    code.chars()
        .map(|c| {
            if c == '9' {
                '0'
            } else {
                char::from(c as u8 + 1)
            }
        })
        .collect()
}

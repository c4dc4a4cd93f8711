//! A gateway on a free port in front of a real stand-in upstream, with a
//! stand-in JWKS, as the tests of the gateway need them.
#![allow(dead_code, reason = "each test file uses a different part of this kit")]

pub mod upstream;

use gateway::settings::{AuthMode, Policy, RouteSettings, Settings};
use platform_auth::{jwks_document, Claims, SigningKey};
use platform_http::Dialect;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Identity as the gateway sees it: a JWKS and, optionally, a revocation feed.
pub struct Identity {
    pub key: SigningKey,
    pub server: MockServer,
}

impl Identity {
    pub async fn start() -> Identity {
        let key = SigningKey::generate();
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/.well-known/jwks.json"))
            .respond_with(ResponseTemplate::new(200).set_body_json(jwks_document([&key])))
            .mount(&server)
            .await;
        Identity { key, server }
    }

    pub fn jwks_url(&self) -> String {
        format!("{}/.well-known/jwks.json", self.server.uri())
    }

    pub fn token(&self, sub: &str) -> String {
        self.key.sign(&Claims::new(sub, "user", 3600))
    }
}

/// Settings for a gateway in front of `upstream`, routes given, no Redis,
/// no revocation feed.
pub fn settings(identity: &Identity, upstream: &str, routes: Vec<RouteSettings>) -> Settings {
    let mut s = Settings {
        listen: platform_testkit::ANY_PORT.into(),
        workers: 2,
        jwks_url: identity.jwks_url(),
        revocations_url: None,
        routes,
        ..Settings::default()
    };
    s.upstreams.insert("up".into(), upstream.to_string());
    with_tight_policy(s, 1000)
}

/// The routes most tests use.
pub fn routes() -> Vec<RouteSettings> {
    vec![
        RouteSettings::new("/api/v1", "up", AuthMode::Required, Dialect::Panel),
        RouteSettings::new("/open", "up", AuthMode::Public, Dialect::Panel),
        RouteSettings::new("/web", "up", AuthMode::Required, Dialect::Bazaar),
        RouteSettings::new("/v1/customers", "up", AuthMode::Required, Dialect::Ledger),
        RouteSettings::new("/limited", "up", AuthMode::Public, Dialect::Panel).limited_by("tight"),
        RouteSettings::new("/reseller", "up", AuthMode::Required, Dialect::Reseller),
    ]
}

pub fn with_tight_policy(mut s: Settings, requests: u32) -> Settings {
    s.rate_limit.policies.insert(
        "tight".into(),
        Policy {
            requests,
            per_secs: 600,
        },
    );
    s
}

/// Starts the gateway on its runtime and returns its base URL.
pub async fn spawn_gateway(settings: Settings) -> String {
    let _ = env_logger::builder().is_test(true).try_init();
    let app = gateway::Application::build(settings)
        .await
        .expect("gateway starts");
    let port = app.port();
    actix_web::rt::spawn(app.run());
    format!("http://127.0.0.1:{port}")
}

pub fn http() -> reqwest::Client {
    reqwest::Client::builder().no_proxy().build().unwrap()
}

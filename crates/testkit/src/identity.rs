//! A stand-in for identity, for testing a service alone: a real HTTP
//! server (wiremock) serving a JWKS of a key the test holds and the logout
//! feed, so a service verifies and refuses tokens exactly as it would
//! against identity.

use platform_auth::{jwks_document, Claims, SigningKey, INTERNAL_HEADER};
use serde_json::json;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The internal credential every component of a test shares.
pub const INTERNAL_SECRET: &str = "test-internal-secret-of-32-chars-or-more";

pub struct StandInIdentity {
    pub key: SigningKey,
    server: MockServer,
}

impl StandInIdentity {
    pub async fn start() -> StandInIdentity {
        let key = SigningKey::generate();
        let server = MockServer::start().await;
        let stand_in = StandInIdentity { key, server };
        stand_in.serve(&[]).await;
        stand_in
    }

    /// (Re)mounts the JWKS and a logout feed listing `revoked` (jtis); the
    /// feed answers only the internal credential, as identity's does.
    async fn serve(&self, revoked: &[&str]) {
        self.server.reset().await;
        Mock::given(method("GET"))
            .and(path("/.well-known/jwks.json"))
            .respond_with(ResponseTemplate::new(200).set_body_json(jwks_document([&self.key])))
            .mount(&self.server)
            .await;
        let entries: Vec<_> = revoked
            .iter()
            .enumerate()
            .map(|(i, jti)| json!({"seq": i + 1, "jti": jti, "exp": i64::MAX / 2}))
            .collect();
        let last = entries.len();
        Mock::given(method("GET"))
            .and(path("/internal/revocations"))
            .and(header(INTERNAL_HEADER, INTERNAL_SECRET))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(json!({"revocations": entries, "last": last, "newest": last})),
            )
            .mount(&self.server)
            .await;
    }

    /// Lists these tokens' `jti`s in the logout feed from now on.
    pub async fn revoke(&self, jtis: &[&str]) {
        self.serve(jtis).await;
    }

    pub fn jwks_url(&self) -> String {
        format!("{}/.well-known/jwks.json", self.server.uri())
    }

    pub fn revocations_url(&self) -> String {
        format!("{}/internal/revocations", self.server.uri())
    }

    /// A token for user `sub` with role `user`, valid for an hour.
    pub fn token(&self, sub: &str) -> String {
        self.key.sign(&Claims::new(sub, "user", 3600))
    }

    /// A token for an operator (role `admin`).
    pub fn admin_token(&self, sub: &str) -> String {
        self.key.sign(&Claims::new(sub, platform_auth::ADMIN, 3600))
    }

    pub fn sign(&self, claims: &Claims) -> String {
        self.key.sign(claims)
    }
}

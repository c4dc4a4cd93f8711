//! Tokens the gateway must refuse never reach the upstream; good ones do,
//! carried as `Authorization: Bearer` whatever way the app sent them.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a test fails by panicking"
)]

mod common;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use common::{http, routes, settings, spawn_gateway, upstream, Identity};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use platform_auth::{Claims, SigningKey};
use serde_json::{json, Value};

fn b64(v: &Value) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(v).unwrap())
}

/// Every kind of bad token, each with the reason it is bad.
fn bad_tokens(identity: &Identity) -> Vec<(&'static str, String)> {
    let kid = identity.key.kid().to_string();
    let claims = Claims::new("7", "user", 3600);

    let mut expired = claims.clone();
    expired.iat -= 7200;
    expired.exp = expired.iat + 60;

    let mut not_yet = claims.clone();
    not_yet.nbf = Some(not_yet.iat + 3600);

    // issue 9, item 4: one clock of a few seconds' leeway for every
    // component (these passed the gateway's old 30 s)
    let mut just_expired = claims.clone();
    just_expired.exp = just_expired.iat - 10;
    let mut nearly_valid = claims.clone();
    nearly_valid.nbf = Some(nearly_valid.iat + 10);
    let mut from_the_future = claims.clone();
    from_the_future.iat += 3600;
    from_the_future.exp += 3600;

    let stranger = SigningKey::generate().sign(&claims);
    let parts: Vec<&str> = stranger.split('.').collect();
    let forged_kid = format!(
        "{}.{}.{}",
        b64(&json!({"alg": "EdDSA", "typ": "JWT", "kid": kid})),
        parts[1],
        parts[2]
    );

    let alg_none = format!(
        "{}.{}.",
        b64(&json!({"alg": "none", "typ": "JWT", "kid": kid})),
        b64(&serde_json::to_value(&claims).unwrap())
    );

    // HS256 "signed" with the public key as the shared secret
    let public_x = identity.key.jwk()["x"].as_str().unwrap().to_string();
    let mut hs = Header::new(Algorithm::HS256);
    hs.kid = Some(kid.clone());
    let hs256 =
        jsonwebtoken::encode(&hs, &claims, &EncodingKey::from_secret(public_x.as_bytes())).unwrap();
    let raw_public = URL_SAFE_NO_PAD.decode(&public_x).unwrap();
    let hs256_raw =
        jsonwebtoken::encode(&hs, &claims, &EncodingKey::from_secret(&raw_public)).unwrap();

    let mut unknown_kid = Header::new(Algorithm::EdDSA);
    unknown_kid.kid = Some("no-such-key".into());
    let other = SigningKey::generate();
    let unknown = jsonwebtoken::encode(
        &unknown_kid,
        &claims,
        &EncodingKey::from_ed_der(other.pkcs8()),
    )
    .unwrap();

    vec![
        ("expired", identity.key.sign(&expired)),
        ("not yet valid", identity.key.sign(&not_yet)),
        ("expired 10 s ago", identity.key.sign(&just_expired)),
        ("valid in 10 s", identity.key.sign(&nearly_valid)),
        (
            "issued an hour from now",
            identity.key.sign(&from_the_future),
        ),
        ("wrongly signed", forged_kid),
        ("alg none", alg_none),
        ("hs256 with the public key", hs256),
        ("hs256 with the raw public key", hs256_raw),
        ("unknown kid", unknown),
        ("garbage", "not.a.token".into()),
    ]
}

#[actix_web::test]
async fn bad_tokens_are_refused_in_the_dialect_and_never_forwarded() {
    let identity = Identity::start().await;
    let up = upstream::start().await;
    let gw = spawn_gateway(settings(&identity, &up.url, routes())).await;
    let client = http();

    let res = client
        .get(format!("{gw}/api/v1/user"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    assert_eq!(res.headers()["www-authenticate"], "Bearer");
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["status"], 401);
    assert!(body["message"].is_string());

    for (why, token) in bad_tokens(&identity) {
        let res = client
            .get(format!("{gw}/api/v1/user"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 401, "{why}");
        let body: Value = res.json().await.unwrap();
        assert_eq!(
            body,
            json!({"status": 401, "message": body["message"].clone()}),
            "{why}"
        );
    }
    // issue 9, item 5: two Authorization headers are refused, whichever
    // comes first
    let good = identity.key.sign(&Claims::new("7", "user", 3600));
    for pair in [
        [&good, "not.a.token"],
        ["not.a.token", &good],
        [&good, &good],
    ] {
        let res = client
            .get(format!("{gw}/api/v1/user"))
            .header("authorization", format!("Bearer {}", pair[0]))
            .header("authorization", format!("Bearer {}", pair[1]))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 401);
    }
    assert_eq!(up.requests(), 0, "no refused request reached the upstream");

    // each dialect has its own 401
    let bazaar: Value = client
        .get(format!("{gw}/web/user/edit"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        bazaar,
        json!({"status": "error", "message": "not login", "data": ""})
    );
    let ledger = client
        .get(format!("{gw}/v1/customers?access_token=nope"))
        .send()
        .await
        .unwrap();
    assert_eq!(ledger.status(), 401);
    let ledger: Value = ledger.json().await.unwrap();
    assert_eq!(ledger["success"], false);
    assert_eq!(ledger["status"], 401);
    let reseller = client.get(format!("{gw}/reseller/x")).send().await.unwrap();
    assert_eq!(reseller.status(), 200, "reseller clients need 200");
    assert!(reseller.json::<Value>().await.unwrap()["error"].is_string());
    assert_eq!(up.requests(), 0);
}

#[actix_web::test]
async fn good_tokens_pass_as_bearer_from_header_or_query() {
    let identity = Identity::start().await;
    let up = upstream::start().await;
    let gw = spawn_gateway(settings(&identity, &up.url, routes())).await;
    let client = http();
    let token = identity.token("42");

    let echo: Value = client
        .get(format!("{gw}/api/v1/user?x=1"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(echo["path"], "/api/v1/user");
    assert_eq!(echo["query"], "x=1");
    assert_eq!(echo["headers"]["authorization"], format!("Bearer {token}"));

    // bazaar apps: ?token=, with username, x, y alongside
    let echo: Value = client
        .get(format!(
            "{gw}/web/user/edit?username=u1&token={token}&x=51.3&y=35.7"
        ))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        echo["query"], "username=u1&x=51.3&y=35.7",
        "the token leaves the URL"
    );
    assert_eq!(echo["headers"]["authorization"], format!("Bearer {token}"));

    // invoicing API: ?access_token=
    let echo: Value = client
        .get(format!("{gw}/v1/customers/?access_token={token}&limit=10"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(echo["query"], "limit=10");
    assert_eq!(echo["headers"]["authorization"], format!("Bearer {token}"));

    // a query token is only read where the route's apps use one
    let res = client
        .get(format!("{gw}/api/v1/user?token={token}"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
}

#[actix_web::test]
async fn forged_identity_headers_are_removed() {
    let identity = Identity::start().await;
    let up = upstream::start().await;
    let gw = spawn_gateway(settings(&identity, &up.url, routes())).await;
    let echo = echoed_headers(
        &gw,
        &[
            ("X-User-Id", "1"),
            ("X-Auth-Subject", "1"),
            ("X-Internal-Caller", "identity"),
            ("X-Forwarded-For", "6.6.6.6"),
            ("X-Real-IP", "6.6.6.6"),
            ("Forwarded", "for=6.6.6.6;proto=https"),
            ("X-Forwarded-Proto", "https"),
        ],
    )
    .await;
    let headers = echo.as_object().unwrap();
    for forged in [
        "x-user-id",
        "x-auth-subject",
        "x-internal-caller",
        "x-real-ip",
        "forwarded",
    ] {
        assert!(!headers.contains_key(forged), "{forged} was forwarded");
    }
    // the client is not a trusted proxy, so its X-Forwarded-For is replaced
    assert_eq!(headers["x-forwarded-for"], "127.0.0.1");
    // nor is its claim to have come over https
    assert_eq!(headers["x-forwarded-proto"], "http");

    // behind a trusted proxy, both are believed
    let mut behind = settings(&identity, &up.url, routes());
    behind.trusted_proxies = vec!["127.0.0.1".into()];
    let gw = spawn_gateway(behind).await;
    let headers = [
        ("X-Forwarded-For", "6.6.6.6"),
        ("X-Forwarded-Proto", "https"),
    ];
    let echo = echoed_headers(&gw, &headers).await;
    assert_eq!(echo["x-forwarded-for"], "6.6.6.6, 127.0.0.1");
    assert_eq!(echo["x-forwarded-proto"], "https");
}

/// The headers the upstream received for `GET /open/x` sent with `headers`.
async fn echoed_headers(gw: &str, headers: &[(&str, &str)]) -> Value {
    let mut req = http().get(format!("{gw}/open/x"));
    for (name, value) in headers {
        req = req.header(*name, *value);
    }
    let echo: Value = req.send().await.unwrap().json().await.unwrap();
    echo["headers"].clone()
}

/// The status of `GET /api/v1/user` through the gateway with `token`.
async fn user_status(gw: &str, token: &str) -> u16 {
    http()
        .get(format!("{gw}/api/v1/user"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

/// Settings that poll the stand-in identity's revocation feed every 100 ms,
/// and a token for user 9 with its claims.
fn polling_the_feed(identity: &Identity, up: &str) -> (gateway::Settings, Claims, String) {
    let claims = Claims::new("9", "user", 3600);
    let token = identity.key.sign(&claims);
    let mut s = settings(identity, up, routes());
    s.revocations_url = Some(format!("{}/internal/revocations", identity.server.uri()));
    s.revocation_poll_ms = 100;
    (s, claims, token)
}

#[actix_web::test]
async fn revoked_tokens_are_refused_once_the_feed_lists_them() {
    use wiremock::matchers::{method, path};
    use wiremock::{Mock, ResponseTemplate};

    let identity = Identity::start().await;
    let up = upstream::start().await;
    let (s, claims, token) = polling_the_feed(&identity, &up.url);
    let empty = Mock::given(method("GET"))
        .and(path("/internal/revocations"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"revocations": [], "last": 0})),
        )
        .mount_as_scoped(&identity.server)
        .await;
    let gw = spawn_gateway(s).await;
    let get = || user_status(&gw, &token);
    assert_eq!(get().await, 200);

    drop(empty);
    Mock::given(method("GET"))
        .and(path("/internal/revocations"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"revocations": [{"seq": 1, "jti": claims.jti, "exp": claims.exp}], "last": 1}),
        ))
        .mount(&identity.server)
        .await;
    let started = std::time::Instant::now();
    let refused = platform_testkit::eventually(std::time::Duration::from_secs(1), async || {
        get().await == 401
    })
    .await;
    assert!(
        refused,
        "still accepted {:?} after the revocation",
        started.elapsed()
    );
}

/// Identity's database was replaced (new, or restored from an older
/// backup): its feed numbers revocations from below the gateway's cursor.
/// The gateway must notice and read it from the start, or those logouts
/// would go unseen.
#[actix_web::test]
async fn a_feed_that_started_again_is_read_from_the_start() {
    use wiremock::matchers::{method, path, query_param};
    use wiremock::{Mock, ResponseTemplate};

    let identity = Identity::start().await;
    let up = upstream::start().await;
    let (s, claims, token) = polling_the_feed(&identity, &up.url);
    let feed = |after: &str, body: Value| {
        Mock::given(method("GET"))
            .and(path("/internal/revocations"))
            .and(query_param("after", after))
            .respond_with(ResponseTemplate::new(200).set_body_json(body))
    };
    let old = [
        feed(
            "0",
            json!({"revocations": [{"seq": 7, "jti": "someone-else", "exp": claims.exp}], "last": 7, "newest": 7}),
        )
        .mount_as_scoped(&identity.server)
        .await,
        feed("7", json!({"revocations": [], "last": 7, "newest": 7}))
            .mount_as_scoped(&identity.server)
            .await,
    ];
    let gw = spawn_gateway(s).await;
    let get = || user_status(&gw, &token);
    // the gateway has read the old feed up to 7
    let caught_up = platform_testkit::eventually(std::time::Duration::from_secs(2), async || {
        identity
            .server
            .received_requests()
            .await
            .unwrap_or_default()
            .iter()
            .any(|r| r.url.query() == Some("after=7"))
    })
    .await;
    assert!(caught_up, "the gateway never read the first feed");
    assert_eq!(get().await, 200);

    drop(old);
    feed("7", json!({"revocations": [], "last": 7, "newest": 1}))
        .mount(&identity.server)
        .await;
    feed(
        "0",
        json!({"revocations": [{"seq": 1, "jti": claims.jti, "exp": claims.exp}], "last": 1, "newest": 1}),
    )
    .mount(&identity.server)
    .await;
    feed("1", json!({"revocations": [], "last": 1, "newest": 1}))
        .mount(&identity.server)
        .await;
    let refused = platform_testkit::eventually(std::time::Duration::from_secs(1), async || {
        get().await == 401
    })
    .await;
    assert!(refused, "a logout in the new feed was never seen");
}

#[actix_web::test]
async fn a_flood_of_unknown_kids_fetches_the_jwks_at_most_once_per_cooldown() {
    let identity = Identity::start().await;
    let up = upstream::start().await;
    let gw = spawn_gateway(settings(&identity, &up.url, routes())).await;
    let client = http();
    // the first good token loads the keys
    let res = client
        .get(format!("{gw}/api/v1/user"))
        .bearer_auth(identity.token("1"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let stranger = SigningKey::generate();
    for i in 0..40 {
        let mut header = Header::new(Algorithm::EdDSA);
        header.kid = Some(format!("made-up-{i}"));
        let token = jsonwebtoken::encode(
            &header,
            &Claims::new("1", "user", 60),
            &EncodingKey::from_ed_der(stranger.pkcs8()),
        )
        .unwrap();
        let res = client
            .get(format!("{gw}/api/v1/user"))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 401);
    }
    let fetches = identity
        .server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.url.path() == "/.well-known/jwks.json")
        .count();
    assert!(fetches <= 2, "the JWKS was fetched {fetches} times");
}

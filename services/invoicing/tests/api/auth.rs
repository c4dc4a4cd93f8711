//! Every customer route refuses a request without a valid token, with a 401
//! in the ledger dialect.

use crate::helpers::{send, spawn_app, ALICE};
use platform_auth::{Claims, SigningKey};
use reqwest::Method;
use serde_json::json;

const ROUTES: [(&str, &str); 6] = [
    ("POST", "/v1/customers"),
    ("GET", "/v1/customers"),
    ("GET", "/v1/customers/"),
    ("GET", "/v1/customers/511f70f9-f270-4370-9d44-32622e65ec33"),
    ("PUT", "/v1/customers/511f70f9-f270-4370-9d44-32622e65ec33"),
    (
        "DELETE",
        "/v1/customers/511f70f9-f270-4370-9d44-32622e65ec33",
    ),
];

#[tokio::test]
async fn missing_or_bad_tokens_are_401_on_every_route() {
    let app = spawn_app().await;
    let stranger = SigningKey::generate();
    let expired = {
        let mut claims = Claims::new(ALICE, "user", 3600);
        claims.iat -= 7200;
        claims.exp -= 7200;
        app.identity.sign(&claims)
    };
    // one clock for every component (issue 9): a few seconds' leeway, and
    // no token from the future
    let timed = |shift: fn(&mut Claims)| {
        let mut claims = Claims::new(ALICE, "user", 3600);
        shift(&mut claims);
        Some(app.identity.sign(&claims))
    };
    let tokens: [Option<String>; 7] = [
        None,
        Some("not-a-jwt".into()),
        Some(stranger.sign(&Claims::new(ALICE, "user", 3600))),
        Some(expired),
        timed(|c| c.exp = c.iat - 10),
        timed(|c| c.nbf = Some(c.iat + 10)),
        timed(|c| {
            c.iat += 3600;
            c.exp += 3600;
        }),
    ];
    for (verb, path) in ROUTES {
        for token in &tokens {
            let mut request = app
                .anonymous(Method::from_bytes(verb.as_bytes()).unwrap(), path)
                .json(&json!({"email": "a@example.com"}));
            if let Some(token) = token {
                request = request.bearer_auth(token);
            }
            let reply = send(request).await;
            reply.assert_ledger_error(401);
        }
        // a good token beside another Authorization header counts for nothing
        let good = format!("Bearer {}", app.token(ALICE));
        let reply = send(
            app.anonymous(Method::from_bytes(verb.as_bytes()).unwrap(), path)
                .header("authorization", &good)
                .header("authorization", "Bearer not-a-jwt")
                .json(&json!({"email": "a@example.com"})),
        )
        .await;
        reply.assert_ledger_error(401);
    }
}

#[tokio::test]
async fn the_access_token_query_alone_is_not_enough() {
    // the gateway turns ?access_token= into the header; straight to the
    // service, the query parameter is no credential
    let app = spawn_app().await;
    let token = app.token(ALICE);
    let reply =
        send(app.anonymous(Method::GET, &format!("/v1/customers/?access_token={token}"))).await;
    reply.assert_ledger_error(401);
}

#[tokio::test]
async fn a_valid_token_is_let_in() {
    let app = spawn_app().await;
    let reply = app.list(ALICE, "").await;
    assert_eq!(reply.status, 200, "{}", reply.text);
    assert_eq!(
        reply.body,
        json!({"data": [], "success": true, "status": 200})
    );
    assert_eq!(reply.header("x-total-count"), Some("0"));
}

/// A token identity lists as logged out is refused by the service itself
/// within a second, not only by the gateway.
#[tokio::test]
async fn a_logged_out_token_is_refused_within_a_second() {
    let app = spawn_app().await;
    let claims = platform_auth::Claims::new(ALICE, "user", 3600);
    let token = app.identity.sign(&claims);
    let list = || {
        send(
            app.anonymous(Method::GET, "/v1/customers")
                .bearer_auth(&token),
        )
    };
    assert_eq!(list().await.status, 200);
    app.identity.revoke(&[&claims.jti]).await;
    let since = std::time::Instant::now();
    loop {
        let reply = list().await;
        if reply.status == 401 {
            reply.assert_ledger_error(401);
            break;
        }
        assert!(
            since.elapsed() < std::time::Duration::from_secs(1),
            "still accepted after a second"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    // another token of the same account still works
    assert_eq!(
        send(app.as_(ALICE, Method::GET, "/v1/customers"))
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn internal_paths_need_the_internal_credential() {
    let app = spawn_app().await;
    for path in ["/internal", "/internal/users", "/internal/anything/else"] {
        let reply = send(app.anonymous(Method::GET, path)).await;
        reply.assert_ledger_error(401);
        let reply = send(app.anonymous(Method::GET, path).header(
            platform_auth::INTERNAL_HEADER,
            "a-guess-of-the-secret-that-is-long",
        ))
        .await;
        reply.assert_ledger_error(401);
        // with it, the request reaches routing (invoicing has none there)
        let reply = send(app.anonymous(Method::GET, path).header(
            platform_auth::INTERNAL_HEADER,
            platform_testkit::INTERNAL_SECRET,
        ))
        .await;
        reply.assert_ledger_error(404);
    }
}

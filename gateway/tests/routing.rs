//! Paths, errors in the route's dialect, timeouts and upstream failures.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a test fails by panicking"
)]

mod common;

use common::{http, routes, settings, spawn_gateway, upstream, Identity};
use gateway::settings::{AuthMode, RouteSettings};
use platform_http::Dialect;
use serde_json::{json, Value};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

#[actix_web::test]
async fn internal_and_unknown_paths_are_json_404s() {
    let identity = Identity::start().await;
    let up = upstream::start().await;
    let mut r = routes();
    r.push(RouteSettings::new(
        "/",
        "up",
        AuthMode::Public,
        Dialect::Panel,
    ));
    let gw = spawn_gateway(settings(&identity, &up.url, r)).await;
    let client = http();
    for path in [
        "/internal/users?ids=1",
        "//internal/users",
        "/%69nternal/users",
        "/INTERNAL/x",
        "/a/../internal/x",
    ] {
        let res = client.get(format!("{gw}{path}")).send().await.unwrap();
        assert_eq!(res.status(), 404, "{path}");
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["status"], 404, "{path}");
    }
    assert_eq!(up.requests(), 0);

    // without a catch-all route, unknown paths are a JSON 404 too
    let gw = spawn_gateway(settings(&identity, &up.url, routes())).await;
    let res = client.get(format!("{gw}/nowhere")).send().await.unwrap();
    assert_eq!(res.status(), 404);
    assert_eq!(res.headers()["content-type"], "application/json");
    let res = client
        .get(format!("{gw}/nowhere"))
        .header("Accept-Language", "en")
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.json::<Value>().await.unwrap(),
        json!({"status": 404, "message": "Not found"})
    );
}

#[actix_web::test]
async fn request_ids_are_kept_when_well_formed_and_made_otherwise() {
    let identity = Identity::start().await;
    let up = upstream::start().await;
    let gw = spawn_gateway(settings(&identity, &up.url, routes())).await;
    let client = http();
    let res = client
        .get(format!("{gw}/open/a"))
        .header("X-Request-Id", "abc-123")
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["x-request-id"], "abc-123");
    let echo: Value = res.json().await.unwrap();
    assert_eq!(echo["headers"]["x-request-id"], "abc-123");

    let res = client
        .get(format!("{gw}/open/a"))
        .header("X-Request-Id", "bad id with spaces")
        .send()
        .await
        .unwrap();
    let id = res.headers()["x-request-id"].to_str().unwrap().to_string();
    assert_eq!(id.len(), 36);
    let echo: Value = res.json().await.unwrap();
    assert_eq!(echo["headers"]["x-request-id"], id.as_str());
}

#[actix_web::test]
async fn bodies_and_status_codes_pass_unchanged() {
    let identity = Identity::start().await;
    let up = upstream::start().await;
    let gw = spawn_gateway(settings(&identity, &up.url, routes())).await;
    let client = http();

    let res = client
        .delete(format!("{gw}/open/no-content"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    assert!(res.bytes().await.unwrap().is_empty());

    let res = client.get(format!("{gw}/open/bare")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(
        res.headers().get("content-type").is_none(),
        "no invented Content-Type"
    );
    assert_eq!(res.headers()["content-length"], "5");
    assert_eq!(res.text().await.unwrap(), "plain");

    let echo: Value = client
        .post(format!("{gw}/open/echo?a=%20b"))
        .header("content-type", "application/json")
        .body(r#"{"k":"v"}"#)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(echo["method"], "POST");
    assert_eq!(echo["query"], "a=%20b");
    assert_eq!(echo["body_len"], 9);
    assert_eq!(echo["headers"]["content-length"], "9");
    assert_eq!(echo["headers"]["content-type"], "application/json");
}

#[actix_web::test]
async fn an_upstream_that_is_down_is_a_quick_502_and_traffic_recovers() {
    let identity = Identity::start().await;
    let up = upstream::start().await;
    let toggle = platform_testkit::TcpToggle::start(([127, 0, 0, 1], up.port).into()).await;
    let via = format!("http://127.0.0.1:{}", toggle.port());
    let gw = spawn_gateway(settings(&identity, &via, routes())).await;
    let client = http();

    assert_eq!(
        client
            .get(format!("{gw}/open/x"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    toggle.set_up(false);
    let started = Instant::now();
    let res = client.get(format!("{gw}/open/x")).send().await.unwrap();
    assert_eq!(res.status(), 502);
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "took {:?}",
        started.elapsed()
    );
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["status"], 502);

    toggle.set_up(true);
    assert_eq!(
        client
            .get(format!("{gw}/open/x"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );

    // nothing listening at all: refused at once
    drop(toggle);
    let started = Instant::now();
    let res = client.get(format!("{gw}/open/x")).send().await.unwrap();
    assert_eq!(res.status(), 502);
    assert!(started.elapsed() < Duration::from_secs(1));
}

#[actix_web::test]
async fn a_slow_upstream_is_a_504_at_the_route_timeout() {
    let identity = Identity::start().await;
    let up = upstream::start().await;
    let mut slow = RouteSettings::new("/slowpoke", "up", AuthMode::Public, Dialect::Ledger);
    slow.timeout_ms = 300;
    let gw = spawn_gateway(settings(&identity, &up.url, vec![slow])).await;
    let started = Instant::now();
    let res = http()
        .get(format!("{gw}/slowpoke/slow"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 504);
    assert!(started.elapsed() < Duration::from_secs(2));
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["success"], false);
    assert_eq!(body["status"], 504);
}

#[actix_web::test]
async fn health_readiness_and_metrics() {
    let identity = Identity::start().await;
    let up = upstream::start().await;
    let gw = spawn_gateway(settings(&identity, &up.url, routes())).await;
    let client = http();
    assert_eq!(
        client
            .get(format!("{gw}/healthz"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    assert_eq!(
        client
            .get(format!("{gw}/readyz"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    client.get(format!("{gw}/open/x")).send().await.unwrap();
    let metrics = client
        .get(format!("{gw}/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(metrics.contains(r#"route="/open""#), "{metrics}");
    assert!(metrics.contains("http_request_duration_seconds_bucket"));

    // an upstream that is not there makes the gateway not ready
    let gw = spawn_gateway(settings(&identity, "http://127.0.0.1:9", routes())).await;
    assert_eq!(
        client
            .get(format!("{gw}/readyz"))
            .send()
            .await
            .unwrap()
            .status(),
        503
    );
}

/// A bare HTTP/1.1 upstream that counts the connections it accepts and,
/// with `close_after`, closes each one that long after answering, without
/// saying so in a `Connection: close` header.
async fn counting_upstream(close_after: Option<Duration>) -> (String, Arc<AtomicUsize>) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let accepted = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&accepted);
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            counter.fetch_add(1, Ordering::SeqCst);
            tokio::spawn(async move {
                let mut buf = Vec::new();
                let mut chunk = [0u8; 1024];
                loop {
                    while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
                        match socket.read(&mut chunk).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => buf.extend_from_slice(&chunk[..n]),
                        }
                    }
                    buf.clear();
                    let answer = b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok";
                    if socket.write_all(answer).await.is_err() {
                        return;
                    }
                    if let Some(after) = close_after {
                        tokio::time::sleep(after).await;
                        return;
                    }
                }
            });
        }
    });
    (url, accepted)
}

#[actix_web::test]
async fn upstream_connections_are_reused_and_closed_ones_are_not() {
    let identity = Identity::start().await;
    let client = http();

    let (url, accepted) = counting_upstream(None).await;
    let gw = spawn_gateway(settings(&identity, &url, routes())).await;
    for _ in 0..5 {
        let res = client.get(format!("{gw}/open/x")).send().await.unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(res.text().await.unwrap(), "ok");
    }
    assert_eq!(
        accepted.load(Ordering::SeqCst),
        1,
        "one kept-alive connection"
    );

    // an upstream that drops idle connections: the next request must not
    // be sent on the dead one
    let (url, accepted) = counting_upstream(Some(Duration::from_millis(20))).await;
    let gw = spawn_gateway(settings(&identity, &url, routes())).await;
    for _ in 0..3 {
        let res = client.get(format!("{gw}/open/x")).send().await.unwrap();
        assert_eq!(res.status(), 200);
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
    assert_eq!(accepted.load(Ordering::SeqCst), 3);
}

#[actix_web::test]
async fn the_api_docs_are_served_by_the_gateway_itself() {
    let identity = Identity::start().await;
    let up = upstream::start().await;
    // a catch-all route: /docs must not reach it
    let mut r = routes();
    r.push(RouteSettings::new(
        "/",
        "up",
        AuthMode::Required,
        Dialect::Panel,
    ));
    let gw = spawn_gateway(settings(&identity, &up.url, r)).await;
    let client = http();
    let page = client.get(format!("{gw}/docs")).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    for name in [
        "identity",
        "social",
        "chat",
        "smm",
        "invoicing",
        "buildings",
    ] {
        assert!(
            html.contains(&format!("/docs/{name}.yaml")),
            "{name} in the picker"
        );
    }
    let doc = client
        .get(format!("{gw}/docs/smm.yaml"))
        .send()
        .await
        .unwrap();
    assert_eq!(doc.status(), 200);
    assert!(doc.text().await.unwrap().starts_with("openapi:"));
    let bundle = client
        .get(format!("{gw}/docs/swagger-ui-bundle.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(bundle.status(), 200);
    let postman = client
        .get(format!("{gw}/docs/platform.postman_collection.json"))
        .send()
        .await
        .unwrap();
    let collection: Value = postman.json().await.unwrap();
    assert_eq!(collection["info"]["name"], "Platform API");
    let missing = client
        .get(format!("{gw}/docs/nothing.yaml"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
}

use crate::helpers::spawn;
use serde_json::json;

#[tokio::test]
async fn many_users_in_one_call_with_masked_mobiles() {
    let app = spawn().await;
    let a = app.token_for("09121234402").await;
    let b = app.token_for("09357654321").await;
    app.post_json_as(
        "/api/v1/user",
        &a,
        json!({"first_name": "Sara", "last_name": "Ahmadi"}),
    )
    .await;
    let (_, me_a) = app.get("/api/v1/user", Some(&a)).await;
    let (_, me_b) = app.get("/api/v1/user", Some(&b)).await;
    let (ia, ib) = (
        me_a["user"]["id"].as_i64().unwrap(),
        me_b["user"]["id"].as_i64().unwrap(),
    );

    let (status, body) = app
        .internal(&format!("/internal/users?ids={ib},{ia},999999"))
        .await;
    assert_eq!(status, 200);
    let users = body["users"].as_array().unwrap();
    assert_eq!(users.len(), 2, "unknown ids are left out: {body}");
    let sara = users.iter().find(|u| u["id"] == ia).unwrap();
    assert_eq!(
        sara,
        &json!({"id": ia, "first_name": "Sara", "last_name": "Ahmadi", "avatar": null, "mobile": "0912****402"})
    );
    let other = users.iter().find(|u| u["id"] == ib).unwrap();
    assert_eq!(other["mobile"], "0935****321");
    assert!(other.get("email").is_none());

    for bad in [
        "/internal/users?ids=1,x",
        "/internal/users",
        "/internal/users?ids=",
    ] {
        let (status, body) = app.internal(bad).await;
        assert_eq!(status, 400, "{bad}: {body}");
    }
    let many: Vec<String> = (1..=101).map(|i| i.to_string()).collect();
    let (status, _) = app
        .internal(&format!("/internal/users?ids={}", many.join(",")))
        .await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn health_readiness_and_metrics() {
    let app = spawn().await;
    assert_eq!(app.get("/healthz", None).await.0, 200);
    assert_eq!(app.get("/readyz", None).await.0, 200);
    app.login("09120000090").await;
    let text = app
        .http
        .get(app.url("/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(text.contains("http_requests_total"), "{text}");
    assert!(text.contains("/api/v1/login"));
}

#[tokio::test]
async fn bad_settings_stop_start_up_naming_the_key() {
    let db = platform_testkit::TestDb::new();
    let keys = tempfile::tempdir().unwrap();
    let sms = wiremock::MockServer::start().await;
    let mut settings = crate::helpers::settings(&db, &keys, &sms);
    settings.code.lifetime_secs = 900;
    let err = identity::Application::build(settings)
        .await
        .err()
        .unwrap()
        .to_string();
    assert!(err.contains("code.lifetime_secs"), "{err}");
}

/// Issue 10: `/internal/` serves only the platform's own components.
#[tokio::test]
async fn internal_endpoints_need_the_internal_credential() {
    let app = crate::helpers::spawn().await;
    for path in [
        "/internal/users?ids=1",
        "/internal/revocations?after=0",
        "/internal/revocations/some-jti",
        "/internal/nothing-here",
    ] {
        let (status, body) = app.get(path, None).await;
        assert_eq!(status, 401, "{path}: {body}");
        assert_eq!(body["status"], 401);
        let res = app
            .http
            .get(app.url(path))
            .header(
                platform_auth::INTERNAL_HEADER,
                "not-the-secret-but-long-enough-to-try",
            )
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 401, "{path}");
    }
    assert_eq!(app.internal("/internal/revocations?after=0").await.0, 200);
}

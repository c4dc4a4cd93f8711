//! Bad input answers in the app's dialect with a 4xx, never actix's plain
//! text and never a 500.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a test fails by panicking"
)]

use actix_web::middleware::from_fn;
use actix_web::{test, web, App, HttpResponse};
use platform_http::{extract, observe, Dialect, Metrics};
use serde::Deserialize;
use serde_json::{json, Value};

#[derive(Deserialize)]
struct Body {
    #[expect(dead_code, reason = "read by serde only")]
    count: u32,
}

async fn create(_: web::Json<Body>) -> HttpResponse {
    HttpResponse::Created().finish()
}

async fn form(_: web::Form<Body>) -> HttpResponse {
    HttpResponse::Created().finish()
}

async fn query(_: web::Query<Body>) -> HttpResponse {
    HttpResponse::Ok().finish()
}

macro_rules! app {
    ($dialect:expr) => {
        test::init_service(
            App::new()
                .app_data($dialect)
                .app_data(web::Data::new(Metrics::new("test")))
                .configure(extract::configure($dialect, 64))
                .wrap(from_fn(extract::dialect_errors))
                .wrap(from_fn(observe::observe))
                .service(web::resource("/things").route(web::post().to(create)))
                .route("/form", web::post().to(form))
                .route("/query", web::get().to(query))
                .default_service(web::to(extract::not_found($dialect))),
        )
        .await
    };
}

#[actix_web::test]
async fn json_rejections_in_the_ledger_dialect() {
    let app = app!(Dialect::Ledger);
    let cases = [
        ("application/json", "{bad json", 400, "body"),
        ("application/json", "", 400, "body"),
        ("application/json", r#"{"count":"many"}"#, 422, "body"),
        ("application/json", r#"{"other":1}"#, 422, "count"),
        (
            "application/json",
            &format!(r#"{{"count":1,"pad":"{}"}}"#, "x".repeat(100)),
            413,
            "body",
        ),
        ("text/plain", r#"{"count":1}"#, 415, "body"),
    ];
    for (content_type, body, status, field) in cases {
        let req = test::TestRequest::post()
            .uri("/things")
            .insert_header(("content-type", content_type))
            .set_payload(body.to_string())
            .to_request();
        let res = test::call_service(&app, req).await;
        assert_eq!(res.status().as_u16(), status, "{content_type} {body}");
        let got: Value = test::read_body_json(res).await;
        assert_eq!(got["success"], false);
        assert_eq!(got["status"], status);
        assert!(got["errors"][field][0].is_string(), "{got}");
        assert_no_parser_words(&got);
    }
}

/// The parser's text (lines, columns, Rust types) stays in the log.
fn assert_no_parser_words(body: &Value) {
    let text = body.to_string();
    for word in ["line", "column", "u32", "deserialize", "Json"] {
        assert!(!text.contains(word), "{word} in {text}");
    }
}

#[actix_web::test]
async fn a_missing_or_mistyped_field_is_the_panels_documented_400() {
    let app = app!(Dialect::Panel);
    for (body, field) in [(r#"{"other":1}"#, "count"), (r#"{"count":"x"}"#, "body")] {
        let req = test::TestRequest::post()
            .uri("/things")
            .insert_header(("content-type", "application/json"))
            .insert_header(("accept-language", "en"))
            .set_payload(body)
            .to_request();
        let res = test::call_service(&app, req).await;
        assert_eq!(res.status(), 400, "{body}");
        let got: Value = test::read_body_json(res).await;
        assert_eq!(got["status"], 400);
        assert_eq!(got["message"], "فرمت پارامتر مورد نظر اشتباه است");
        assert!(got["errors"][field][0].is_string(), "{got}");
        assert_no_parser_words(&got);
    }
}

#[actix_web::test]
async fn form_query_path_and_method_errors_in_the_bazaar_dialect() {
    let app = app!(Dialect::Bazaar);
    let req = test::TestRequest::post()
        .uri("/form")
        .insert_header(("content-type", "application/x-www-form-urlencoded"))
        .set_payload("count=lots")
        .to_request();
    let res = test::call_service(&app, req).await;
    assert!(res.status().is_client_error());
    let got: Value = test::read_body_json(res).await;
    assert_eq!(got["status"], "error");
    assert!(got["data"].is_array());
    assert_no_parser_words(&got);

    let res = test::call_service(
        &app,
        test::TestRequest::get().uri("/query?count=-1").to_request(),
    )
    .await;
    assert_eq!(res.status(), 400);

    let res = test::call_service(&app, test::TestRequest::get().uri("/things").to_request()).await;
    assert_eq!(res.status(), 405);
    let got: Value = test::read_body_json(res).await;
    assert_eq!(got["status"], "error");

    let res = test::call_service(
        &app,
        test::TestRequest::get()
            .uri("/nowhere")
            .insert_header(("accept-language", "en"))
            .to_request(),
    )
    .await;
    assert_eq!(res.status(), 404);
    assert!(res.headers().contains_key("x-request-id"));
    let got: Value = test::read_body_json(res).await;
    assert_eq!(
        got,
        json!({"status": "error", "message": "Not found", "data": ""})
    );
}

#[actix_web::test]
async fn reseller_errors_keep_http_200() {
    let app = app!(Dialect::Reseller);
    let req = test::TestRequest::post()
        .uri("/things")
        .insert_header(("content-type", "application/json"))
        .set_payload("nope")
        .to_request();
    let res = test::call_service(&app, req).await;
    assert_eq!(res.status(), 200);
    let got: Value = test::read_body_json(res).await;
    assert!(got["error"].is_string());
}

#[actix_web::test]
async fn seed_fixed_panel_texts_stay_persian() {
    use actix_web::http::StatusCode;
    use platform_http::Lang;
    let en = |d, s| extract::message_for(d, s, Lang::En);
    assert_eq!(
        en(Dialect::Panel, StatusCode::TOO_MANY_REQUESTS),
        "محدودیت ارسال درخواست"
    );
    assert_eq!(
        en(Dialect::Panel, StatusCode::BAD_REQUEST),
        "فرمت پارامتر مورد نظر اشتباه است"
    );
    assert_eq!(
        en(Dialect::Ledger, StatusCode::TOO_MANY_REQUESTS),
        "Too many requests"
    );
    assert_eq!(en(Dialect::Bazaar, StatusCode::UNAUTHORIZED), "not login");
}

//! The list's filters: `email` and `mobile` exact after normalisation,
//! `company` contained, `q` over name, company, e-mail and mobile.

use crate::helpers::{spawn_app, LedgerReply, TestApp, ALICE};
use serde_json::json;

async fn three_customers() -> TestApp {
    let app = spawn_app().await;
    app.create(
        ALICE,
        json!({"name": "Sara Ahmadi", "company": "Aseman Co", "email": "Sara@Example.com"}),
    )
    .await;
    app.create(
        ALICE,
        json!({"name": "آرین نجفی", "company": "شرکت آسمان", "mobile": "09122345577"}),
    )
    .await;
    app.create(
        ALICE,
        json!({"name": "Reza", "company": "100% Sure_Ltd", "email": "reza@sure.ir", "mobile": "09350000000"}),
    )
    .await;
    app
}

async fn names(app: &TestApp, query: &str) -> Vec<String> {
    let reply = app.list(ALICE, query).await;
    assert_eq!(reply.status, 200, "{query}: {}", reply.text);
    let names = reply.names();
    assert_eq!(
        reply.header("x-total-count"),
        Some(names.len().to_string().as_str()),
        "{query}: the total follows the filters"
    );
    names
}

#[tokio::test]
async fn email_is_exact_and_ignores_case() {
    let app = three_customers().await;
    assert_eq!(names(&app, "email=sara@example.com").await, ["Sara Ahmadi"]);
    assert_eq!(names(&app, "email=SARA@EXAMPLE.COM").await, ["Sara Ahmadi"]);
    assert!(names(&app, "email=sara@example").await.is_empty());
    assert!(names(&app, "email=example.com").await.is_empty());
}

#[tokio::test]
async fn mobile_is_exact_after_normalisation() {
    let app = three_customers().await;
    for form in [
        "09122345577",
        "%2B989122345577",
        "00989122345577",
        "9122345577",
        "%DB%B0%DB%B9%DB%B1%DB%B2%DB%B2%DB%B3%DB%B4%DB%B5%DB%B5%DB%B7%DB%B7",
    ] {
        assert_eq!(
            names(&app, &format!("mobile={form}")).await,
            ["آرین نجفی"],
            "{form}"
        );
    }
    assert!(names(&app, "mobile=0912234").await.is_empty());
    assert!(names(&app, "mobile=nonsense").await.is_empty());
}

#[tokio::test]
async fn company_is_contained_and_ignores_case() {
    let app = three_customers().await;
    assert_eq!(names(&app, "company=aseman").await, ["Sara Ahmadi"]);
    assert_eq!(names(&app, "company=ASEMAN%20CO").await, ["Sara Ahmadi"]);
    assert_eq!(
        names(&app, "company=%D8%A2%D8%B3%D9%85%D8%A7%D9%86").await,
        ["آرین نجفی"]
    );
    // LIKE wildcards in the filter are taken literally
    assert_eq!(names(&app, "company=100%25").await, ["Reza"]);
    assert_eq!(names(&app, "company=e_L").await, ["Reza"]);
    assert_eq!(names(&app, "company=_").await, ["Reza"]);
    assert!(names(&app, "company=a_e").await.is_empty());
    assert!(names(&app, "company=%25%25%25").await.is_empty());
}

#[tokio::test]
async fn q_searches_name_company_email_and_mobile() {
    let app = three_customers().await;
    assert_eq!(names(&app, "q=ahmadi").await, ["Sara Ahmadi"]);
    assert_eq!(names(&app, "q=sure").await, ["Reza"]);
    assert_eq!(names(&app, "q=EXAMPLE.com").await, ["Sara Ahmadi"]);
    assert_eq!(names(&app, "q=2345577").await, ["آرین نجفی"]);
    assert_eq!(names(&app, "q=%2B989350000000").await, ["Reza"]);
    assert_eq!(
        names(&app, "q=%D9%86%D8%AC%D9%81%DB%8C").await,
        ["آرین نجفی"]
    );
    assert_eq!(names(&app, "q=a").await, ["Reza", "Sara Ahmadi"]);
    assert!(names(&app, "q=zzz").await.is_empty());
}

#[tokio::test]
async fn filters_combine_and_empty_ones_are_ignored() {
    let app = three_customers().await;
    assert_eq!(names(&app, "company=co&q=sara").await, ["Sara Ahmadi"]);
    assert!(names(&app, "company=aseman&mobile=09350000000")
        .await
        .is_empty());
    assert_eq!(names(&app, "email=&mobile=&company=&q=").await.len(), 3);
}

//! Free credit: through the ledger, once per interval (the seed's message
//! with the real seconds left), a monthly cap, ten calls at once credit once.

use crate::helpers::{spawn_with, tamper, ALICE};
use futures_util::future::join_all;
use platform_testkit::snapshot_settings;

#[tokio::test]
async fn once_per_interval_and_a_monthly_cap() {
    let app = spawn_with(|s| s.free_credit.monthly_max = 2).await;
    let first = app.get(ALICE, "/api/v1/user/freecredit").await;
    assert_eq!(first.status, 201, "{}", first.text);
    let amount = first.body["amount"].as_f64().unwrap();
    assert!((50.0..=100.0).contains(&amount), "{amount}");
    snapshot_settings()
        .bind(|| insta::assert_json_snapshot!("freecredit", first.body, {".amount" => "[amount]"}));
    assert_eq!(app.balance(ALICE).await, amount);
    let soon = app.get(ALICE, "/api/v1/user/freecredit").await;
    soon.assert_panel_error(429);
    let message = soon.body["message"].as_str().unwrap();
    let secs: i64 = message
        .strip_prefix("شما تا ")
        .and_then(|m| m.strip_suffix(" ثانیه دیگر قادر به ارسال درخواست خواهید بود"))
        .unwrap_or_else(|| panic!("{message}"))
        .parse()
        .unwrap();
    assert!((119..=120).contains(&secs), "{secs}");

    // the interval passed: the second of the month, then the cap
    tamper(&app.db_url, "UPDATE allowances SET last_at = last_at - 120");
    let second = app.get(ALICE, "/api/v1/user/freecredit").await;
    assert_eq!(second.status, 201, "{}", second.text);
    tamper(&app.db_url, "UPDATE allowances SET last_at = last_at - 120");
    let capped = app.get(ALICE, "/api/v1/user/freecredit").await;
    capped.assert_panel_error(429);
    assert_eq!(
        capped.body["message"],
        "به محدودیت درخواست ماهانه رسیده اید"
    );
    assert_eq!(app.notifications(ALICE).await.len(), 2);
    app.assert_books_balance().await;
}

#[tokio::test]
async fn ten_calls_at_once_credit_once() {
    let app = spawn_with(|_| {}).await;
    let replies = join_all((0..10).map(|_| app.get(ALICE, "/api/v1/user/freecredit"))).await;
    let credited: Vec<f64> = replies
        .iter()
        .filter(|r| r.status == 201)
        .map(|r| r.body["amount"].as_f64().unwrap())
        .collect();
    assert_eq!(credited.len(), 1, "{replies:?}");
    assert!(replies.iter().all(|r| r.status == 201 || r.status == 429));
    assert_eq!(app.balance(ALICE).await, credited[0]);
    app.assert_books_balance().await;
}

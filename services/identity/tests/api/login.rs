use crate::helpers::{sms_answers, spawn, spawn_with};
use serde_json::json;

#[tokio::test]
async fn a_new_mobile_signs_up_by_code_and_logs_in_again() {
    let app = spawn_with(|s| s.code.resend_cooldown_secs = 0).await;
    let before = identity::db::now();
    let (status, body) = app.login("09121234402").await;
    assert_eq!(status, 201);
    assert_eq!(body["status"], 201);
    assert_eq!(body["message"], "کد تایید ارسال شد");
    let expires_at = body["expires_at"].as_i64().unwrap();
    assert!(
        (before + 119..=before + 122).contains(&expires_at),
        "{body}"
    );

    let texts = app.texts().await;
    assert_eq!(texts.len(), 1);
    let code = texts[0]["code"].as_str().unwrap();
    assert_eq!(code.len(), 6);
    assert!(code.bytes().all(|b| b.is_ascii_digit()));
    assert!(texts[0]["message"].as_str().unwrap().contains(code));

    let (status, body) = app.verify("09121234402", code).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["status"], 200);
    assert_eq!(body["token_type"], "Bearer");
    assert!(body["expires_at"].as_i64().unwrap() > before + 86_400);
    let token = body["access_token"].as_str().unwrap();
    let (status, me) = app.get("/api/v1/user", Some(token)).await;
    assert_eq!(status, 200);
    let id = me["user"]["id"].as_i64().unwrap();
    assert_eq!(me["user"]["mobile"], "09121234402");
    assert_eq!(me["user"]["mobile_verified"], 1);

    // a second login finds the same account
    let token = app.token_for("09121234402").await;
    let (_, me) = app.get("/api/v1/user", Some(&token)).await;
    assert_eq!(me["user"]["id"], id);
}

#[tokio::test]
async fn an_unknown_email_is_404_and_a_known_one_gets_a_code_on_its_mobile() {
    let app = spawn_with(|s| s.code.resend_cooldown_secs = 0).await;
    let (status, body) = app.login("nobody@example.com").await;
    assert_eq!(
        (status, body),
        (404, json!({"status": 404, "message": "کاربر شناسایی نشد"}))
    );
    assert!(app.texts().await.is_empty());

    let token = app.token_for("09120000001").await;
    app.set_email(&token, "Ali@Example.com").await;
    let (status, _) = app.login("ali@example.COM").await;
    assert_eq!(status, 201);
    let code = app.code_for("09120000001").await;
    let (status, body) = app.verify("ALI@example.com", &code).await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn a_username_that_is_neither_mobile_nor_email_is_400() {
    let app = spawn().await;
    for bad in ["ali", "0812345678", "+1 555 0100", "", "۰۹۱۲", "a@b"] {
        let (status, body) = app.login(bad).await;
        assert_eq!(
            (status, body),
            (
                400,
                json!({"status": 400, "message": "فرمت پارامتر مورد نظر اشتباه است"})
            ),
            "{bad}"
        );
    }
    assert!(app.texts().await.is_empty());
}

#[tokio::test]
async fn asking_again_inside_the_cooldown_is_429() {
    let app = spawn().await;
    assert_eq!(app.login("09120000002").await.0, 201);
    let (status, body) = app.login("+989120000002").await;
    assert_eq!(
        (status, body),
        (
            429,
            json!({"status": 429, "message": "محدودیت ارسال درخواست"})
        )
    );
    assert_eq!(app.texts().await.len(), 1);
    // another number has its own cooldown
    assert_eq!(app.login("09120000003").await.0, 201);
}

#[tokio::test]
async fn a_cooldown_that_ran_out_allows_a_new_code_and_kills_the_old() {
    let app = spawn_with(|s| s.code.resend_cooldown_secs = 1).await;
    assert_eq!(app.login("09120000004").await.0, 201);
    let first = app.code_for("09120000004").await;
    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
    assert_eq!(app.login("09120000004").await.0, 201);
    let second = app.code_for("09120000004").await;
    if first != second {
        assert_eq!(app.verify("09120000004", &first).await.0, 401);
    }
    assert_eq!(app.verify("09120000004", &second).await.0, 200);
}

#[tokio::test]
async fn a_provider_failure_is_503_and_does_not_start_the_cooldown() {
    let app = spawn().await;
    sms_answers(&app.sms, 500).await;
    let (status, body) = app.login("09120000005").await;
    assert_eq!(status, 503);
    assert_eq!(body["status"], 503);
    assert!(body["message"].is_string());

    sms_answers(&app.sms, 200).await;
    let (status, body) = app.login("09120000005").await;
    assert_eq!(
        status, 201,
        "the failed attempt must not start the cooldown: {body}"
    );
    let code = app.code_for("09120000005").await;
    assert_eq!(app.verify("09120000005", &code).await.0, 200);
}

#[tokio::test]
async fn persian_and_arabic_digits_and_every_mobile_form_are_one_number() {
    let app = spawn_with(|s| s.code.resend_cooldown_secs = 0).await;
    let forms = [
        "09121112233",
        "9121112233",
        "989121112233",
        "+989121112233",
        "00989121112233",
        "۰۹۱۲۱۱۱۲۲۳۳",
        "٠٩١٢١١١٢٢٣٣",
        "+۹۸ ۹۱۲ ۱۱۱ ۲۲۳۳",
    ];
    let mut ids = Vec::new();
    for form in forms {
        let (status, body) = app.login(form).await;
        assert_eq!(status, 201, "{form}: {body}");
        let code = app.code_for("09121112233").await;
        // the code typed in Persian digits
        let persian: String = code
            .chars()
            .map(|c| char::from_u32(0x06F0 + c.to_digit(10).unwrap()).unwrap())
            .collect();
        let (status, body) = app.verify(form, &persian).await;
        assert_eq!(status, 200, "{form}: {body}");
        let (_, me) = app.get("/api/v1/user", body["access_token"].as_str()).await;
        ids.push(me["user"]["id"].as_i64().unwrap());
    }
    assert!(ids.windows(2).all(|w| w[0] == w[1]), "{ids:?}");
    assert!(app
        .texts()
        .await
        .iter()
        .all(|t| t["receptor"] == "09121112233"));
}

//! Each field rule on create, with the field named in `errors`; 422 for a
//! readable request whose fields break rules.

use crate::helpers::{send, spawn_app, LedgerReply, ALICE};
use reqwest::Method;
use serde_json::{json, Value};

/// Posts `fields` (with a valid e-mail unless they set one) and returns the
/// fields named in the 422's errors, or an empty list on 201.
async fn refused(app: &crate::helpers::TestApp, fields: Value) -> (u16, Vec<String>, Value) {
    let mut body = json!({"email": "ok@example.com"});
    for (k, v) in fields.as_object().unwrap() {
        body[k] = v.clone();
    }
    let reply = send(
        app.as_(ALICE, Method::POST, "/v1/customers")
            .header("Accept-Language", "en")
            .json(&body),
    )
    .await;
    match reply.status {
        201 => (201, Vec::new(), reply.body["data"]["Customer"].clone()),
        422 => {
            reply.assert_ledger_error(422);
            (422, reply.error_fields(), reply.body["errors"].clone())
        }
        other => panic!("{body}: {other} {}", reply.text),
    }
}

#[tokio::test]
async fn email_or_mobile_is_required() {
    let app = spawn_app().await;
    for body in [
        json!({"name": "No contact"}),
        json!({"email": "", "mobile": ""}),
        json!({"email": null, "mobile": "   "}),
    ] {
        let reply = send(
            app.as_(ALICE, Method::POST, "/v1/customers")
                .header("Accept-Language", "en")
                .json(&body),
        )
        .await;
        reply.assert_ledger_error(422);
        assert_eq!(
            reply.body["errors"],
            json!({"email": ["Either email or mobile is required"],
                   "mobile": ["Either email or mobile is required"]}),
            "{body}"
        );
    }
    // either one alone is enough
    let (status, ..) = refused(&app, json!({"email": "a@example.com"})).await;
    assert_eq!(status, 201);
    let reply = send(
        app.as_(ALICE, Method::POST, "/v1/customers")
            .json(&json!({"mobile": "09121234567"})),
    )
    .await;
    assert_eq!(reply.status, 201, "{}", reply.text);
}

#[tokio::test]
async fn mobile_is_iranian_and_normalised() {
    let app = spawn_app().await;
    for (given, stored) in [
        (json!("09121234567"), "09121234567"),
        (json!("9121234567"), "09121234567"),
        (json!("+989121234567"), "09121234567"),
        (json!("00989121234567"), "09121234567"),
        (json!("989121234567"), "09121234567"),
        (json!("۰۹۱۲۱۲۳۴۵۶۷"), "09121234567"),
        (json!("٠٩١٢١٢٣٤٥٦٧"), "09121234567"),
        (json!(9121234567u64), "09121234567"),
    ] {
        let (status, _, customer) = refused(&app, json!({"mobile": given})).await;
        assert_eq!(status, 201, "{given}");
        assert_eq!(customer["mobile"], json!(stored), "{given}");
    }
    for bad in [
        "0912123456",
        "091212345678",
        "02188624168",
        "+12025550123",
        "mobile",
    ] {
        let (status, fields, errors) = refused(&app, json!({"mobile": bad})).await;
        assert_eq!((status, fields), (422, vec!["mobile".to_string()]), "{bad}");
        assert_eq!(
            errors["mobile"],
            json!(["Must be an Iranian mobile number such as 09121234567"])
        );
    }
}

#[tokio::test]
async fn email_has_a_real_address_format() {
    let app = spawn_app().await;
    for ok in ["a@b.co", "first.last+tag@mail.example.ir"] {
        let (status, _, customer) = refused(&app, json!({"email": ok})).await;
        assert_eq!(status, 201, "{ok}");
        assert_eq!(customer["email"], json!(ok));
    }
    for bad in [
        "a",
        "a@b",
        "a b@c.co",
        "@b.co",
        "[email protected]",
        "a@b..co",
    ] {
        let (status, fields, _) = refused(&app, json!({"email": bad})).await;
        assert_eq!((status, fields), (422, vec!["email".to_string()]), "{bad}");
    }
}

#[tokio::test]
async fn digit_fields_have_their_lengths() {
    let app = spawn_app().await;
    let cases: [(&str, usize, usize); 5] = [
        ("postal_code", 10, 10),
        ("tel", 4, 15),
        ("fax", 4, 15),
        ("registration_number", 1, 20),
        ("economical_number", 1, 20),
    ];
    for (field, min, max) in cases {
        for len in [min, max] {
            let digits = "0".repeat(len);
            let (status, _, customer) = refused(&app, json!({ field: digits })).await;
            assert_eq!(status, 201, "{field} {len}");
            // leading zeros survive
            assert_eq!(customer[field], json!(digits));
        }
        let too_long = "1".repeat(max + 1);
        let mut bad = vec![json!(too_long), json!("12a4567890"), json!("-1234567890")];
        if min > 1 {
            bad.push(json!("1".repeat(min - 1)));
        }
        for value in bad {
            let (status, fields, errors) = refused(&app, json!({ field: value })).await;
            assert_eq!(
                (status, fields),
                (422, vec![field.to_string()]),
                "{field} {value}"
            );
            let expected = if min == max {
                format!("Must be exactly {min} digits")
            } else {
                format!("Must be {min} to {max} digits")
            };
            assert_eq!(errors[field], json!([expected]));
        }
        // Persian digits are stored as ASCII digits; numbers are taken
        let (_, _, customer) =
            refused(&app, json!({ field: "۱".repeat(min.max(4).min(max)) })).await;
        assert_eq!(customer[field], json!("1".repeat(min.max(4).min(max))));
        let (_, _, customer) = refused(&app, json!({ field: 1234567890u64 })).await;
        if (min..=max).contains(&10) {
            assert_eq!(customer[field], json!("1234567890"));
        }
    }
}

#[tokio::test]
async fn text_fields_are_bounded() {
    let app = spawn_app().await;
    for (field, max) in [("name", 255), ("company", 255), ("address", 1000)] {
        // the bound counts characters, not bytes: Persian letters take two
        let longest = "آ".repeat(max);
        let (status, _, customer) = refused(&app, json!({ field: longest })).await;
        assert_eq!(status, 201, "{field}");
        assert_eq!(customer[field], json!(longest));
        let (status, fields, errors) = refused(&app, json!({ field: "a".repeat(max + 1) })).await;
        assert_eq!((status, fields), (422, vec![field.to_string()]));
        assert_eq!(
            errors[field],
            json!([format!("Must be at most {max} characters")])
        );
    }
    // surrounding spaces are trimmed
    let (_, _, customer) = refused(&app, json!({"name": "  آرین  "})).await;
    assert_eq!(customer["name"], json!("آرین"));
}

#[tokio::test]
async fn every_failing_field_is_listed_at_once_in_persian_by_default() {
    let app = spawn_app().await;
    let reply = send(app.as_(ALICE, Method::POST, "/v1/customers").json(&json!({
        "name": "n".repeat(256), "email": "bad", "mobile": "123", "postal_code": "12",
        "tel": "1", "fax": "abc", "registration_number": "x", "economical_number": "y",
        "company": "c".repeat(256), "address": "a".repeat(1001),
    })))
    .await;
    reply.assert_ledger_error(422);
    assert_eq!(reply.error_fields().len(), 10, "{}", reply.text);
    assert_eq!(reply.body["message"], json!("اطلاعات ارسال شده معتبر نیست"));
    assert_eq!(
        reply.body["errors"]["postal_code"],
        json!(["باید 10 رقم باشد"])
    );
}

#[tokio::test]
async fn a_form_body_creates_like_json() {
    let app = spawn_app().await;
    let reply = send(
        app.as_(ALICE, Method::POST, "/v1/customers")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body("name=%D8%A2%D8%B1%DB%8C%D9%86&mobile=%2B989122345577&tel=02188624168&extra=1"),
    )
    .await;
    assert_eq!(reply.status, 201, "{}", reply.text);
    let customer = &reply.body["data"]["Customer"];
    assert_eq!(customer["name"], json!("آرین"));
    assert_eq!(customer["mobile"], json!("09122345577"));
    assert_eq!(customer["tel"], json!("02188624168"));
    assert_eq!(customer["email"], json!(""));
    let reply = send(
        app.as_(ALICE, Method::POST, "/v1/customers")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept-Language", "en")
            .body("name=x&postal_code=1"),
    )
    .await;
    reply.assert_ledger_error(422);
    assert_eq!(reply.error_fields(), ["email", "mobile", "postal_code"]);
}

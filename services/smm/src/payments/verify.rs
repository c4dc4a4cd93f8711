use super::zarinpal::Verified;
use super::{settle, status, Payment, PaymentObject};
use crate::input::Params;
use crate::state::State;
use crate::{caller, SmmError};
use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse, Responder};
use platform_db::Db;
use platform_http::docs::PanelError;
use platform_http::reply::Panel;
use serde::Serialize;

#[derive(Serialize, utoipa::ToSchema)]
pub struct VerifiedBody {
    message: &'static str,
    payment: PaymentObject,
}

/// How a callback ended.
enum Outcome {
    Paid(Payment),
    Failed(Payment),
    /// Zarinpal did not say: the payment stays pending, and the next
    /// callback asks again.
    Unconfirmed(Payment),
}

/// Zarinpal's callback
///
/// Where the browser comes back from Zarinpal with `Authority` and
/// `Status` (`OK` or `NOK`); no token, the authority names the payment.
/// `OK` is verified with Zarinpal for the amount stored with the payment
/// and credits the wallet exactly once, however often the callback
/// comes. With `Accept: application/json` the answer is JSON: 200 with
/// the `payment`, 400 `payment_failed`, 404 `payment_not_found`, 502
/// `payment_unconfirmed` (Zarinpal did not answer: call again). A browser
/// is sent to `zarinpal.return_url` with `status` (`paid`, `failed`,
/// `pending`) and `authority`, or gets a small page (always 200).
#[utoipa::path(
    get,
    path = "/api/v1/user/payment/verify",
    operation_id = "verifyPayment",
    tag = "wallet",
    params(
        ("Authority" = String, Query, description = "Zarinpal's authority"),
        ("Status" = Option<String>, Query, description = "`OK` or `NOK`; anything else, or none, is not paid"),
    ),
    responses(
        (status = 200, description = "JSON clients: paid (now or before). Browsers (no `Accept: application/json`): a small page saying how it went, whatever it was", content(
            (Panel<VerifiedBody> = "application/json"),
            (String = "text/html"),
        )),
        (status = 303, description = "A browser, sent to `zarinpal.return_url`"),
        (status = 400, description = "Not paid", body = PanelError),
        (status = 404, description = "No payment has this authority", body = PanelError),
        (status = 502, description = "Zarinpal did not confirm: try again", body = PanelError),
    )
)]
pub async fn verify(
    req: HttpRequest,
    body: web::Bytes,
    db: web::Data<Db>,
    state: web::Data<State>,
) -> Result<HttpResponse, SmmError> {
    let mut params = Params::read(&req, &body)?;
    let authority = params.required_text("Authority", 64, false);
    let ok = params
        .text("Status", 16, false)
        .is_some_and(|s| s.eq_ignore_ascii_case("OK"));
    params.finish()?;
    let authority = authority.unwrap_or_default();
    let outcome = settle_callback(&db, &state, authority, ok).await;
    let json = wants_json(&req);
    let outcome = match outcome {
        Ok(outcome) => outcome,
        Err(e) if json => return Err(e),
        Err(e) => {
            let text = if e.status() == StatusCode::NOT_FOUND {
                "پرداخت مورد نظر یافت نشد."
            } else {
                log::error!("payment callback failed: {e}");
                "خطایی رخ داد؛ چند لحظه بعد این صفحه را دوباره باز کنید."
            };
            return Ok(page(text));
        }
    };
    if json {
        return Ok(match outcome {
            Outcome::Paid(payment) => Panel::new(
                200,
                VerifiedBody {
                    message: "پرداخت با موفقیت انجام شد",
                    payment: payment.into(),
                },
            )
            .respond_to(&req),
            Outcome::Failed(_) => return Err(not_paid()),
            Outcome::Unconfirmed(_) => return Err(unconfirmed()),
        });
    }
    let (word, text, authority) = match &outcome {
        Outcome::Paid(p) => (
            status::PAID,
            "پرداخت با موفقیت انجام شد و حساب شما شارژ شد.",
            &p.authority,
        ),
        Outcome::Failed(p) => (status::FAILED, "پرداخت انجام نشد.", &p.authority),
        Outcome::Unconfirmed(p) => (
            status::PENDING,
            "تأیید پرداخت از درگاه ممکن نشد؛ چند لحظه بعد این صفحه را دوباره باز کنید.",
            &p.authority,
        ),
    };
    match &state.zarinpal.settings.return_url {
        Some(url) => {
            let query = serde_urlencoded::to_string([
                ("status", word),
                ("authority", authority.as_deref().unwrap_or_default()),
            ])
            .unwrap_or_default();
            let sep = if url.contains('?') { '&' } else { '?' };
            Ok(HttpResponse::SeeOther()
                .insert_header((header::LOCATION, format!("{url}{sep}{query}")))
                .finish())
        }
        None => Ok(page(text)),
    }
}

async fn settle_callback(
    db: &Db,
    state: &State,
    authority: String,
    ok: bool,
) -> Result<Outcome, SmmError> {
    let payment = db
        .run(move |conn| settle::find(conn, &authority).map_err(SmmError::from))
        .await?
        .ok_or_else(not_found)?;
    if payment.status == status::PAID {
        return Ok(Outcome::Paid(payment));
    }
    if !ok {
        let payment = db
            .run(move |conn| {
                settle::failed(conn, &payment, None, caller::now()).map_err(SmmError::from)
            })
            .await?;
        return Ok(end(payment));
    }
    let authority = payment.authority.clone().unwrap_or_default();
    let verified = state.zarinpal.verify(&authority, payment.rials()).await;
    match verified {
        Verified::Paid { .. } => {
            let payment = db
                .run(move |conn| {
                    settle::paid(conn, &payment, &verified, caller::now()).map_err(SmmError::from)
                })
                .await?;
            Ok(Outcome::Paid(payment))
        }
        Verified::Refused(code, _) if Verified::is_final_refusal(code) => {
            let payment = db
                .run(move |conn| {
                    settle::failed(conn, &payment, Some(code), caller::now())
                        .map_err(SmmError::from)
                })
                .await?;
            Ok(end(payment))
        }
        Verified::Refused(code, message) => {
            log::warn!(
                "zarinpal refused to verify payment {}: {code} {message}",
                payment.id
            );
            Ok(Outcome::Unconfirmed(payment))
        }
        Verified::Unknown(why) => {
            log::warn!(
                "zarinpal did not answer the verify of payment {}: {why}",
                payment.id
            );
            Ok(Outcome::Unconfirmed(payment))
        }
    }
}

/// A payment another callback may have paid meanwhile.
fn end(payment: Payment) -> Outcome {
    if payment.status == status::PAID {
        Outcome::Paid(payment)
    } else {
        Outcome::Failed(payment)
    }
}

fn wants_json(req: &HttpRequest) -> bool {
    req.headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"))
}

/// The small page a browser sees without a `return_url`: 200 whatever the
/// outcome, since the page is what a person reads (and the service's error
/// layer would put a JSON body in place of any 4xx or 5xx page); JSON
/// clients get the real status.
fn page(text: &str) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(format!(
            "<!doctype html><html lang=\"fa\" dir=\"rtl\"><meta charset=\"utf-8\"><title>پرداخت</title><body><p>{text}</p></body></html>"
        ))
}

fn not_found() -> SmmError {
    SmmError::refused(
        StatusCode::NOT_FOUND,
        "payment_not_found",
        "پرداخت مورد نظر یافت نشد",
        "No payment has this authority",
    )
}

fn not_paid() -> SmmError {
    SmmError::refused(
        StatusCode::BAD_REQUEST,
        "payment_failed",
        "پرداخت انجام نشد",
        "The payment was not made",
    )
}

fn unconfirmed() -> SmmError {
    SmmError::refused(
        StatusCode::BAD_GATEWAY,
        "payment_unconfirmed",
        "تأیید پرداخت از درگاه ممکن نشد، لطفا دوباره تلاش کنید",
        "The payment gateway did not confirm the payment; try again",
    )
}

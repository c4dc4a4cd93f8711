use super::fields::{require_contact, CustomerFields};
use super::model::Customer;
use super::model::{customer_id, find, now, owned};
use super::reply;
use super::reply::Wrapped;
use crate::input::body_fields;
use crate::openapi::{AcceptLanguage, CustomerId, CustomerInput};
use crate::rules::{FieldErrors, Rule};
use crate::schema::customers;
use crate::InvoicingError;
use actix_web::{web, HttpRequest, HttpResponse};
use diesel::prelude::*;
use diesel::sql_types::Bool;
use platform_auth::Authenticated;
use platform_db::Db;
use platform_http::docs::LedgerError;
use platform_http::reply::Ledger;

/// Change some fields of a customer
///
/// Fields sent are changed, fields not sent are kept; `""` or `null` clears
/// a field. The document lists name, email, mobile, address, company and tel
/// for this call; the other fields of create are taken too. The answer's
/// status line is 200 and, as documented, its body says `"status":201`.
#[utoipa::path(
    put,
    path = "/v1/customers/{customer_id}",
    operation_id = "updateCustomer",
    tag = "customers",
    params(CustomerId, AcceptLanguage),
    request_body(content = CustomerInput, description = "The fields to change; JSON or a form"),
    responses(
        (status = 200, description = "The customer after the change", body = Ledger<Wrapped<Customer>>),
        (status = 400, description = "The body cannot be read", body = LedgerError),
        (status = 401, description = "Missing, malformed, expired, revoked or foreign token", body = LedgerError),
        (status = 404, description = "No such customer for this account", body = LedgerError),
        (status = 413, description = "A body over `body_limit`", body = LedgerError),
        (status = 415, description = "A body that is neither JSON nor a form", body = LedgerError),
        (status = 422, description = "Fields break their rules, or neither e-mail nor mobile would be left", body = LedgerError),
    )
)]
pub async fn update(
    Authenticated(claims): Authenticated,
    path: web::Path<String>,
    req: HttpRequest,
    body: web::Bytes,
    db: web::Data<Db>,
) -> Result<HttpResponse, InvoicingError> {
    let id = customer_id(&path)?;
    let body = body_fields(&req, &body)?;
    let mut errors = FieldErrors::default();
    let changes = CustomerFields::read(&body, &mut errors);
    let account = claims.sub;
    let customer = db
        .run(move |conn| {
            conn.write_transaction(|conn| {
                let current = find(conn, &account, &id)?;
                let email = changes.email.as_deref().unwrap_or(&current.email);
                let mobile = changes.mobile.as_deref().unwrap_or(&current.mobile);
                require_contact(email, mobile, &mut errors);
                errors.or_fail(InvoicingError::Invalid)?;
                // What was read may be stale on PostgreSQL by now: the write
                // itself insists that an e-mail or a mobile remains.
                let sets_contact = [&changes.email, &changes.mobile]
                    .iter()
                    .any(|v| v.as_deref().is_some_and(|s| !s.is_empty()));
                let keeps_contact = sets_contact
                    .into_sql::<Bool>()
                    .or(changes
                        .email
                        .is_none()
                        .into_sql::<Bool>()
                        .and(customers::email.ne("")))
                    .or(changes
                        .mobile
                        .is_none()
                        .into_sql::<Bool>()
                        .and(customers::mobile.ne("")));
                let written = diesel::update(owned(&account, &id).filter(keeps_contact))
                    .set((&changes, customers::updated.eq(now())))
                    .execute(conn)?;
                if written == 0 {
                    // gone meanwhile (404), or the other contact was cleared
                    find(conn, &account, &id)?;
                    let mut errors = FieldErrors::default();
                    errors.add("email", Rule::EmailOrMobile);
                    errors.add("mobile", Rule::EmailOrMobile);
                    return Err(InvoicingError::Invalid(errors));
                }
                Ok(find(conn, &account, &id)?)
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(reply::one(201, customer)))
}

use super::fields::{require_contact, CustomerFields};
use super::model::{customer_id, find, now, owned};
use super::reply;
use crate::input::body_fields;
use crate::rules::{FieldErrors, Rule};
use crate::schema::customers;
use crate::InvoicingError;
use actix_web::{web, HttpRequest, HttpResponse};
use diesel::prelude::*;
use diesel::sql_types::Bool;
use platform_auth::Authenticated;
use platform_db::Db;

/// `PUT /v1/customers/{id}`: changes the fields sent and keeps the rest.
/// HTTP 200 with, as documented, `"status":201` in the body.
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

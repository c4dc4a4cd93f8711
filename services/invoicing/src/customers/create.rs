use super::fields::{require_contact, CustomerFields};
use super::model::{now, Customer};
use super::reply;
use super::reply::Wrapped;
use crate::input::body_fields;
use crate::openapi::{AcceptLanguage, CustomerInput};
use crate::rules::FieldErrors;
use crate::schema::customers;
use crate::InvoicingError;
use actix_web::{web, HttpRequest, HttpResponse};
use diesel::prelude::*;
use platform_auth::Authenticated;
use platform_db::Db;
use platform_http::docs::LedgerError;
use platform_http::reply::Ledger;

#[derive(Insertable)]
#[diesel(table_name = customers)]
struct NewCustomer {
    id: String,
    account_id: String,
    name: String,
    company: String,
    address: String,
    postal_code: String,
    tel: String,
    fax: String,
    email: String,
    mobile: String,
    registration_number: String,
    economical_number: String,
    created: i64,
    updated: i64,
}

/// Create a customer
///
/// `POST /v1/customers`: 201 with the new customer.
#[utoipa::path(
    post,
    path = "/v1/customers",
    operation_id = "createCustomer",
    tag = "customers",
    params(AcceptLanguage),
    request_body(content = CustomerInput, description = "The customer; JSON or a form"),
    responses(
        (status = 201, description = "Created", body = Ledger<Wrapped<Customer>>),
        (status = 400, description = "The body cannot be read (empty, malformed, not an object)", body = LedgerError),
        (status = 401, description = "Missing, malformed, expired, revoked or foreign token", body = LedgerError),
        (status = 413, description = "A body over `body_limit`", body = LedgerError),
        (status = 415, description = "A body that is neither JSON nor a form", body = LedgerError),
        (status = 422, description = "Fields break their rules; every one listed", body = LedgerError),
    )
)]
pub async fn create(
    Authenticated(claims): Authenticated,
    req: HttpRequest,
    body: web::Bytes,
    db: web::Data<Db>,
) -> Result<HttpResponse, InvoicingError> {
    let body = body_fields(&req, &body)?;
    let mut errors = FieldErrors::default();
    let f = CustomerFields::read(&body, &mut errors);
    let text = |v: Option<String>| v.unwrap_or_default();
    let created = now();
    let row = NewCustomer {
        id: uuid::Uuid::new_v4().to_string(),
        account_id: claims.sub,
        name: text(f.name),
        company: text(f.company),
        address: text(f.address),
        postal_code: text(f.postal_code),
        tel: text(f.tel),
        fax: text(f.fax),
        email: text(f.email),
        mobile: text(f.mobile),
        registration_number: text(f.registration_number),
        economical_number: text(f.economical_number),
        created,
        updated: created,
    };
    require_contact(&row.email, &row.mobile, &mut errors);
    errors.or_fail(InvoicingError::Invalid)?;
    let row = db
        .run(move |conn| {
            diesel::insert_into(customers::table)
                .values(&row)
                .execute(conn)?;
            Ok::<_, InvoicingError>(row)
        })
        .await?;
    Ok(HttpResponse::Created().json(reply::one(201, row.into())))
}

impl From<NewCustomer> for Customer {
    fn from(row: NewCustomer) -> Customer {
        Customer {
            id: row.id,
            name: row.name,
            company: row.company,
            address: row.address,
            postal_code: row.postal_code,
            tel: row.tel,
            fax: row.fax,
            email: row.email,
            mobile: row.mobile,
            registration_number: row.registration_number,
            economical_number: row.economical_number,
            created: row.created,
        }
    }
}

use super::model::Customer;
use super::model::{customer_id, find};
use super::reply;
use super::reply::Wrapped;
use crate::openapi::{AcceptLanguage, CustomerId};
use crate::InvoicingError;
use actix_web::{web, HttpResponse};
use platform_auth::Authenticated;
use platform_db::Db;
use platform_http::docs::LedgerError;
use platform_http::reply::Ledger;

/// Read one customer
///
/// As documented, `data` is an array holding the one customer.
#[utoipa::path(
    get,
    path = "/v1/customers/{customer_id}",
    operation_id = "readCustomer",
    tag = "customers",
    params(CustomerId, AcceptLanguage),
    responses(
        (status = 200, description = "The customer", body = Ledger<Vec<Wrapped<Customer>>>),
        (status = 401, description = "Missing, malformed, expired, revoked or foreign token", body = LedgerError),
        (status = 404, description = "No such customer for this account, a deleted one, or no UUID", body = LedgerError),
    )
)]
pub async fn read(
    Authenticated(claims): Authenticated,
    path: web::Path<String>,
    db: web::Data<Db>,
) -> Result<HttpResponse, InvoicingError> {
    let id = customer_id(&path)?;
    let customer = db
        .run(move |conn| Ok::<_, InvoicingError>(find(conn, &claims.sub, &id)?))
        .await?;
    Ok(HttpResponse::Ok().json(reply::many(vec![customer])))
}

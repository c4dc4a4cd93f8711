use super::model::{customer_id, now, owned};
use super::reply;
use super::reply::{IdOnly, Wrapped};
use crate::openapi::{AcceptLanguage, CustomerId};
use crate::schema::customers;
use crate::InvoicingError;
use actix_web::{web, HttpResponse};
use diesel::prelude::*;
use platform_auth::Authenticated;
use platform_db::Db;
use platform_http::docs::LedgerError;
use platform_http::reply::Ledger;

/// Delete a customer
///
/// The customer is marked deleted and kept for invoices that may refer to
/// it; afterwards every call about it answers 404 and lists leave it out.
#[utoipa::path(
    delete,
    path = "/v1/customers/{customer_id}",
    operation_id = "deleteCustomer",
    tag = "customers",
    params(CustomerId, AcceptLanguage),
    responses(
        (status = 200, description = "Deleted; the message is the document's, in English", body = Ledger<Wrapped<IdOnly>>),
        (status = 401, description = "Missing, malformed, expired, revoked or foreign token", body = LedgerError),
        (status = 404, description = "No such customer for this account", body = LedgerError),
    )
)]
pub async fn delete(
    Authenticated(claims): Authenticated,
    path: web::Path<String>,
    db: web::Data<Db>,
) -> Result<HttpResponse, InvoicingError> {
    let id = customer_id(&path)?;
    let target = id.clone();
    db.run(move |conn| {
        let marked = diesel::update(owned(&claims.sub, &target))
            .set(customers::deleted_at.eq(Some(now())))
            .execute(conn)?;
        match marked {
            0 => Err(InvoicingError::NotFound),
            _ => Ok(()),
        }
    })
    .await?;
    Ok(HttpResponse::Ok().json(reply::deleted(id)))
}

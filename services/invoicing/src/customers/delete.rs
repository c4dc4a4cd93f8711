use super::model::{customer_id, now, owned};
use super::reply;
use crate::schema::customers;
use crate::InvoicingError;
use actix_web::{web, HttpResponse};
use diesel::prelude::*;
use platform_auth::Authenticated;
use platform_db::Db;

/// `DELETE /v1/customers/{id}`: marks the customer deleted. The row stays
/// for invoices that may refer to it; reads, updates, deletes and lists no
/// longer see it.
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

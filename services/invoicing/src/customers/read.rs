use super::model::{customer_id, find};
use super::reply;
use crate::InvoicingError;
use actix_web::{web, HttpResponse};
use platform_auth::Authenticated;
use platform_db::Db;

/// `GET /v1/customers/{id}`: as documented, `data` is an array holding the
/// one customer.
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

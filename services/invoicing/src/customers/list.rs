use super::model::Customer;
use super::paging::ListParams;
use super::reply;
use super::reply::Wrapped;
use crate::openapi::{AcceptLanguage, ListQuery};
use crate::schema::customers;
use crate::InvoicingError;
use actix_web::{web, HttpRequest, HttpResponse};
use diesel::prelude::*;
use platform_auth::Authenticated;
use platform_db::{AnyConnection, Db};
use platform_http::docs::LedgerError;
use platform_http::reply::Ledger;
use platform_validate::{ascii_digits, iranian_mobile};

type Backend = <AnyConnection as diesel::Connection>::Backend;

diesel::define_sql_function!(fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text);

/// List the account's customers, newest first
///
/// Filters combine with AND; a parameter sent empty counts as not sent;
/// parameters not listed here are ignored. Customers created in the same
/// second keep the order of creation (newest first). The number of all that
/// match is in `X-Total-Count`.
#[utoipa::path(
    get,
    path = "/v1/customers",
    operation_id = "listCustomers",
    tag = "customers",
    params(ListQuery, AcceptLanguage),
    responses(
        (status = 200, description = "One page of customers", body = Ledger<Vec<Wrapped<Customer>>>,
            headers(("X-Total-Count" = u64, description = "Customers matching the filters, on every page"))),
        (status = 400, description = "A bad list parameter (`errors` names it)", body = LedgerError),
        (status = 401, description = "Missing, malformed, expired, revoked or foreign token", body = LedgerError),
    )
)]
pub async fn list(
    Authenticated(claims): Authenticated,
    req: HttpRequest,
    db: web::Data<Db>,
) -> Result<HttpResponse, InvoicingError> {
    let params = ListParams::parse(req.query_string())?;
    let (total, page) = db
        .run(move |conn| {
            let total: i64 = matching(&claims.sub, &params).count().get_result(conn)?;
            let page = matching(&claims.sub, &params)
                .order((customers::created.desc(), customers::seq.desc()))
                .limit(params.limit)
                .offset(params.start)
                .select(Customer::as_select())
                .load(conn)?;
            Ok::<_, InvoicingError>((total, page))
        })
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header(("X-Total-Count", total.to_string()))
        .json(reply::many(page)))
}

fn matching<'a>(account: &'a str, p: &'a ListParams) -> customers::BoxedQuery<'a, Backend> {
    let mut query = customers::table
        .into_boxed()
        .filter(customers::account_id.eq(account))
        .filter(customers::deleted_at.is_null());
    if let Some(email) = &p.email {
        query = query.filter(lower(customers::email).eq(lower(email)));
    }
    if let Some(mobile) = &p.mobile {
        query = query.filter(customers::mobile.eq(mobile));
    }
    if let Some(company) = &p.company {
        // lower() on both sides: SQLite's LIKE ignores ASCII case, PostgreSQL's does not
        query = query.filter(
            lower(customers::company)
                .like(lower(contains(company)))
                .escape('\\'),
        );
    }
    if let Some(q) = &p.q {
        let text = || lower(contains(q));
        // mobiles are stored as 09XXXXXXXXX: a whole number in any form is
        // normalised first, a part of one has its digits made ASCII
        let digits = contains(&iranian_mobile(q).unwrap_or_else(|| ascii_digits(q)));
        query = query.filter(
            lower(customers::name)
                .like(text())
                .escape('\\')
                .or(lower(customers::company).like(text()).escape('\\'))
                .or(lower(customers::email).like(text()).escape('\\'))
                .or(customers::mobile.like(digits).escape('\\')),
        );
    }
    query
}

/// A LIKE pattern matching `needle` anywhere, its own `%`, `_` and `\`
/// taken literally.
fn contains(needle: &str) -> String {
    let mut pattern = String::with_capacity(needle.len() + 2);
    pattern.push('%');
    for c in needle.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

#[cfg(test)]
mod tests {
    use super::contains;

    #[test]
    fn wildcards_are_literal() {
        assert_eq!(contains("50%_a\\b"), "%50\\%\\_a\\\\b%");
    }
}

use crate::schema::customers;
use crate::InvoicingError;
use diesel::prelude::*;
use platform_db::AnyConnection;
use serde::Serialize;

/// A customer as the document shows it: every field a string (empty when
/// not set), `created` in unix seconds. Field order is the document's.
#[derive(Debug, Clone, Serialize, Queryable, Selectable, utoipa::ToSchema)]
#[diesel(table_name = customers)]
pub struct Customer {
    #[schema(format = Uuid)]
    pub id: String,
    pub name: String,
    pub company: String,
    pub address: String,
    pub postal_code: String,
    pub tel: String,
    pub fax: String,
    pub email: String,
    pub mobile: String,
    pub registration_number: String,
    pub economical_number: String,
    pub created: i64,
}

/// The customer `id` of `account`, unless deleted.
#[diesel::dsl::auto_type]
pub fn owned<'a>(account: &'a str, id: &'a str) -> _ {
    customers::table
        .filter(customers::id.eq(id))
        .filter(customers::account_id.eq(account))
        .filter(customers::deleted_at.is_null())
}

pub fn find(conn: &mut AnyConnection, account: &str, id: &str) -> QueryResult<Customer> {
    owned(account, id).select(Customer::as_select()).first(conn)
}

/// Ids are the 36-character UUID form; any other path segment names no
/// customer. Upper-case hex is read as the same id.
pub fn customer_id(raw: &str) -> Result<String, InvoicingError> {
    match uuid::Uuid::try_parse(raw) {
        Ok(id) if raw.len() == 36 => Ok(id.hyphenated().to_string()),
        _ => Err(InvoicingError::NotFound),
    }
}

pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_hyphenated_uuid_is_an_id() {
        let id = "511f70f9-f270-4370-9d44-32622e65ec33";
        assert_eq!(customer_id(id).unwrap(), id);
        assert_eq!(customer_id(&id.to_uppercase()).unwrap(), id);
        for bad in [
            "511f70f9f27043709d4432622e65ec33",
            "1",
            "",
            "../x",
            &format!("{{{id}}}"),
        ] {
            assert!(customer_id(bad).is_err(), "{bad}");
        }
    }
}

//! The document's success envelopes.

use super::model::Customer;
use platform_http::reply::Ledger;
use serde::Serialize;

#[derive(Serialize, utoipa::ToSchema)]
pub struct Wrapped<T> {
    #[serde(rename = "Customer")]
    customer: T,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct IdOnly {
    id: String,
}

/// `{"data":{"Customer":{...}},"success":true,"status":N}`; create sends
/// 201 and, as documented, so does update.
pub fn one(status: u16, customer: Customer) -> Ledger<Wrapped<Customer>> {
    Ledger::new(status, Wrapped { customer })
}

/// `data` as an array of wrapped customers: the list, and (as documented)
/// the read of one customer.
pub fn many(customers: Vec<Customer>) -> Ledger<Vec<Wrapped<Customer>>> {
    let data = customers
        .into_iter()
        .map(|customer| Wrapped { customer })
        .collect();
    Ledger::new(200, data)
}

/// The document's delete answer; its message is fixed in English.
pub fn deleted(id: String) -> Ledger<Wrapped<IdOnly>> {
    Ledger::new(
        200,
        Wrapped {
            customer: IdOnly { id },
        },
    )
    .with_message("Customer deleted successfully")
}

//! The document's success envelopes.

use super::model::Customer;
use serde::Serialize;

#[derive(Serialize)]
pub struct Envelope<T> {
    data: T,
    success: bool,
    status: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<&'static str>,
}

#[derive(Serialize)]
pub struct Wrapped<T> {
    #[serde(rename = "Customer")]
    customer: T,
}

#[derive(Serialize)]
pub struct IdOnly {
    id: String,
}

/// `{"data":{"Customer":{...}},"success":true,"status":N}`; create sends
/// 201 and, as documented, so does update.
pub fn one(status: u16, customer: Customer) -> Envelope<Wrapped<Customer>> {
    envelope(status, Wrapped { customer }, None)
}

/// `data` as an array of wrapped customers: the list, and (as documented)
/// the read of one customer.
pub fn many(customers: Vec<Customer>) -> Envelope<Vec<Wrapped<Customer>>> {
    let data = customers
        .into_iter()
        .map(|customer| Wrapped { customer })
        .collect();
    envelope(200, data, None)
}

/// The document's delete answer; its message is fixed in English.
pub fn deleted(id: String) -> Envelope<Wrapped<IdOnly>> {
    envelope(
        200,
        Wrapped {
            customer: IdOnly { id },
        },
        Some("Customer deleted successfully"),
    )
}

fn envelope<T>(status: u16, data: T, message: Option<&'static str>) -> Envelope<T> {
    Envelope {
        data,
        success: true,
        status,
        message,
    }
}

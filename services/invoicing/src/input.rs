//! Reading a create or update body: JSON or form-encoded (or multipart),
//! through the kit's reader, into one map of JSON values so every kind
//! goes through the same field checks.

use crate::rules::{FieldErrors, Rule};
use crate::InvoicingError;
use actix_web::HttpRequest;
use platform_http::input::{Fields, Sources, Unreadable};
use platform_service::BaseError;
use serde_json::{Map, Value};

pub fn body_fields(req: &HttpRequest, body: &[u8]) -> Result<Map<String, Value>, InvoicingError> {
    let unreadable = |rule| InvoicingError::Unreadable(FieldErrors::single("body", rule));
    match Fields::read(req, body, Sources::BODY) {
        Ok(fields) => Ok(fields.0),
        Err(Unreadable::UnsupportedMediaType) => Err(BaseError::UnsupportedMediaType.into()),
        Err(Unreadable::Empty) => Err(unreadable(Rule::EmptyBody)),
        Err(Unreadable::NotAnObject) => Err(unreadable(Rule::NotAnObject)),
        Err(Unreadable::MalformedJson) => Err(unreadable(Rule::MalformedJson)),
        Err(
            Unreadable::MalformedForm | Unreadable::MalformedMultipart | Unreadable::MalformedQuery,
        ) => Err(unreadable(Rule::MalformedForm)),
    }
}

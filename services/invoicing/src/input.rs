//! Reading a create or update body: JSON or form-encoded, into one map of
//! JSON values so both go through the same field checks.

use crate::rules::{FieldErrors, Rule};
use crate::InvoicingError;
use actix_web::mime;
use actix_web::{HttpMessage, HttpRequest};
use serde_json::{Map, Value};

pub fn body_fields(req: &HttpRequest, body: &[u8]) -> Result<Map<String, Value>, InvoicingError> {
    let unreadable = |rule| InvoicingError::Unreadable(FieldErrors::single("body", rule));
    let mime = req
        .mime_type()
        .map_err(|_| InvoicingError::UnsupportedMediaType)?;
    let blank = body.iter().all(u8::is_ascii_whitespace);
    let Some(mime) = mime else {
        // no body at all is the clearer complaint than a missing header
        return Err(if blank {
            unreadable(Rule::EmptyBody)
        } else {
            InvoicingError::UnsupportedMediaType
        });
    };
    let is_json = mime.type_() == mime::APPLICATION
        && (mime.subtype() == mime::JSON || mime.suffix() == Some(mime::JSON));
    let is_form = mime.type_() == mime::APPLICATION && mime.subtype() == mime::WWW_FORM_URLENCODED;
    if !is_json && !is_form {
        return Err(InvoicingError::UnsupportedMediaType);
    }
    if blank {
        return Err(unreadable(Rule::EmptyBody));
    }
    if is_json {
        match serde_json::from_slice::<Value>(body) {
            Ok(Value::Object(map)) => Ok(map),
            Ok(_) => Err(unreadable(Rule::NotAnObject)),
            Err(_) => Err(unreadable(Rule::MalformedJson)),
        }
    } else {
        // a repeated key keeps its last value, as PHP-style back ends did
        serde_urlencoded::from_bytes::<Vec<(String, String)>>(body)
            .map(|pairs| {
                pairs
                    .into_iter()
                    .map(|(k, v)| (k, Value::String(v)))
                    .collect()
            })
            .map_err(|_| unreadable(Rule::MalformedForm))
    }
}

//! Request parameters, wherever a client puts them: the bazaar seed lists
//! them as "URL Params" even for POST, Yii apps also post forms, and the
//! panel's apps send JSON, so the query string, a form body and a JSON
//! object body are read alike (body wins). A JSON number or boolean reads
//! as its text, so a `code` sent as a number is the same digits.

use crate::error::IdentityError;
use crate::username::Username;
use actix_web::HttpRequest;
use platform_http::input::{Fields, Sources, Unreadable};
use platform_service::BaseError;
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Param {
    Text(String),
    /// A JSON array or object, or a file, where a single value belongs.
    Structured,
}

pub struct Params(HashMap<String, Param>);

impl Params {
    /// The shared reader (`platform_http::input`), every value as text.
    pub fn read(req: &HttpRequest, body: &[u8]) -> Result<Params, IdentityError> {
        let fields = Fields::read(req, body, Sources::ANYWHERE).map_err(|e| match e {
            Unreadable::UnsupportedMediaType => BaseError::UnsupportedMediaType.into(),
            _ => IdentityError::BadFormat,
        })?;
        let params = fields
            .0
            .keys()
            .map(|name| {
                let param = fields
                    .text(name)
                    .map_or(Param::Structured, |t| Param::Text(t.unwrap_or_default()));
                (name.clone(), param)
            })
            .collect();
        Ok(Params(params))
    }

    pub fn get(&self, name: &str) -> Option<&Param> {
        self.0.get(name)
    }

    /// A parameter the route cannot do without: absent, or an array or
    /// object, is the panel's documented 400.
    pub fn required(&self, name: &str) -> Result<&str, IdentityError> {
        self.optional(name)?.ok_or(IdentityError::BadFormat)
    }

    /// The login routes' `username`: a mobile or an e-mail, else the
    /// seed's 400.
    pub fn username(&self) -> Result<Username, IdentityError> {
        Username::parse(self.required("username")?).ok_or(IdentityError::BadFormat)
    }

    /// A parameter that may be left out; an array or object is a 400.
    pub fn optional(&self, name: &str) -> Result<Option<&str>, IdentityError> {
        match self.0.get(name) {
            None => Ok(None),
            Some(Param::Text(t)) => Ok(Some(t)),
            Some(Param::Structured) => Err(IdentityError::BadFormat),
        }
    }
}

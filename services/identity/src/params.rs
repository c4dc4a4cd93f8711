//! Request parameters, wherever a client puts them: the bazaar seed lists
//! them as "URL Params" even for POST, Yii apps also post forms, and the
//! panel's apps send JSON, so the query string, a form body and a JSON
//! object body are read alike (body wins). A JSON number or boolean reads
//! as its text, so a `code` sent as a number is the same digits.

use crate::error::IdentityError;
use actix_web::http::header;
use actix_web::HttpRequest;
use serde_json::Value;
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Param {
    Text(String),
    /// A JSON array or object where a single value belongs.
    Structured,
}

pub struct Params(HashMap<String, Param>);

impl Params {
    pub fn read(req: &HttpRequest, body: &[u8]) -> Result<Params, IdentityError> {
        let mut map = HashMap::new();
        let query: Vec<(String, String)> =
            serde_urlencoded::from_str(req.query_string()).map_err(|_| IdentityError::BadFormat)?;
        for (k, v) in query {
            map.insert(k, Param::Text(v));
        }
        let content_type = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_ascii_lowercase();
        if body.iter().all(u8::is_ascii_whitespace) {
            return Ok(Params(map));
        }
        if content_type.starts_with("multipart/") {
            // files (an avatar image) belong to a media service; here the
            // avatar is a URL or path
            return Err(platform_service::BaseError::UnsupportedMediaType.into());
        }
        if content_type.starts_with("application/json") {
            let Value::Object(fields) =
                serde_json::from_slice(body).map_err(|_| IdentityError::BadFormat)?
            else {
                return Err(IdentityError::BadFormat);
            };
            for (k, v) in fields {
                let param = match v {
                    Value::String(s) => Param::Text(s),
                    Value::Number(n) => Param::Text(n.to_string()),
                    Value::Bool(b) => Param::Text(if b { "1" } else { "0" }.to_string()),
                    Value::Null => Param::Text(String::new()),
                    Value::Array(_) | Value::Object(_) => Param::Structured,
                };
                map.insert(k, param);
            }
        } else {
            // forms, and bodies sent without a content type
            let fields: Vec<(String, String)> =
                serde_urlencoded::from_bytes(body).map_err(|_| IdentityError::BadFormat)?;
            for (k, v) in fields {
                map.insert(k, Param::Text(v));
            }
        }
        Ok(Params(map))
    }

    pub fn get(&self, name: &str) -> Option<&Param> {
        self.0.get(name)
    }

    /// A parameter the route cannot do without: absent, or an array or
    /// object, is the panel's documented 400.
    pub fn required(&self, name: &str) -> Result<&str, IdentityError> {
        self.optional(name)?.ok_or(IdentityError::BadFormat)
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

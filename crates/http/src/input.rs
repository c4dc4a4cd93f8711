//! Reading a request's parameters into one field map, whatever way the
//! client sent them: a JSON object, a form, a multipart form, or the query
//! string (the bazaar seed lists parameters as "URL Params" even for POST).
//! Each service then reads fields from the map with its own rules; the
//! digit and flag readers here are shared.

use actix_web::http::header;
use actix_web::HttpRequest;
use serde_json::{Map, Value};

/// Where a route takes its parameters from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sources {
    /// Also the query string (the body wins on a name in both).
    pub query: bool,
    /// A body is required: none, or only white space, is [`Unreadable::Empty`],
    /// and a body must say its content type.
    pub body_required: bool,
    /// `multipart/form-data` is taken (else it is an unsupported type).
    pub multipart: bool,
}

impl Sources {
    /// The bazaar and panel apps: query and any body, or none.
    pub const ANYWHERE: Sources = Sources {
        query: true,
        body_required: false,
        multipart: true,
    };
    /// A create or update that must send a typed body (the ledger API).
    pub const BODY: Sources = Sources {
        query: false,
        body_required: true,
        multipart: false,
    };
}

/// Why the parameters could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unreadable {
    /// A content type that is none of JSON, form or multipart (or none at
    /// all where one is required).
    UnsupportedMediaType,
    Empty,
    MalformedJson,
    /// A JSON body that is not an object.
    NotAnObject,
    MalformedForm,
    MalformedMultipart,
    MalformedQuery,
}

/// A field of another type than the reader asked for (an array where
/// text belongs, letters where a number does).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WrongType;

/// The fields of a request. Form, multipart and query values are strings;
/// a JSON body keeps its types. A multipart file part reads as an object
/// (`{"file": name}`), so it is refused wherever a single value belongs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fields(pub Map<String, Value>);

impl Fields {
    pub fn read(req: &HttpRequest, body: &[u8], from: Sources) -> Result<Fields, Unreadable> {
        let mut fields = Map::new();
        if from.query {
            // a repeated key keeps its last value, as PHP-style back ends did
            let pairs: Vec<(String, String)> = serde_urlencoded::from_str(req.query_string())
                .map_err(|_| Unreadable::MalformedQuery)?;
            fields.extend(pairs.into_iter().map(|(k, v)| (k, Value::String(v))));
        }
        let blank = body.iter().all(u8::is_ascii_whitespace);
        let content_type = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok());
        if from.body_required && blank {
            // no body at all is the clearer complaint than a missing header
            return Err(match content_type {
                Some(t) if kind(t).is_none() => Unreadable::UnsupportedMediaType,
                _ => Unreadable::Empty,
            });
        }
        if blank {
            return Ok(Fields(fields));
        }
        let kind = match content_type {
            Some(t) => kind(t).ok_or(Unreadable::UnsupportedMediaType)?,
            None if from.body_required => return Err(Unreadable::UnsupportedMediaType),
            // the bazaar apps' forms, sent without a content type
            None => Kind::Form,
        };
        let body_fields = match kind {
            Kind::Json => match serde_json::from_slice::<Value>(body) {
                Ok(Value::Object(map)) => map,
                Ok(_) => return Err(Unreadable::NotAnObject),
                Err(_) => return Err(Unreadable::MalformedJson),
            },
            Kind::Form => serde_urlencoded::from_bytes::<Vec<(String, String)>>(body)
                .map_err(|_| Unreadable::MalformedForm)?
                .into_iter()
                .map(|(k, v)| (k, Value::String(v)))
                .collect(),
            Kind::Multipart if !from.multipart => return Err(Unreadable::UnsupportedMediaType),
            Kind::Multipart => {
                let boundary = content_type
                    .and_then(boundary)
                    .ok_or(Unreadable::MalformedMultipart)?;
                multipart(body, &boundary).ok_or(Unreadable::MalformedMultipart)?
            }
        };
        fields.extend(body_fields);
        Ok(Fields(fields))
    }

    pub fn get(&self, name: &str) -> Option<&Value> {
        self.0.get(name)
    }

    /// A field as text: strings as sent, numbers and booleans as their
    /// text (`true` as `1`), `null` as empty. `Err(WrongType)` for an array or
    /// object where one value belongs.
    pub fn text(&self, name: &str) -> Result<Option<String>, WrongType> {
        match self.0.get(name) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(Value::Number(n)) => Ok(Some(n.to_string())),
            Some(Value::Bool(b)) => Ok(Some(if *b { "1" } else { "0" }.into())),
            Some(Value::Null) => Ok(Some(String::new())),
            Some(Value::Array(_) | Value::Object(_)) => Err(WrongType),
        }
    }

    /// A whole number sent as a JSON number or as digits in any digit set.
    pub fn integer(&self, name: &str) -> Result<Option<i64>, WrongType> {
        match self.0.get(name) {
            None => Ok(None),
            Some(Value::Number(n)) => n.as_i64().map(Some).ok_or(WrongType),
            Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
            Some(Value::String(s)) => {
                let s = s.trim();
                let (negative, digits) = match s.strip_prefix('-') {
                    Some(rest) => (true, rest),
                    None => (false, s),
                };
                let n = crate::digits::whole_number(digits).and_then(|n| i64::try_from(n).ok());
                n.map(|n| Some(if negative { -n } else { n }))
                    .ok_or(WrongType)
            }
            Some(_) => Err(WrongType),
        }
    }

    /// A flag: `1`, `true`, `on`, `yes` (and JSON `true`) or `0`, `false`,
    /// `off`, `no` (and JSON `false`), as HTML forms and the apps send them.
    pub fn flag(&self, name: &str) -> Result<Option<bool>, WrongType> {
        match self.0.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(Value::Number(n)) => match n.as_i64() {
                Some(1) => Ok(Some(true)),
                Some(0) => Ok(Some(false)),
                _ => Err(WrongType),
            },
            Some(Value::String(s)) => {
                match crate::digits::whole_number(s)
                    .map(|n| n.to_string())
                    .as_deref()
                    .unwrap_or(&s.trim().to_ascii_lowercase())
                {
                    "1" | "true" | "on" | "yes" => Ok(Some(true)),
                    "0" | "false" | "off" | "no" => Ok(Some(false)),
                    "" => Ok(None),
                    _ => Err(WrongType),
                }
            }
            Some(_) => Err(WrongType),
        }
    }
}

enum Kind {
    Json,
    Form,
    Multipart,
}

fn kind(content_type: &str) -> Option<Kind> {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
    {
        Some(Kind::Json)
    } else if essence == "application/x-www-form-urlencoded" {
        Some(Kind::Form)
    } else if essence == "multipart/form-data" {
        Some(Kind::Multipart)
    } else {
        None
    }
}

fn boundary(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (key, value) = param.split_once('=')?;
        // the boundary is case-sensitive; the parameter's name is not
        key.trim()
            .eq_ignore_ascii_case("boundary")
            .then(|| value.trim().trim_matches('"').to_string())
    })
}

/// A buffered `multipart/form-data` body (RFC 7578): text parts as strings,
/// file parts as `{"file": name}`. `None` when it is not well-formed.
fn multipart(body: &[u8], boundary: &str) -> Option<Map<String, Value>> {
    let delimiter = format!("--{boundary}");
    let mut fields = Map::new();
    let mut rest = after(body, delimiter.as_bytes())?;
    loop {
        if rest.starts_with(b"--") {
            return Some(fields); // the closing delimiter
        }
        rest = rest.strip_prefix(b"\r\n")?;
        let head_end = find(rest, b"\r\n\r\n")?;
        let head = std::str::from_utf8(&rest[..head_end]).ok()?;
        let content = &rest[head_end + 4..];
        let next = find(content, format!("\r\n{delimiter}").as_bytes())?;
        let value = &content[..next];
        rest = &content[next + 2 + delimiter.len()..];
        let disposition = head
            .lines()
            .find(|l| l.to_ascii_lowercase().starts_with("content-disposition:"))?;
        let param = |name: &str| {
            disposition.split(';').find_map(|p| {
                let (k, v) = p.split_once('=')?;
                (k.trim() == name).then(|| v.trim().trim_matches('"').to_string())
            })
        };
        let name = param("name")?;
        let value = match param("filename") {
            Some(file) => serde_json::json!({ "file": file }),
            None => Value::String(String::from_utf8(value.to_vec()).ok()?),
        };
        fields.insert(name, value);
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn after<'a>(haystack: &'a [u8], needle: &[u8]) -> Option<&'a [u8]> {
    find(haystack, needle).map(|i| &haystack[i + needle.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;
    use serde_json::json;

    fn read(
        content_type: Option<&str>,
        query: &str,
        body: &str,
        from: Sources,
    ) -> Result<Fields, Unreadable> {
        let mut req = TestRequest::post().uri(&format!("/x?{query}"));
        if let Some(t) = content_type {
            req = req.insert_header(("content-type", t));
        }
        Fields::read(&req.to_http_request(), body.as_bytes(), from)
    }

    #[test]
    fn json_form_multipart_and_query_read_alike() {
        let json = read(
            Some("application/json"),
            "a=q&b=q",
            r#"{"a":"j","n":5}"#,
            Sources::ANYWHERE,
        )
        .unwrap();
        assert_eq!(
            json.0,
            json!({"a": "j", "b": "q", "n": 5})
                .as_object()
                .unwrap()
                .clone()
        );
        let form = read(None, "", "a=1&b=%D8%A7", Sources::ANYWHERE).unwrap();
        assert_eq!(form.text("b"), Ok(Some("ا".into())));
        let body = "--XX\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nMohsen\r\n--XX\r\nContent-Disposition: form-data; name=\"avatar\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n\u{1}\u{2}\r\n--XX--\r\n";
        let parts = read(
            Some("multipart/form-data; boundary=XX"),
            "",
            body,
            Sources::ANYWHERE,
        )
        .unwrap();
        assert_eq!(parts.text("name"), Ok(Some("Mohsen".into())));
        assert_eq!(
            parts.text("avatar"),
            Err(WrongType),
            "a file is no single value"
        );
        assert_eq!(
            read(
                Some("multipart/form-data; boundary=XX"),
                "",
                "--XX\r\nbroken",
                Sources::ANYWHERE
            ),
            Err(Unreadable::MalformedMultipart)
        );
    }

    #[test]
    fn a_required_body_must_be_there_and_typed() {
        assert_eq!(read(None, "", "", Sources::BODY), Err(Unreadable::Empty));
        assert_eq!(
            read(None, "", "a=1", Sources::BODY),
            Err(Unreadable::UnsupportedMediaType)
        );
        assert_eq!(
            read(Some("text/plain"), "", "a", Sources::BODY),
            Err(Unreadable::UnsupportedMediaType)
        );
        assert_eq!(
            read(Some("application/json"), "", "[1]", Sources::BODY),
            Err(Unreadable::NotAnObject)
        );
        assert_eq!(
            read(Some("application/json"), "", "{", Sources::BODY),
            Err(Unreadable::MalformedJson)
        );
        assert!(read(Some("application/vnd.api+json"), "", "{}", Sources::BODY).is_ok());
        assert_eq!(
            read(None, "q=1", "", Sources::BODY).map(|f| f.0.len()),
            Err(Unreadable::Empty)
        );
    }

    #[test]
    fn typed_readers_take_what_people_type() {
        let f = read(
            Some("application/json"),
            "",
            r#"{"a":"۱۲","b":"-3","c":4,"d":"x","on":"on","off":"0","t":true,"bad":"maybe"}"#,
            Sources::BODY,
        )
        .unwrap();
        assert_eq!(f.integer("a"), Ok(Some(12)));
        assert_eq!(f.integer("b"), Ok(Some(-3)));
        assert_eq!(f.integer("c"), Ok(Some(4)));
        assert_eq!(f.integer("d"), Err(WrongType));
        assert_eq!(f.integer("missing"), Ok(None));
        assert_eq!(f.flag("on"), Ok(Some(true)));
        assert_eq!(f.flag("off"), Ok(Some(false)));
        assert_eq!(f.flag("t"), Ok(Some(true)));
        assert_eq!(f.flag("bad"), Err(WrongType));
    }
}

//! The Postman collection of the whole platform, made from the generated
//! OpenAPI documents (`proto-docs/platform.postman_collection.json`, written
//! by `cargo run -p stack --bin openapi` and checked for drift like them).
//! One folder per service, one request per operation, through the
//! gateway at `{{baseUrl}}` with the bearer token `{{token}}`.

use serde_json::{json, Map, Value};

const METHODS: [&str; 7] = ["get", "post", "put", "patch", "delete", "head", "options"];

/// The collection for `documents` (`(service, OpenAPI YAML)`), as JSON text.
pub fn collection(documents: &[(&str, String)]) -> Result<String, String> {
    let mut folders = Vec::new();
    for (service, yaml) in documents {
        let doc: Value = serde_norway::from_str(yaml).map_err(|e| format!("{service}: {e}"))?;
        folders.push(folder(service, &doc));
    }
    let collection = json!({
        "info": {
            "name": "Platform API",
            "description": "Every service's public API through the gateway, generated from proto-docs/*.yaml. Set `baseUrl` to the gateway and `token` to an access token.",
            "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json",
        },
        "variable": [
            {"key": "baseUrl", "value": "http://127.0.0.1:8080"},
            {"key": "token", "value": ""},
        ],
        "item": folders,
    });
    serde_json::to_string_pretty(&collection)
        .map(|mut text| {
            text.push('\n');
            text
        })
        .map_err(|e| e.to_string())
}

fn folder(service: &str, doc: &Value) -> Value {
    let default_security = doc.get("security");
    let mut items = Vec::new();
    if let Some(Value::Object(paths)) = doc.get("paths") {
        for (path, ops) in paths {
            for method in METHODS {
                if let Some(op) = ops.get(method) {
                    items.push(request(path, method, op, default_security));
                }
            }
        }
    }
    json!({
        "name": service,
        "description": doc.pointer("/info/title").cloned().unwrap_or(Value::Null),
        "item": items,
    })
}

fn request(path: &str, method: &str, op: &Value, default_security: Option<&Value>) -> Value {
    let params = op
        .get("parameters")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let of = |place: &str| {
        params
            .iter()
            .filter(|p| p.get("in").and_then(Value::as_str) == Some(place))
            .map(|p| {
                let mut item = Map::new();
                item.insert("key".into(), p.get("name").cloned().unwrap_or(Value::Null));
                item.insert("value".into(), Value::String(String::new()));
                if let Some(d) = p.get("description") {
                    item.insert("description".into(), d.clone());
                }
                if p.get("required").and_then(Value::as_bool) != Some(true) {
                    item.insert("disabled".into(), Value::Bool(true));
                }
                Value::Object(item)
            })
            .collect::<Vec<_>>()
    };
    // `{id}` is Postman's `:id`
    let segments: Vec<String> = path
        .trim_start_matches('/')
        .split('/')
        .map(
            |s| match s.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                Some(name) => format!(":{name}"),
                None => s.to_string(),
            },
        )
        .collect();
    let mut url = json!({
        "raw": format!("{{{{baseUrl}}}}/{}", segments.join("/")),
        "host": ["{{baseUrl}}"],
        "path": segments,
    });
    let query = of("query");
    if !query.is_empty() {
        url["query"] = Value::Array(query);
    }
    let variables = of("path");
    if !variables.is_empty() {
        url["variable"] = Value::Array(variables);
    }
    let mut headers = of("header");
    let mut req = json!({
        "method": method.to_ascii_uppercase(),
        "url": url,
        "description": op.get("description").cloned().unwrap_or(Value::Null),
    });
    let security = op.get("security").or(default_security);
    let bearer = security
        .and_then(Value::as_array)
        .is_some_and(|list| list.iter().any(|s| s.get("bearer").is_some()));
    req["auth"] = if bearer {
        json!({"type": "bearer", "bearer": [{"key": "token", "value": "{{token}}", "type": "string"}]})
    } else {
        json!({"type": "noauth"})
    };
    if let Some(Value::Object(content)) = op.pointer("/requestBody/content") {
        if let Some(kind) = content.keys().next() {
            headers.push(json!({"key": "Content-Type", "value": kind}));
            req["body"] = if kind.contains("json") {
                json!({"mode": "raw", "raw": "{}", "options": {"raw": {"language": "json"}}})
            } else {
                json!({"mode": "urlencoded", "urlencoded": []})
            };
        }
    }
    req["header"] = Value::Array(headers);
    let name = op
        .get("summary")
        .or_else(|| op.get("operationId"))
        .cloned()
        .unwrap_or_else(|| Value::String(format!("{} {path}", method.to_ascii_uppercase())));
    json!({"name": name, "request": req})
}

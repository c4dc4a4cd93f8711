//! `/docs`: every service's API documentation for consumers. Swagger UI
//! (vendored in `docs-ui/`, version in its README) over the generated
//! OpenAPI documents of `proto-docs/`, which `build.rs` embeds; each
//! document also at `/docs/<service>.yaml`, and the Postman collection at
//! `/docs/platform.postman_collection.json`.

use actix_web::http::header::{self, CacheControl, CacheDirective, ContentType};
use actix_web::{web, HttpResponse};

include!(concat!(env!("OUT_DIR"), "/documents.rs"));

const BUNDLE: &str = include_str!("../docs-ui/swagger-ui-bundle.js");
const PRESET: &str = include_str!("../docs-ui/swagger-ui-standalone-preset.js");
const CSS: &str = include_str!("../docs-ui/swagger-ui.css");

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/docs", web::get().to(index))
        .route("/docs/", web::get().to(index))
        .route("/docs/{file}", web::get().to(file));
}

/// The services' documents, by name (`identity` for `identity.yaml`).
fn services() -> impl Iterator<Item = (&'static str, &'static str)> {
    DOCUMENTS
        .iter()
        .filter_map(|(file, text)| Some((file.strip_suffix(".yaml")?, *text)))
}

/// Swagger UI with a picker of every service's document.
async fn index() -> HttpResponse {
    let urls: Vec<String> = services()
        .map(|(name, _)| format!("{{url: \"/docs/{name}.yaml\", name: \"{name}\"}}"))
        .collect();
    let html = format!(
        r##"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Platform API</title>
<link rel="stylesheet" href="/docs/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script src="/docs/swagger-ui-standalone-preset.js"></script>
<script>
window.ui = SwaggerUIBundle({{
  urls: [{}],
  dom_id: "#swagger-ui",
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: "StandaloneLayout"
}});
</script>
</body>
</html>
"##,
        urls.join(", ")
    );
    HttpResponse::Ok()
        .content_type(ContentType::html())
        .body(html)
}

async fn file(name: web::Path<String>) -> HttpResponse {
    let name = name.into_inner();
    let asset = |content_type: &str, body: &'static str| {
        HttpResponse::Ok()
            .insert_header((header::CONTENT_TYPE, content_type.to_string()))
            .insert_header(CacheControl(vec![
                CacheDirective::Public,
                CacheDirective::MaxAge(86_400),
            ]))
            .body(body)
    };
    match name.as_str() {
        "swagger-ui-bundle.js" => asset("text/javascript; charset=utf-8", BUNDLE),
        "swagger-ui-standalone-preset.js" => asset("text/javascript; charset=utf-8", PRESET),
        "swagger-ui.css" => asset("text/css; charset=utf-8", CSS),
        _ => match DOCUMENTS.iter().find(|(file, _)| *file == name) {
            Some((file, text)) if file.ends_with(".json") => asset("application/json", text),
            Some((_, text)) => asset("application/yaml; charset=utf-8", text),
            None => HttpResponse::NotFound()
                .content_type(ContentType::json())
                .body(r#"{"status":404,"message":"Not found"}"#),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_generated_document_is_embedded() {
        let names: Vec<&str> = services().map(|(n, _)| n).collect();
        for name in ["identity", "invoicing", "smm", "buildings"] {
            assert!(names.contains(&name), "{name} missing from {names:?}");
        }
        assert!(services().all(|(_, text)| text.starts_with("openapi:")));
    }
}

use actix_web::http::StatusCode;
use actix_web::HttpResponse;
use serde_json::{json, Value};

/// The wire dialects of the apps this platform serves (ARCHITECTURE.md,
/// "Wire formats"). Errors always go through [`Dialect::error`] so that every
/// error body of a route has its app's shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Dialect {
    /// `{"status":4xx,"message":"..."}`: identity's /api/v1, smm /api/v1.
    Panel,
    /// `{"status":"error","message":"...","data":...}`: social, chat, /web.
    Bazaar,
    /// `{"success":false,"status":4xx,"message":"...","errors":{...}}`: invoicing.
    Ledger,
    /// `{"status":4xx,"message":...}`: buildings.
    Building,
    /// HTTP 200 with `{"error":"..."}`: the SMM reseller API v2.
    Reseller,
}

impl Dialect {
    /// The error body of this dialect. `details` carries per-field messages
    /// where the dialect has a place for them.
    pub fn error_body(self, status: StatusCode, message: &str, details: Option<Value>) -> Value {
        let code = status.as_u16();
        match self {
            Dialect::Panel | Dialect::Building => match details {
                Some(errors) => json!({"status": code, "message": message, "errors": errors}),
                None => json!({"status": code, "message": message}),
            },
            // seed 000's error bodies carry `"data": ""` when there is
            // nothing to list
            Dialect::Bazaar => json!({
                "status": "error",
                "message": message,
                "data": details.unwrap_or_else(|| json!("")),
            }),
            Dialect::Ledger => json!({
                "success": false,
                "status": code,
                "message": message,
                "errors": details.unwrap_or_else(|| json!({})),
            }),
            Dialect::Reseller => json!({"error": message}),
        }
    }

    /// The status line this dialect sends for `status`: the truth, except for
    /// the reseller API whose clients need 200.
    pub fn status_line(self, status: StatusCode) -> StatusCode {
        match self {
            Dialect::Reseller => StatusCode::OK,
            _ => status,
        }
    }

    pub fn error(self, status: StatusCode, message: &str, details: Option<Value>) -> HttpResponse {
        HttpResponse::build(self.status_line(status))
            .json(self.error_body(status, message, details))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_dialect_has_its_shape() {
        let s = StatusCode::UNPROCESSABLE_ENTITY;
        assert_eq!(
            Dialect::Panel.error_body(s, "m", None),
            json!({"status": 422, "message": "m"})
        );
        assert_eq!(
            Dialect::Bazaar.error_body(s, "m", Some(json!(["a"]))),
            json!({"status": "error", "message": "m", "data": ["a"]})
        );
        assert_eq!(
            Dialect::Bazaar.error_body(StatusCode::UNAUTHORIZED, "not login", None),
            json!({"status": "error", "message": "not login", "data": ""})
        );
        assert_eq!(
            Dialect::Ledger.error_body(s, "m", None),
            json!({"success": false, "status": 422, "message": "m", "errors": {}})
        );
        assert_eq!(
            Dialect::Reseller.error_body(s, "m", None),
            json!({"error": "m"})
        );
        assert_eq!(Dialect::Reseller.status_line(s), StatusCode::OK);
        assert_eq!(Dialect::Building.status_line(s), s);
    }
}

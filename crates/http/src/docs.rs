//! What the OpenAPI documents say of every dialect's error body: the shapes
//! `Dialect::error_body` writes, as schemas (`utoipa`).

use std::collections::BTreeMap;
use utoipa::openapi::schema::{Object, ObjectBuilder, OneOfBuilder, Schema, SchemaType, Type};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, ToSchema};

/// The ledger dialect's error (invoicing): `errors` maps each refused
/// field to all of its messages, `{}` when no field is at fault.
#[derive(ToSchema)]
#[schema(as = LedgerError)]
pub struct LedgerError {
    /// Always `false`.
    pub success: bool,
    /// The status line's number.
    pub status: u16,
    pub message: String,
    pub errors: BTreeMap<String, Vec<String>>,
}

/// The panel dialect's error (identity's `/api/v1`, smm): `errors` where
/// fields are at fault.
#[derive(ToSchema)]
#[schema(as = PanelError)]
pub struct PanelError {
    /// The status line's number.
    pub status: u16,
    pub message: String,
    #[schema(nullable = false)]
    pub errors: Option<BTreeMap<String, Vec<String>>>,
}

/// The bazaar dialect's error (seed 000): `data` is `""`, or the list of
/// messages of a failed validation.
#[derive(ToSchema)]
#[schema(as = BazaarError)]
pub struct BazaarError {
    /// Always `error`.
    #[schema(example = "error")]
    pub status: String,
    pub message: String,
    #[schema(schema_with = any_value)]
    pub data: serde_json::Value,
}

/// Any JSON value.
pub fn any_value() -> Object {
    ObjectBuilder::new()
        .schema_type(SchemaType::AnyValue)
        .build()
}

/// Always `null`.
pub fn always_null() -> Object {
    ObjectBuilder::new().schema_type(Type::Null).build()
}

/// A parameter read as text (`platform_http::input::Fields::text`): a
/// string within `min..=max` characters, or a number or boolean, which read
/// as their text.
pub fn text_param(min: usize, max: usize) -> Schema {
    OneOfBuilder::new()
        .item(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .min_length(Some(min))
                .max_length(Some(max)),
        )
        .item(ObjectBuilder::new().schema_type(Type::Number))
        .item(ObjectBuilder::new().schema_type(Type::Boolean))
        .build()
        .into()
}

/// The two ways an app sends its token, as security schemes: `bearer`
/// (`Authorization: Bearer`) and `query` (the app's query parameter, which
/// the gateway moves into the header). `modifiers(&TokenSecurity { .. })`.
pub struct TokenSecurity {
    /// The scheme's name in the document (`token`, `accessToken`).
    pub scheme: &'static str,
    /// The query parameter (`token`, `access_token`).
    pub parameter: &'static str,
}

/// The apps' `token` query parameter, or `Authorization: Bearer`: how
/// identity, social, smm and chat document their tokens.
pub const APP_TOKEN: TokenSecurity = TokenSecurity {
    scheme: "token",
    parameter: "token",
};

/// A service's document as YAML: what `/docs` serves, `proto-docs/` holds
/// and each service's drift test compares.
pub fn yaml<D: utoipa::OpenApi>() -> String {
    D::openapi()
        .to_yaml()
        .unwrap_or_else(|e| format!("# the document could not be written: {e}\n"))
}

impl Modify for TokenSecurity {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
        components.add_security_scheme(
            self.scheme,
            SecurityScheme::ApiKey(ApiKey::Query(ApiKeyValue::with_description(
                self.parameter,
                "the app's form; the gateway moves it into the Authorization header",
            ))),
        );
    }
}

//! The public API as the code describes it: `proto-docs/invoicing.yaml` is
//! [`document`]'s output (`cargo run -p stack --bin openapi` writes it; a
//! test fails when the file differs).

use crate::customers;
use platform_http::docs::TokenSecurity;
use utoipa::openapi::schema::{Object, ObjectBuilder, OneOfBuilder, Schema, SchemaType, Type};
use utoipa::{OpenApi, ToSchema};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Invoicing — customers API",
        version = "1",
        description = include_str!("openapi.md")
    ),
    servers((url = "http://127.0.0.1:8080", description = "the gateway of the embedded stack")),
    paths(
        customers::create::create,
        customers::list::list,
        customers::read::read,
        customers::update::update,
        customers::delete::delete
    ),
    components(schemas(CustomerInput, platform_http::docs::LedgerError)),
    modifiers(&SECURITY),
    security(("bearer" = []), ("accessToken" = [])),
    tags((name = "customers", description = "The customers of the calling account"))
)]
pub struct ApiDoc;

/// `Authorization: Bearer`, or the app's own query parameter.
const SECURITY: TokenSecurity = TokenSecurity {
    scheme: "accessToken",
    parameter: "access_token",
};

/// The document, as YAML.
pub fn document() -> String {
    platform_http::docs::yaml::<ApiDoc>()
}

/// A customer as sent to create or update it. Every field is optional on
/// update; on create, `email` or `mobile` is required (422 otherwise).
/// `""` or `null` means not set (on update: clear it); surrounding spaces
/// are trimmed; text refuses control characters (the address keeps line
/// breaks). The digit fields and `mobile` also take a non-negative whole
/// JSON number (leading zeros are lost). A form body
/// (`application/x-www-form-urlencoded`) with the same names is read alike.
#[derive(ToSchema)]
#[expect(dead_code, reason = "a schema only: the fields are read from a map")]
pub struct CustomerInput {
    /// At most 255 characters.
    #[schema(schema_with = one_line)]
    name: Option<String>,
    /// At most 255 characters.
    #[schema(schema_with = one_line)]
    company: Option<String>,
    /// At most 1000 characters; line breaks and tabs are kept.
    #[schema(schema_with = lines)]
    address: Option<String>,
    /// Exactly 10 digits.
    #[schema(schema_with = digits)]
    postal_code: Option<String>,
    /// 4 to 15 digits.
    #[schema(schema_with = digits)]
    tel: Option<String>,
    /// 4 to 15 digits.
    #[schema(schema_with = digits)]
    fax: Option<String>,
    /// An e-mail address, at most 254 characters.
    #[schema(nullable)]
    email: Option<String>,
    /// An Iranian mobile in any common form (`09…`, `9…`, `98…`, `+98…`,
    /// `0098…`, Persian digits, spaces or dashes between digits).
    #[schema(schema_with = digits)]
    mobile: Option<String>,
    /// 1 to 20 digits.
    #[schema(schema_with = digits)]
    registration_number: Option<String>,
    /// 1 to 20 digits.
    #[schema(schema_with = digits)]
    economical_number: Option<String>,
}

/// Text on one line: no control character at all.
fn one_line() -> Object {
    text(r"^[^\u0000-\u001F\u007F-\u009F]*$")
}

/// Text that may have line breaks and tabs, and no other control character.
fn lines() -> Object {
    text(r"^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]*$")
}

fn text(pattern: &str) -> Object {
    ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
        .pattern(Some(pattern))
        .build()
}

/// Digits as text (any digit set, spaces around), a whole JSON number, or
/// `null`; the field's own length is checked by the service (422).
fn digits() -> Schema {
    OneOfBuilder::new()
        .item(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .pattern(Some(r"^\s*[0-9۰-۹٠-٩+ -]*\s*$")),
        )
        .item(
            ObjectBuilder::new()
                .schema_type(Type::Integer)
                .minimum(Some(0)),
        )
        .item(ObjectBuilder::new().schema_type(Type::Null))
        .build()
        .into()
}

/// `Accept-Language`: `en` first for English messages; Persian otherwise.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Header)]
#[expect(dead_code, reason = "a parameter's description only")]
pub struct AcceptLanguage {
    /// `en` first for English messages; Persian otherwise.
    #[param(rename = "Accept-Language")]
    accept_language: Option<String>,
}

/// The customer in the path.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
#[expect(dead_code, reason = "a parameter's description only")]
pub struct CustomerId {
    /// The 36-character UUID of the customer.
    #[param(format = Uuid, min_length = 36, max_length = 36)]
    customer_id: String,
}

/// The list's filters and paging.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[expect(
    dead_code,
    reason = "the parameters' descriptions only; paging.rs reads them"
)]
pub struct ListQuery {
    /// Exact e-mail address, compared without regard to case.
    email: Option<String>,
    /// Exact mobile number after normalisation (`+989121234567`,
    /// `9121234567` and `09121234567` find the same customer). A value that
    /// is no mobile number matches nothing.
    mobile: Option<String>,
    /// Contained in the company name, without regard to case; `%` and `_`
    /// are literal.
    company: Option<String>,
    /// An addition to the document: contained in the name, company, e-mail
    /// or mobile, without regard to case.
    q: Option<String>,
    /// Customers per answer; above 100 is a 400.
    #[param(minimum = 1, maximum = 100, default = 10)]
    limit: Option<u32>,
    /// Customers skipped.
    #[param(minimum = 0, default = 0)]
    offset: Option<u64>,
    /// Page `n` starts at `(n-1)*limit`; with `offset` as well, it starts at
    /// `offset + (n-1)*limit`.
    #[param(minimum = 1, default = 1)]
    page: Option<u64>,
}

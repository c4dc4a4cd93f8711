//! The public API as the code describes it: `proto-docs/buildings.yaml` is
//! [`document`]'s output (`cargo run -p stack --bin openapi` writes it; a
//! test fails when the file differs).

use crate::contacts::keyed::Contact;
use crate::{admin, contacts, me, update};
use std::borrow::Cow;
use utoipa::openapi::schema::{AdditionalProperties, ObjectBuilder, OneOfBuilder, Schema, Type};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::RefOr;
use utoipa::{Modify, OpenApi, PartialSchema, ToSchema};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Buildings — building communities API",
        version = "1",
        description = include_str!("openapi.md")
    ),
    servers((url = "http://127.0.0.1:8080", description = "the gateway of the embedded stack")),
    paths(
        update::update,
        contacts::list::list,
        contacts::delete::delete,
        me::me,
        admin::create_building::create_building,
        admin::create_block::create_block,
        admin::create_apartment::create_apartment,
        admin::add_resident::add_resident,
        admin::remove_resident::remove_resident
    ),
    components(schemas(UpdateInput, BuildingError, KeyedContacts, KeyedRefusal, Contact)),
    modifiers(&Bearer),
    security(("bearer" = [])),
    tags(
        (name = "dispatcher", description = "The app's `Update` endpoint (seed 004)"),
        (name = "contacts", description = "The caller's secondary contacts as plain REST"),
        (name = "community", description = "Where the caller lives"),
        (name = "admin", description = "Buildings, blocks and apartments (operators) and residents (operators and the building's manager)"),
    )
)]
pub struct ApiDoc;

/// The document, as YAML.
pub fn document() -> String {
    platform_http::docs::yaml::<ApiDoc>()
}

/// `Authorization: Bearer`, the only way the building app sends its token.
struct Bearer;

impl Modify for Bearer {
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
    }
}

/// The building dialect's success: `{"status":N,"data":T}`, N on the
/// status line too.
#[derive(ToSchema)]
#[expect(
    dead_code,
    reason = "a schema only: platform_http::reply::Building is sent"
)]
pub struct Answer<T> {
    /// The status line's number.
    status: u16,
    data: T,
}

/// The building dialect's error: `errors` maps each refused field to its
/// messages, where fields are at fault.
#[derive(ToSchema)]
#[expect(dead_code, reason = "a schema only: Dialect::Building writes it")]
pub struct BuildingError {
    /// The status line's number.
    status: u16,
    message: String,
    #[schema(nullable = false)]
    errors: Option<std::collections::BTreeMap<String, Vec<String>>>,
}

/// The caller's secondary contacts, keyed `"1"`, `"2"`, … in order:
/// e-mails first, then phone numbers, each oldest first. Ids are strings;
/// e-mails and phone numbers are numbered apart. `error` only in the
/// refusal of an AddContact with both contacts.
pub struct KeyedContacts;

impl PartialSchema for KeyedContacts {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .property(
                "error",
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .examples([serde_json::json!("No Data Inserted.")]),
            )
            .additional_properties(Some(AdditionalProperties::RefOr(Contact::schema())))
            .build()
            .into()
    }
}

impl ToSchema for KeyedContacts {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("KeyedContacts")
    }

    fn schemas(schemas: &mut Vec<(String, RefOr<Schema>)>) {
        schemas.push((Contact::name().into(), Contact::schema()));
    }
}

/// A refusal in the building dialect: `message` is text, or (AddContact
/// with both contacts) the caller's contacts with `"error": "No Data
/// Inserted."`.
#[derive(ToSchema)]
#[expect(dead_code, reason = "a schema only")]
pub struct KeyedRefusal {
    /// The status line's number.
    status: u16,
    #[schema(schema_with = text_or_contacts)]
    message: serde_json::Value,
    #[schema(nullable = false)]
    errors: Option<std::collections::BTreeMap<String, Vec<String>>>,
}

fn text_or_contacts() -> Schema {
    OneOfBuilder::new()
        .item(ObjectBuilder::new().schema_type(Type::String))
        .item(KeyedContacts::schema())
        .build()
        .into()
}

/// The dispatcher's fields. Empty values (`""`, `null`) count as not
/// sent. Numbers may be JSON numbers or digits in any digit set.
#[derive(ToSchema)]
#[expect(dead_code, reason = "a schema only: the fields are read from a map")]
pub struct UpdateInput {
    /// `AddContact`, `GetContacts` or `DeleteContact`; anything else is a
    /// 404.
    #[schema(example = "AddContact")]
    api: String,
    /// AddContact, DeleteContact: an Iranian mobile or landline, in any
    /// common form (`0…`, `+98…`, `0098…`, Persian or Arabic-Indic digits,
    /// spaces and dashes between digits); a JSON number has its leading
    /// zero restored.
    #[schema(schema_with = phone_number, rename = "phoneNumber")]
    phone_number: Option<String>,
    /// AddContact, DeleteContact: an e-mail address, at most 254
    /// characters.
    #[schema(nullable)]
    email: Option<String>,
    /// Every call: the device longitude, a decimal within ±180, logged.
    #[schema(schema_with = coordinate)]
    longitude: Option<String>,
    /// Every call: the device latitude, a decimal within ±90, logged.
    #[schema(schema_with = coordinate)]
    latitude: Option<String>,
    /// AddContact (required): the caller's block.
    #[schema(schema_with = row_id, rename = "blockId")]
    block_id: Option<String>,
    /// AddContact (required): the caller's apartment in that block.
    #[schema(schema_with = row_id, rename = "apartmentId")]
    apartment_id: Option<String>,
}

fn phone_number() -> Schema {
    OneOfBuilder::new()
        .item(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .max_length(Some(32)),
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

fn coordinate() -> Schema {
    OneOfBuilder::new()
        .item(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .pattern(Some(r"^\s*[+-]?[0-9]*\.?[0-9]*\s*$")),
        )
        .item(ObjectBuilder::new().schema_type(Type::Number))
        .item(ObjectBuilder::new().schema_type(Type::Null))
        .build()
        .into()
}

fn row_id() -> Schema {
    OneOfBuilder::new()
        .item(
            ObjectBuilder::new()
                .schema_type(Type::Integer)
                .minimum(Some(1)),
        )
        .item(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .pattern(Some(r"^\s*[0-9۰-۹٠-٩]+\s*$")),
        )
        .build()
        .into()
}

/// The device location, logged with the call.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[expect(dead_code, reason = "the parameters' descriptions only")]
pub struct LocationQuery {
    /// A decimal within ±180.
    longitude: Option<String>,
    /// A decimal within ±90.
    latitude: Option<String>,
}

/// The contact to delete (exactly one), and the device location.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[expect(dead_code, reason = "the parameters' descriptions only")]
pub struct DeleteQuery {
    /// The phone number, in any form AddContact takes.
    #[param(rename = "phoneNumber")]
    phone_number: Option<String>,
    /// The e-mail address, in any letter case.
    email: Option<String>,
    /// A decimal within ±180.
    longitude: Option<String>,
    /// A decimal within ±90.
    latitude: Option<String>,
}

/// A building.
#[derive(ToSchema)]
#[expect(dead_code, reason = "a schema only")]
pub struct BuildingInput {
    /// 1 to 255 characters.
    name: String,
    /// At most 1000 characters.
    address: Option<String>,
}

/// A block of a building.
#[derive(ToSchema)]
#[expect(dead_code, reason = "a schema only")]
pub struct BlockInput {
    /// 1 to 255 characters, unique in the building.
    name: String,
}

/// An apartment of a block.
#[derive(ToSchema)]
#[expect(dead_code, reason = "a schema only")]
pub struct ApartmentInput {
    /// 1 to 20 characters (`12`, `3B`), unique in the block.
    number: String,
}

/// A resident of an apartment.
#[derive(ToSchema)]
#[expect(dead_code, reason = "a schema only")]
pub struct ResidentInput {
    /// The user's id at identity (the `sub` of the user's tokens); text or
    /// a whole number, at most 64 characters.
    user_id: String,
    /// `owner`, `tenant` or `manager`; a manager adds and removes the
    /// building's residents.
    #[schema(example = "owner")]
    role: String,
}

//! The public API as the code describes it: `proto-docs/identity.yaml` is
//! [`document`]'s output (`cargo run -p stack --bin openapi` writes it; a
//! test fails when the file differs). Bodies are read as JSON or forms alike
//! (`params.rs`), where a number or boolean reads as its text; the request
//! schemas say so.

use crate::{jwks, login, user, web};
use platform_http::docs::{text_param, BazaarError, PanelError, APP_TOKEN};
use utoipa::{IntoParams, OpenApi, ToSchema};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Identity — login, tokens, profiles",
        version = "1",
        description = include_str!("openapi.md")
    ),
    servers((url = "http://127.0.0.1:8080", description = "the gateway (embedded stack)")),
    paths(
        login::send::send,
        login::verify::verify,
        login::password::login,
        login::logout::logout,
        user::read::read,
        user::update::update,
        user::change::confirm_mobile,
        user::change::confirm_email,
        web::edit::edit,
        web::change_password::change_password,
        web::confirm_email::confirm_email,
        web::account::register::register,
        web::account::check_activation_code::check_activation_code,
        web::account::new_activation_code::new_activation_code,
        web::account::login::login,
        web::account::is_login::is_login,
        web::account::new_token::new_token,
        web::account::forget::forget,
        web::account::reset_password::reset_password,
        jwks::serve
    ),
    components(schemas(PanelError, BazaarError)),
    modifiers(&APP_TOKEN),
    tags(
        (name = "login", description = "Codes by SMS, tokens, logout"),
        (name = "profile", description = "The SMM panel's profile (panel dialect)"),
        (name = "bazaar", description = "The bazaar app's profile (bazaar dialect)"),
        (name = "bazaar account", description = "The marketplace app's sign-up, password login and tokens (bazaar dialect)"),
        (name = "keys", description = "The keys that sign tokens")
    )
)]
pub struct ApiDoc;

/// The document, as YAML.
pub fn document() -> String {
    platform_http::docs::yaml::<ApiDoc>()
}

/// `POST /api/v1/login`.
#[derive(ToSchema)]
#[expect(dead_code, reason = "a schema only: bodies are read from a map")]
pub struct LoginBody {
    /// A mobile (`09XXXXXXXXX`, `9…`, `989…`, `+989…`, `00989…`, Persian or
    /// Arabic-Indic digits, spaces or dashes between digits) or an e-mail.
    #[schema(schema_with = username)]
    username: String,
}

/// `POST /api/v1/login/verify`.
#[derive(ToSchema)]
#[expect(dead_code, reason = "a schema only: bodies are read from a map")]
pub struct VerifyBody {
    #[schema(schema_with = username)]
    username: String,
    /// The code sent by SMS; a JSON number is read as its digits.
    #[schema(schema_with = code)]
    code: String,
}

/// `POST /api/v1/login/password`.
#[derive(ToSchema)]
#[expect(dead_code, reason = "a schema only: bodies are read from a map")]
pub struct PasswordBody {
    #[schema(schema_with = username)]
    username: String,
    #[schema(schema_with = password)]
    password: String,
}

/// `POST /api/v1/user`: every field optional.
#[derive(ToSchema)]
#[expect(dead_code, reason = "a schema only: bodies are read from a map")]
pub struct UpdateBody {
    /// 1 to 64 characters, no control characters.
    #[schema(schema_with = name)]
    first_name: Option<String>,
    /// 1 to 64 characters, no control characters.
    #[schema(schema_with = name)]
    last_name: Option<String>,
    /// An e-mail address; waits as `pending_email` until confirmed.
    #[schema(schema_with = username)]
    email: Option<String>,
    /// 8 to 128 characters; set without the old one, as the seed documents.
    #[schema(schema_with = new_password)]
    password: Option<String>,
    /// An Iranian mobile in any of the username's forms; waits as pending.
    #[schema(schema_with = username)]
    mobile: Option<String>,
}

/// The code that confirms a change.
#[derive(ToSchema)]
#[expect(dead_code, reason = "a schema only: bodies are read from a map")]
pub struct ConfirmBody {
    #[schema(schema_with = code)]
    code: String,
}

/// `POST /web/user/edit` (seed 000): `name` and `family` required, any other
/// field changed only when sent and cleared when sent empty.
#[derive(ToSchema)]
#[expect(dead_code, reason = "a schema only: bodies are read from a map")]
pub struct EditBody {
    /// 3 to 64 characters (the panel's `first_name`).
    #[schema(schema_with = yii_name)]
    name: String,
    /// 3 to 64 characters (the panel's `last_name`).
    #[schema(schema_with = yii_name)]
    family: String,
    /// An Iranian mobile or landline.
    #[schema(schema_with = short_text)]
    phone: Option<String>,
    /// An e-mail address; waits until confirmed at `/web/user/confirm-email`.
    #[schema(schema_with = short_text)]
    email: Option<String>,
    /// A positive id of the app's place list.
    #[schema(schema_with = short_text)]
    state: Option<String>,
    #[schema(schema_with = short_text)]
    city: Option<String>,
    #[schema(schema_with = short_text)]
    hood: Option<String>,
    /// 5 to 255 characters; line breaks are kept.
    #[schema(schema_with = short_text)]
    address: Option<String>,
    /// 1 to 150.
    #[schema(schema_with = short_text)]
    age: Option<String>,
    /// `male` or `female`.
    #[schema(schema_with = short_text)]
    gender: Option<String>,
    #[schema(schema_with = short_text)]
    telegram: Option<String>,
    #[schema(schema_with = short_text)]
    twitter: Option<String>,
    #[schema(schema_with = short_text)]
    linkedin: Option<String>,
    #[schema(schema_with = short_text)]
    facebook: Option<String>,
    #[schema(schema_with = short_text)]
    instagram: Option<String>,
    #[schema(schema_with = short_text)]
    googleplus: Option<String>,
    /// An http(s) URL.
    #[schema(schema_with = short_text)]
    website: Option<String>,
    /// A URL or path (files are not uploaded here).
    #[schema(schema_with = short_text)]
    avatar: Option<String>,
}

/// `POST /web/user/change-password`.
#[derive(ToSchema)]
#[expect(dead_code, reason = "a schema only: bodies are read from a map")]
pub struct ChangePasswordBody {
    /// Required once the account has a password.
    #[schema(schema_with = password)]
    old_password: Option<String>,
    #[schema(schema_with = new_password)]
    new_password: String,
}

/// The bazaar apps' query parameters: `username` must be the token's
/// account when sent; `x` and `y` are the device's location, not used.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[expect(dead_code, reason = "the parameters' descriptions only")]
pub struct BazaarQuery {
    /// The account's mobile; another account's is `not login`.
    username: Option<String>,
    x: Option<String>,
    y: Option<String>,
}

/// `Accept-Language`: `en` for English where the seed does not fix a text.
#[derive(IntoParams)]
#[into_params(parameter_in = Header)]
#[expect(dead_code, reason = "a parameter's description only")]
pub struct AcceptLanguage {
    /// `en` first for English; Persian otherwise.
    #[param(rename = "Accept-Language")]
    accept_language: Option<String>,
}

fn username() -> utoipa::openapi::Schema {
    text_param(1, 254)
}

fn code() -> utoipa::openapi::Schema {
    text_param(1, 12)
}

fn password() -> utoipa::openapi::Schema {
    text_param(1, 128)
}

fn new_password() -> utoipa::openapi::Schema {
    text_param(8, 128)
}

fn name() -> utoipa::openapi::Schema {
    text_param(1, 64)
}

fn yii_name() -> utoipa::openapi::Schema {
    text_param(3, 64)
}

fn short_text() -> utoipa::openapi::Schema {
    text_param(0, 255)
}

/// The marketplace app's sign-up and login: the cellphone and a password.
#[derive(ToSchema)]
#[expect(dead_code, reason = "a schema only: Params reads the fields")]
pub struct RegisterBody {
    /// The cellphone, `09XXXXXXXXX` (any written form).
    username: String,
    /// 8 to 128 characters.
    password: String,
}

#[derive(ToSchema)]
#[expect(dead_code, reason = "a schema only: Params reads the fields")]
pub struct CodeBody {
    username: String,
    /// The code sent by SMS.
    code: String,
}

#[derive(ToSchema)]
#[expect(dead_code, reason = "a schema only: Params reads the fields")]
pub struct UsernameBody {
    username: String,
}

#[derive(ToSchema)]
#[expect(dead_code, reason = "a schema only: Params reads the fields")]
pub struct TokenBody {
    username: String,
    /// Or `Authorization: Bearer`.
    token: String,
}

#[derive(ToSchema)]
#[expect(dead_code, reason = "a schema only: Params reads the fields")]
pub struct ResetBody {
    username: String,
    code: String,
    /// The new password, 8 to 128 characters.
    password: String,
}

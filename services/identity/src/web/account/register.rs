use super::{cellphone, not_activated, password, said};
use crate::client_addr;
use crate::codes::{self, Purpose};
use crate::db::{self, registrations, users};
use crate::error::IdentityError;
use crate::openapi::RegisterBody;
use crate::params::Params;
use crate::state::State;
use actix_web::body::BoxBody;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse, Responder};
use platform_http::docs::BazaarError;
use serde::Serialize;

/// The app's answer: `id` and `username` beside the envelope, as its
/// document shows (`data` is `""`).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Registered {
    #[schema(example = "success")]
    status: &'static str,
    message: &'static str,
    data: &'static str,
    /// The sign-up's id; the account's own id comes with login.
    id: i64,
    username: String,
}

impl Responder for Registered {
    type Body = BoxBody;
    fn respond_to(self, _: &HttpRequest) -> HttpResponse {
        HttpResponse::Ok().json(self)
    }
}

/// Register with cellphone and password (marketplace app)
///
/// `POST /web/user/register` with `username` (the cellphone) and
/// `password`: an activation code goes by SMS; the account exists once
/// `/web/user/checkactivationcode` gets it. A sign-up whose code died
/// unused may be made again.
#[utoipa::path(
    post,
    path = "/web/user/register",
    operation_id = "bazaarRegister",
    tag = "bazaar account",
    request_body(content = RegisterBody, description = "A form, a JSON object, or the query string"),
    responses(
        (status = 200, description = "`User intial register is done` (sic)", body = Registered),
        (status = 400, description = "A body that cannot be read, or a parameter sent as an array or object", body = BazaarError),
        (status = 413, description = "A body over `body_limit`", body = BazaarError),
        (status = 415, description = "A body that is no JSON, form or multipart form", body = BazaarError),
        (status = 422, description = "`Cellphone already existed`, `Cellphone is not validated`, `Username or Password cannot be blank.`, `Cellphone already registered but not activatad` (data -1), or `Server Error` for a short password", body = BazaarError),
        (status = 429, description = "Inside the code cooldown or over the address's limit", body = BazaarError),
        (status = 503, description = "The SMS provider did not take the code", body = BazaarError),
    )
)]
pub async fn register(
    state: web::Data<State>,
    req: HttpRequest,
    body: web::Bytes,
) -> Result<Registered, IdentityError> {
    let params = Params::read(&req, &body)?;
    let mobile = cellphone(&params)?;
    let password = password(&params)?;
    let hash = crate::password::hash(password).await?;
    let m = mobile.clone();
    let stale_before = db::now() - state.code.lifetime_secs;
    let id = state
        .db
        .run(move |conn| -> Result<i64, IdentityError> {
            if users::by_mobile(conn, &m)?.is_some() {
                return Err(said(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "Cellphone already existed",
                ));
            }
            let now = db::now();
            if let Some(made) = registrations::create(conn, &m, &hash, now)? {
                return Ok(made.id);
            }
            if registrations::replace_stale(conn, &m, &hash, stale_before, now)? {
                if let Some(made) = registrations::by_mobile(conn, &m)? {
                    return Ok(made.id);
                }
            }
            Err(not_activated())
        })
        .await?;
    let client = client_addr::client_key(&state.proxies, &req);
    codes::send(
        &state,
        &Purpose::Login {
            mobile: mobile.clone(),
        },
        &client,
    )
    .await?;
    Ok(Registered {
        status: "success",
        message: "User intial register is done",
        data: "",
        id,
        username: mobile,
    })
}

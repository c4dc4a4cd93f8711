//! `api=AddContact`: a resident adds a secondary phone number or e-mail.

use super::fields::{given, one};
use super::keyed::Keyed;
use super::store;
use crate::community::membership::lives_in;
use crate::input::{id, is_given};
use crate::location::log_call;
use crate::reply::Refusal;
use crate::BuildingsError;
use actix_web::{HttpRequest, HttpResponse, Responder};
use platform_auth::Claims;
use platform_db::Db;
use platform_http::fields::FieldErrors;
use platform_http::input::Fields;
use platform_http::reply::Building;

pub const OPERATION: &str = "AddContact";

/// The document's answer when both contacts were sent.
pub const NOTHING_INSERTED: &str = "No Data Inserted.";

/// The keys the document marks required beside `api`, in its order.
const REQUIRED: [&str; 2] = ["blockId", "apartmentId"];

/// The caller must live in `apartmentId` of `blockId` (403 otherwise).
/// Exactly one of `phoneNumber` and `email`: added unless the user has it
/// already, and every contact of the user answered (200). Both: the
/// contacts and the document's error, nothing written (422).
pub async fn add_contact(
    req: &HttpRequest,
    claims: Claims,
    fields: Fields,
    db: &Db,
) -> Result<HttpResponse, BuildingsError> {
    log_call(&fields, db, &claims.sub, OPERATION).await?;
    if let Some(key) = REQUIRED.into_iter().find(|key| !is_given(&fields, key)) {
        return Err(BuildingsError::MissingKey(key));
    }
    let mut errors = FieldErrors::default();
    let block = id(&fields, REQUIRED[0], &mut errors).unwrap_or_default();
    let apartment = id(&fields, REQUIRED[1], &mut errors).unwrap_or_default();
    errors.or_fail(BuildingsError::Invalid)?;
    let both = given(&fields) == (true, true);
    // with both, nothing is checked: nothing will be written
    let value = if both {
        Ok(None)
    } else {
        one(&fields).map(Some)
    };
    let user = claims.sub;
    let contacts = db
        .run(move |conn| {
            // who may comes before what was sent: a stranger learns nothing
            if !lives_in(conn, &user, block, apartment)? {
                return Err(BuildingsError::NotResident);
            }
            if let Some(value) = value.map_err(BuildingsError::Invalid)? {
                store::add(conn, &user, &value)?;
            }
            Ok(store::all(conn, &user)?)
        })
        .await?;
    Ok(if both {
        Refusal {
            status: 422,
            message: Keyed {
                contacts,
                error: Some(NOTHING_INSERTED),
            },
        }
        .respond_to(req)
    } else {
        Building {
            status: 200,
            data: Keyed {
                contacts,
                error: None,
            },
        }
        .respond_to(req)
    })
}

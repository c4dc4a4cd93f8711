//! The device location every call of the app carries (`longitude`,
//! `latitude`, both optional), written to the location log with the user,
//! the operation and the time.

use crate::clock::now;
use crate::input::text;
use crate::schema::location_log;
use crate::BuildingsError;
use diesel::prelude::*;
use platform_db::Db;
use platform_http::fields::FieldErrors;
use platform_http::input::Fields;
use platform_http::rules::Rule;

/// Longer than any coordinate a device sends.
const MAX: usize = 32;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Location {
    pub longitude: Option<String>,
    pub latitude: Option<String>,
}

impl Location {
    /// Both coordinates as sent (trimmed), each a decimal number within
    /// its range (±180, ±90) when given.
    pub fn read(fields: &Fields, errors: &mut FieldErrors) -> Location {
        let mut coordinate = |key: &'static str, bound: f64| {
            let value = text(fields, key, MAX, errors)?;
            let number = value
                .parse::<f64>()
                .ok()
                .filter(|n| n.is_finite() && n.abs() <= bound && !value.contains(['e', 'E']));
            match number {
                Some(_) => Some(value),
                None => {
                    errors.add(key, Rule::Invalid);
                    None
                }
            }
        };
        Location {
            longitude: coordinate("longitude", 180.0),
            latitude: coordinate("latitude", 90.0),
        }
    }

    /// Writes one log row: `user` called `operation` from here, now.
    pub async fn log(self, db: &Db, user: &str, operation: &str) -> Result<(), BuildingsError> {
        let row = (
            location_log::user_id.eq(user.to_string()),
            location_log::operation.eq(operation.to_string()),
            location_log::longitude.eq(self.longitude),
            location_log::latitude.eq(self.latitude),
            location_log::created.eq(now()),
        );
        db.run(move |conn| {
            diesel::insert_into(location_log::table)
                .values(row)
                .execute(conn)?;
            Ok(())
        })
        .await
    }
}

/// Reads the location of a call and logs it: the first thing every
/// contacts operation does, whatever it answers afterwards. 422 when a
/// coordinate is not one (nothing is logged then).
pub async fn log_call(
    fields: &Fields,
    db: &Db,
    user: &str,
    operation: &str,
) -> Result<(), BuildingsError> {
    let mut errors = FieldErrors::default();
    let location = Location::read(fields, &mut errors);
    errors.or_fail(BuildingsError::Invalid)?;
    location.log(db, user, operation).await
}

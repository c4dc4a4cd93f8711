//! Creating bazzars, malls, stores and products (one file each), each with
//! its counters row in the same transaction (every target has one from its
//! start).

pub mod bazzars;
pub mod malls;
pub mod products;
pub mod stores;

use crate::catalog::{counters, Kind, Target};
use crate::SocialError;
use diesel::prelude::*;
use platform_db::{AnyConnection, Db};
use platform_http::reply::BazaarAction;
use serde::Serialize;

/// What was created: its id and fields.
#[derive(Debug, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Made {
    pub id: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub main_image: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bazzar: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mall: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub store: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub manager: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub price: Option<i64>,
}

impl Made {
    pub(super) fn new(id: i64) -> Made {
        Made {
            id,
            name: None,
            title: None,
            image: None,
            main_image: None,
            bazzar: None,
            mall: None,
            store: None,
            manager: None,
            price: None,
        }
    }
}

/// Inserts with `insert` and makes the target's counters, in one
/// transaction; a missing parent is `Invalid Target`.
pub(super) async fn create(
    db: &Db,
    kind: Kind,
    parent: Option<Target>,
    insert: impl FnOnce(&mut AnyConnection) -> QueryResult<i64> + Send + 'static,
) -> Result<i64, SocialError> {
    db.run(move |conn| {
        conn.write_transaction(|c| {
            if let Some(parent) = parent {
                if !counters::exists(c, parent)? {
                    return Err(SocialError::InvalidTarget);
                }
            }
            let id = insert(c)?;
            counters::create(c, Target { kind, id })?;
            Ok(id)
        })
    })
    .await
}

pub(super) fn done(made: Made) -> BazaarAction<Made> {
    BazaarAction::new("created", made)
}

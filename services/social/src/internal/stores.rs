//! `GET /internal/stores/{id}` and `GET /internal/stores?ids=1,2` (at most
//! 100): `{"stores":[{"id","name","avatar","manager"}]}`, unknown ids left
//! out. The chat service depends on exactly this shape.

use crate::schema::stores;
use crate::SocialError;
use actix_web::web;
use diesel::prelude::*;
use platform_db::Db;
use platform_http::fields::FieldErrors;
use platform_http::rules::Rule;
use serde::{Deserialize, Serialize};

/// Ids per call; more is a caller's bug, not a reason to load the table.
pub const MAX_IDS: usize = 100;

#[derive(Debug, Serialize, Queryable)]
pub struct Store {
    pub id: i64,
    pub name: String,
    /// The store's image.
    pub avatar: Option<String>,
    /// identity's id of its manager.
    pub manager: i64,
}

#[derive(Debug, Serialize)]
pub struct Stores {
    pub stores: Vec<Store>,
}

#[derive(Deserialize)]
pub struct Ids {
    ids: Option<String>,
}

fn refused() -> SocialError {
    let mut errors = FieldErrors::default();
    errors.add_rule("ids", "Ids", Rule::Invalid);
    SocialError::Base(platform_service::BaseError::Unreadable(errors))
}

async fn load(db: &Db, ids: Vec<i64>) -> Result<web::Json<Stores>, SocialError> {
    let stores = db
        .run(move |conn| {
            stores::table
                .filter(stores::id.eq_any(ids))
                .order(stores::id)
                .select((stores::id, stores::name, stores::image, stores::manager))
                .load::<Store>(conn)
                .map_err(SocialError::from)
        })
        .await?;
    Ok(web::Json(Stores { stores }))
}

pub async fn many(
    query: web::Query<Ids>,
    db: web::Data<Db>,
) -> Result<web::Json<Stores>, SocialError> {
    let raw = query.ids.as_deref().unwrap_or("");
    let mut ids = raw
        .split(',')
        .map(|s| s.trim().parse::<i64>())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| refused())?;
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() || ids.len() > MAX_IDS {
        return Err(refused());
    }
    load(&db, ids).await
}

pub async fn one(
    id: web::Path<String>,
    db: web::Data<Db>,
) -> Result<web::Json<Stores>, SocialError> {
    let id = id.parse::<i64>().map_err(|_| refused())?;
    load(&db, vec![id]).await
}

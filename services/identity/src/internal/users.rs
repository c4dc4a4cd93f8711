use crate::db;
use crate::error::IdentityError;
use crate::state::State;
use crate::user::masked_mobile;
use actix_web::{web, HttpResponse};
use serde::Deserialize;
use serde_json::json;

/// Ids per call; more is a client bug, not a reason to load the table.
const MAX_IDS: usize = 100;

#[derive(Deserialize)]
pub struct Query {
    ids: String,
}

/// `GET /internal/users?ids=1,2,3`: what other services may show of a
/// user. Unknown ids are left out.
pub async fn many(
    state: web::Data<State>,
    query: web::Query<Query>,
) -> Result<HttpResponse, IdentityError> {
    let mut ids = query
        .ids
        .split(',')
        .map(|s| s.trim().parse::<i64>())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| IdentityError::BadFormat)?;
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() || ids.len() > MAX_IDS {
        return Err(IdentityError::BadFormat);
    }
    let users = state
        .db
        .run(move |conn| db::users::by_ids(conn, &ids).map_err(IdentityError::from))
        .await?;
    let users: Vec<_> = users
        .iter()
        .map(|u| {
            json!({
                "id": u.id,
                "first_name": u.first_name,
                "last_name": u.last_name,
                "avatar": u.avatar,
                "mobile": masked_mobile(&u.mobile),
            })
        })
        .collect();
    Ok(HttpResponse::Ok().json(json!({"status": 200, "users": users})))
}

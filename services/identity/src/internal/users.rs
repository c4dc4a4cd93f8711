use crate::db;
use crate::error::IdentityError;
use crate::state::State;
use crate::user::masked_mobile;
use actix_web::web;
use platform_http::reply::Panel;
use serde::{Deserialize, Serialize};

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
) -> Result<Panel<Users>, IdentityError> {
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
    let users = users
        .into_iter()
        .map(|u| PublicUser {
            id: u.id,
            mobile: masked_mobile(&u.mobile),
            first_name: u.first_name,
            last_name: u.last_name,
            avatar: u.avatar,
        })
        .collect();
    Ok(Panel::new(200, Users { users }))
}

#[derive(Serialize)]
pub struct Users {
    users: Vec<PublicUser>,
}

/// What other services may show of a user.
#[derive(Serialize)]
struct PublicUser {
    id: i64,
    first_name: Option<String>,
    last_name: Option<String>,
    avatar: Option<String>,
    mobile: String,
}

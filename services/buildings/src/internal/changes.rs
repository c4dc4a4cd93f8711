use crate::community::feed::{self, Change};
use crate::BuildingsError;
use actix_web::web;
use platform_db::Db;
use platform_http::reply;
use serde::{Deserialize, Serialize};

const DEFAULT_LIMIT: i64 = 100;
const MAX_LIMIT: i64 = 1000;

#[derive(Debug, Deserialize)]
pub struct Since {
    #[serde(default)]
    pub since: i64,
    pub limit: Option<i64>,
}

#[derive(Debug, Serialize)]
pub struct Changes {
    /// Oldest first.
    pub changes: Vec<Change>,
    /// The `since` of the next poll: the last change's `seq`, or the
    /// `since` asked when there is none.
    pub cursor: i64,
    /// The newest `seq` there is. A poller whose cursor is past it reads a
    /// feed that started again (a new database) and must read the members
    /// anew.
    pub newest: i64,
}

/// `GET /internal/buildings/changes?since=N[&limit=M]`: residents who
/// joined or left after `N` (0 by default), at most `M` (1 to 1000,
/// default 100).
pub async fn changes(
    since: web::Query<Since>,
    db: web::Data<Db>,
) -> Result<reply::Building<Changes>, BuildingsError> {
    let Since { since, limit } = since.into_inner();
    let limit = limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT);
    let answer = db
        .run(move |conn| {
            // newest after the changes, so that it is never below one of them
            let changes = feed::after(conn, since, limit)?;
            let newest = feed::newest(conn)?;
            let cursor = changes.last().map_or(since, |c| c.seq);
            Ok::<_, BuildingsError>(Changes {
                changes,
                cursor,
                newest,
            })
        })
        .await?;
    Ok(reply::Building {
        status: 200,
        data: answer,
    })
}

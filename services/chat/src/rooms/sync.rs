//! Room membership follows the buildings service: its change feed
//! (`/internal/buildings/changes`), read every `buildings_poll_ms` from
//! the cursor kept in `feed_cursor`. A resident who joins is a member of
//! the rooms of the building and the block; one who leaves is no longer
//! once they live in neither any more. Changes are safe to apply twice.

use crate::db::rooms;
use crate::error::ChatError;
use platform_auth::{InternalKey, INTERNAL_HEADER};
use platform_db::Db;
use serde::Deserialize;
use std::time::Duration;

const FEED: &str = "buildings";
const PAGE: i64 = 500;

#[derive(Deserialize)]
struct Answer {
    data: Page,
}

#[derive(Deserialize)]
struct Page {
    changes: Vec<Change>,
    cursor: i64,
    newest: i64,
}

#[derive(Deserialize)]
struct Change {
    change: String,
    user_id: String,
    building_id: i64,
    block_id: i64,
    in_block: bool,
    in_building: bool,
}

/// Starts the reader on the current runtime.
#[expect(
    clippy::expect_used,
    reason = "a client with only a timeout set builds; failing means no TLS backend, a broken build"
)]
pub fn start(db: Db, base: String, key: InternalKey, every: Duration) {
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .build()
        .expect("a plain reqwest client builds");
    let url = format!("{}/internal/buildings/changes", base.trim_end_matches('/'));
    tokio::spawn(async move {
        let mut failing = false;
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            match catch_up(&db, &http, &url, &key).await {
                Ok(()) if failing => {
                    log::info!("buildings' change feed is back");
                    failing = false;
                }
                Ok(()) => {}
                Err(e) => {
                    if !failing {
                        log::warn!(
                            "buildings' change feed unavailable, rooms keep their members: {e}"
                        );
                    }
                    failing = true;
                }
            }
        }
    });
}

/// Reads and applies pages until the feed has no more.
async fn catch_up(
    db: &Db,
    http: &reqwest::Client,
    url: &str,
    key: &InternalKey,
) -> Result<(), String> {
    loop {
        let since = db
            .run(|conn| rooms::cursor(conn, FEED).map_err(ChatError::from))
            .await
            .map_err(|e| format!("{e:?}"))?;
        let mut request = http.get(url).query(&[("since", since), ("limit", PAGE)]);
        if let Some(secret) = key.secret() {
            request = request.header(INTERNAL_HEADER, secret);
        }
        let page = request
            .send()
            .await
            .and_then(reqwest::Response::error_for_status)
            .map_err(|e| e.without_url().to_string())?
            .json::<Answer>()
            .await
            .map_err(|e| e.without_url().to_string())?
            .data;
        if page.newest < since {
            // a new buildings database numbers from below our cursor
            log::warn!("buildings' change feed started again: reading it from the start");
            db.run(|conn| rooms::set_cursor(conn, FEED, 0).map_err(ChatError::from))
                .await
                .map_err(|e| format!("{e:?}"))?;
            continue;
        }
        let full = page.changes.len() as i64 >= PAGE;
        db.run(move |conn| {
            conn.write_transaction(|c| {
                for change in &page.changes {
                    apply(c, change)?;
                }
                rooms::set_cursor(c, FEED, page.cursor)
            })
            .map_err(ChatError::from)
        })
        .await
        .map_err(|e| format!("{e:?}"))?;
        if !full {
            return Ok(());
        }
    }
}

fn apply(conn: &mut platform_db::AnyConnection, change: &Change) -> diesel::QueryResult<()> {
    let Ok(user) = change.user_id.trim().parse::<i64>() else {
        return Ok(());
    };
    let building = rooms::ensure(conn, "building", change.building_id)?;
    let block = rooms::ensure(conn, "block", change.block_id)?;
    if change.change == "joined" {
        rooms::join(conn, building, user)?;
        rooms::join(conn, block, user)?;
    } else {
        if !change.in_block {
            rooms::leave(conn, block, user)?;
        }
        if !change.in_building {
            rooms::leave(conn, building, user)?;
        }
    }
    Ok(())
}

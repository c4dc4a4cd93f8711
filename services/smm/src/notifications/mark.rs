use crate::input::Params;
use crate::schema::notifications as n;
use crate::{caller, SmmError};
use actix_web::{web, HttpRequest};
use diesel::prelude::*;
use platform_auth::Authenticated;
use platform_db::Db;
use platform_http::docs::PanelError;
use platform_http::reply::Panel;
use platform_http::rules::Rule;
use serde::Serialize;
use serde_json::Value;

#[derive(Serialize, utoipa::ToSchema)]
pub struct MarkedBody {
    message: &'static str,
    /// How many were unread and are read now (an addition).
    marked: usize,
}

/// Most ids one call marks.
const MAX_IDS: usize = 100;

/// Mark notifications read
///
/// Without a body, every unread notification of the caller (the seed's
/// call); with `ids` (a JSON array or a comma-separated list of the
/// notifications' UUIDs, an addition), those only. Ids of other accounts
/// are ignored.
#[utoipa::path(
    post,
    path = "/api/v1/user/notifications",
    operation_id = "markNotificationsRead",
    tag = "notifications",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Marked read", body = Panel<MarkedBody>),
        (status = 400, description = "`ids` malformed", body = PanelError),
        (status = 401, description = "No valid token", body = PanelError),
    )
)]
pub async fn mark(
    req: HttpRequest,
    body: web::Bytes,
    Authenticated(claims): Authenticated,
    db: web::Data<Db>,
) -> Result<Panel<MarkedBody>, SmmError> {
    let user_id = caller::user_id(&claims)?;
    let ids = if body.is_empty() && req.query_string().is_empty() {
        None
    } else {
        let mut params = Params::read(&req, &body)?;
        let ids = read_ids(&mut params);
        params.finish()?;
        ids
    };
    let now = caller::now();
    let marked = db
        .run(move |conn| -> Result<usize, SmmError> {
            let mine = n::table
                .filter(n::user_id.eq(user_id))
                .filter(n::read_at.is_null());
            Ok(match ids {
                Some(ids) => diesel::update(mine.filter(n::id.eq_any(ids)))
                    .set(n::read_at.eq(now))
                    .execute(conn)?,
                None => diesel::update(mine).set(n::read_at.eq(now)).execute(conn)?,
            })
        })
        .await?;
    Ok(Panel::new(
        200,
        MarkedBody {
            message: "اطلاع رسانی ها با موفقیت پاک شدند",
            marked,
        },
    ))
}

/// `ids` as an array or a comma-separated text; absent means all.
fn read_ids(params: &mut Params) -> Option<Vec<String>> {
    let items: Vec<String> = match params.fields().get("ids") {
        None | Some(Value::Null) => return None,
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| v.as_str().unwrap_or_default().trim().to_string())
            .collect(),
        Some(Value::String(text)) => text.split(',').map(|s| s.trim().to_string()).collect(),
        Some(_) => vec![String::new()],
    };
    let valid = items.len() <= MAX_IDS && items.iter().all(|id| uuid::Uuid::parse_str(id).is_ok());
    if !valid {
        params.fail("ids", Rule::Invalid);
        return None;
    }
    Some(items)
}

use super::NAME_MAX;
use crate::clock::{date, now};
use crate::input::Params;
use crate::openapi::{AdminBroadcastInput, Created};
use crate::schema::broadcasts as b;
use crate::SocialError;
use actix_web::{web, HttpRequest};
use diesel::prelude::*;
use platform_auth::Admin;
use platform_db::Db;
use platform_http::docs::BazaarError;
use platform_http::reply::BazaarAction;
use serde::Serialize;

pub const TEXT_MAX: usize = 10_000;

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct MadeBroadcast {
    pub id: i64,
    pub title: String,
    pub user: Option<i64>,
    pub role: Option<i64>,
    pub date: String,
}

/// Create a platform broadcast (operators)
///
/// To everyone, to one `role` (the app's role number; 8 is its customers)
/// or to one `user`.
#[utoipa::path(
    post, path = "/web/admin/broadcasts", operation_id = "createBroadcast", tag = "admin",
    request_body(content = AdminBroadcastInput, description = "A form, JSON, or the query string"),
    responses(
        (status = 200, description = "`created`", body = Created),
        (status = 400, description = "A body that cannot be read (malformed JSON, form or multipart)", body = BazaarError),
        (status = 401, description = "`not login`", body = BazaarError),
        (status = 403, description = "Not an operator", body = BazaarError),
        (status = 413, description = "A body over `body_limit`", body = BazaarError),
        (status = 415, description = "A body that is no JSON, form or multipart form", body = BazaarError),
        (status = 422, description = "`Server Error` with every sentence", body = BazaarError),
    )
)]
pub async fn create_broadcast(
    _: Admin,
    req: HttpRequest,
    body: web::Bytes,
    db: web::Data<Db>,
) -> Result<BazaarAction<MadeBroadcast>, SocialError> {
    let mut p = Params::read_plain(&req, &body)?;
    let title = p
        .required_text("title", NAME_MAX, false)
        .unwrap_or_default();
    let text = p.required_text("text", TEXT_MAX, true).unwrap_or_default();
    let user = p.id("user");
    let role = p.integer("role", 0, 1000);
    p.finish()?;
    let now = now();
    let made = MadeBroadcast {
        id: 0,
        title: title.clone(),
        user,
        role,
        date: date(now),
    };
    let day = made.date.clone();
    let id = db
        .run(move |conn| {
            diesel::insert_into(b::table)
                .values((
                    b::title.eq(title),
                    b::text.eq(text),
                    b::user_id.eq(user),
                    b::role.eq(role),
                    b::date.eq(day),
                    b::created.eq(now),
                ))
                .returning(b::id)
                .get_result(conn)
                .map_err(SocialError::from)
        })
        .await?;
    Ok(BazaarAction::new("created", MadeBroadcast { id, ..made }))
}

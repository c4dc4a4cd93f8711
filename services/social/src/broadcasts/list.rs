use super::{visible, Broadcast, Row, COLUMNS};
use crate::caller::{role_number, user_id};
use crate::openapi::{BroadcastItems, ListQuery};
use crate::paging;
use crate::schema::broadcasts as b;
use crate::SocialError;
use actix_web::{web, HttpRequest};
use diesel::prelude::*;
use platform_auth::Authenticated;
use platform_db::Db;
use platform_http::docs::BazaarError;
use platform_http::reply::YiiList;

/// Broadcasts
///
/// `GET /web/broadcasts` (seed 000): the broadcasts the caller sees,
/// newest first.
#[utoipa::path(
    get,
    path = "/web/broadcasts",
    operation_id = "listBroadcasts",
    tag = "broadcasts",
    params(ListQuery),
    responses(
        (status = 200, description = "A Yii2 list", body = BroadcastItems),
        (status = 401, description = "`not login`", body = BazaarError),
        (status = 422, description = "`Server Error`: a page out of bounds, or `x` or `y` that is no coordinate", body = BazaarError),
    )
)]
pub async fn list(
    Authenticated(claims): Authenticated,
    req: HttpRequest,
    db: web::Data<Db>,
) -> Result<YiiList<Broadcast>, SocialError> {
    let (user, role) = (user_id(&claims)?, role_number(&claims));
    crate::input::list_query(&req, &claims)?;
    let (paging, url) = paging::of(&req)?;
    let (limit, offset) = paging::window(paging);
    let (total, rows) = db
        .run(move |conn| -> Result<(i64, Vec<Row>), SocialError> {
            let total = visible::to(user, role).count().get_result(conn)?;
            let rows = visible::to(user, role)
                .order((b::created.desc(), b::id.desc()))
                .limit(limit)
                .offset(offset)
                .select(COLUMNS)
                .load(conn)?;
            Ok((total, rows))
        })
        .await?;
    Ok(YiiList::new(
        rows.into_iter().map(Broadcast::from).collect(),
        u64::try_from(total).unwrap_or(0),
        paging,
        &url,
    ))
}

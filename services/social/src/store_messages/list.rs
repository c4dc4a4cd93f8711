use super::{shown, Row, StoreMessage};
use crate::caller::user_id;
use crate::openapi::{ListQuery, StoreMessageItems};
use crate::paging;
use crate::people::People;
use crate::schema::store_messages as sm;
use crate::SocialError;
use actix_web::{web, HttpRequest};
use diesel::prelude::*;
use platform_auth::Authenticated;
use platform_db::Db;
use platform_http::docs::BazaarError;
use platform_http::reply::YiiList;

/// Store messages
///
/// `GET /web/store-messages`: the messages the caller sent to stores, with
/// their answers, newest first.
#[utoipa::path(
    get,
    path = "/web/store-messages",
    operation_id = "listStoreMessages",
    tag = "store messages",
    params(ListQuery),
    responses(
        (status = 200, description = "A Yii2 list", body = StoreMessageItems),
        (status = 401, description = "`not login`", body = BazaarError),
        (status = 422, description = "`Server Error`: a page out of bounds, or `x` or `y` that is no coordinate", body = BazaarError),
    )
)]
pub async fn list(
    Authenticated(claims): Authenticated,
    req: HttpRequest,
    db: web::Data<Db>,
    people: web::Data<People>,
) -> Result<YiiList<StoreMessage>, SocialError> {
    let user = user_id(&claims)?;
    crate::input::list_query(&req, &claims)?;
    let (paging, url) = paging::of(&req)?;
    let (limit, offset) = paging::window(paging);
    let (total, rows) = db
        .run(move |conn| -> Result<(i64, Vec<Row>), SocialError> {
            let mine = || sm::table.filter(sm::user_id.eq(user));
            let total = mine().count().get_result(conn)?;
            let rows = mine()
                .order(sm::id.desc())
                .limit(limit)
                .offset(offset)
                .select(Row::as_select())
                .load(conn)?;
            Ok((total, rows))
        })
        .await?;
    Ok(YiiList::new(
        shown(rows, &people).await,
        u64::try_from(total).unwrap_or(0),
        paging,
        &url,
    ))
}

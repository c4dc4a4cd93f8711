use super::store::managed;
use crate::caller::user_id;
use crate::input::Params;
use crate::openapi::{ManagerListQuery, StoreMessagePage};
use crate::paging;
use crate::people::People;
use crate::schema::store_messages as sm;
use crate::store_messages::{shown, Row, StoreMessage};
use crate::SocialError;
use actix_web::{web, HttpRequest};
use diesel::prelude::*;
use platform_auth::Authenticated;
use platform_db::Db;
use platform_http::docs::BazaarError;
use platform_http::reply::BazaarPage;

/// The store's messages (store manager)
///
/// `GET /web/store-manager/store-messages`: the messages users sent to the
/// caller's store, newest first, in the store-manager lists' paged envelope.
#[utoipa::path(
    get,
    path = "/web/store-manager/store-messages",
    operation_id = "managerStoreMessages",
    tag = "store manager",
    params(ManagerListQuery),
    responses(
        (status = 200, description = "A page", body = StoreMessagePage),
        (status = 401, description = "`not login`", body = BazaarError),
        (status = 403, description = "Not a manager of the store", body = BazaarError),
        (status = 422, description = "`Server Error`: a `store` that is no id, or a page out of bounds", body = BazaarError),
    )
)]
pub async fn messages(
    Authenticated(claims): Authenticated,
    req: HttpRequest,
    db: web::Data<Db>,
    people: web::Data<People>,
) -> Result<BazaarPage<StoreMessage>, SocialError> {
    let manager = user_id(&claims)?;
    let mut params = Params::read(&req, &[], &claims)?;
    let wanted = params.id("store");
    params.finish()?;
    let (paging, _) = paging::of(&req)?;
    let (limit, offset) = paging::window(paging);
    let (total, rows) = db
        .run(move |conn| -> Result<(i64, Vec<Row>), SocialError> {
            let store = managed(conn, manager, wanted)?;
            let theirs = || sm::table.filter(sm::store_id.eq(store));
            let total = theirs().count().get_result(conn)?;
            let rows = theirs()
                .order(sm::id.desc())
                .limit(limit)
                .offset(offset)
                .select(Row::as_select())
                .load(conn)?;
            Ok((total, rows))
        })
        .await?;
    Ok(BazaarPage::new(
        "store messages result",
        shown(rows, &people).await,
        u64::try_from(total).unwrap_or(0),
        paging,
    ))
}

use super::store::managed;
use crate::caller::user_id;
use crate::catalog::counters::Counters;
use crate::input::Params;
use crate::openapi::StatisticsAnswer;
use crate::schema::counters as c;
use crate::SocialError;
use actix_web::{web, HttpRequest};
use diesel::prelude::*;
use platform_auth::Authenticated;
use platform_db::Db;
use platform_http::docs::BazaarError;
use platform_http::reply::BazaarAction;
use serde::Serialize;

/// A store's statistics as the app names them: its counters.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Statistics {
    pub views: i64,
    pub likes: i64,
    pub dislikes: i64,
    pub favorites: i64,
    pub notifications: i64,
    pub comments: i64,
}

/// The store's statistics (store manager)
///
/// `GET /web/store-manager/statistics`: the store's counters, exact.
#[utoipa::path(
    get,
    path = "/web/store-manager/statistics",
    operation_id = "storeStatistics",
    tag = "store manager",
    responses(
        (status = 200, description = "The counters", body = StatisticsAnswer),
        (status = 401, description = "`not login`", body = BazaarError),
        (status = 403, description = "Not a manager of the store", body = BazaarError),
        (status = 422, description = "`Server Error`: a `store` that is no id", body = BazaarError),
    )
)]
pub async fn statistics(
    Authenticated(claims): Authenticated,
    req: HttpRequest,
    db: web::Data<Db>,
) -> Result<BazaarAction<Statistics>, SocialError> {
    let manager = user_id(&claims)?;
    let mut params = Params::read(&req, &[], &claims)?;
    let wanted = params.id("store");
    params.finish()?;
    let n = db
        .run(move |conn| -> Result<Counters, SocialError> {
            let store = managed(conn, manager, wanted)?;
            Ok(c::table
                .find(("store", store))
                .select(Counters::as_select())
                .first(conn)?)
        })
        .await?;
    Ok(BazaarAction::new(
        "statistics",
        Statistics {
            views: n.viewed,
            likes: n.liked,
            dislikes: n.disliked,
            favorites: n.favorite_count,
            notifications: n.notification_count,
            comments: n.comments_count,
        },
    ))
}

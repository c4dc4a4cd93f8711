use super::Offer;
use crate::caller::user_id;
use crate::openapi::{ListQuery, OfferItems};
use crate::paging;
use crate::schema::{offers, stores};
use crate::SocialError;
use actix_web::{web, HttpRequest};
use diesel::prelude::*;
use platform_auth::Authenticated;
use platform_db::Db;
use platform_http::docs::BazaarError;
use platform_http::reply::YiiList;

/// View offers
///
/// `GET /web/offers`: the offers stores sent to the caller, newest first.
#[utoipa::path(
    get,
    path = "/web/offers",
    operation_id = "listOffers",
    tag = "offers",
    params(ListQuery),
    responses(
        (status = 200, description = "A Yii2 list", body = OfferItems),
        (status = 401, description = "`not login`", body = BazaarError),
        (status = 422, description = "`Server Error`: a page out of bounds, or `x` or `y` that is no coordinate", body = BazaarError),
    )
)]
pub async fn list(
    Authenticated(claims): Authenticated,
    req: HttpRequest,
    db: web::Data<Db>,
) -> Result<YiiList<Offer>, SocialError> {
    let user = user_id(&claims)?;
    crate::input::list_query(&req, &claims)?;
    let (paging, url) = paging::of(&req)?;
    let (limit, offset) = paging::window(paging);
    let (total, items) = db
        .run(move |conn| -> Result<(i64, Vec<Offer>), SocialError> {
            let total = offers::table
                .filter(offers::user_id.eq(user))
                .count()
                .get_result(conn)?;
            let items = offers::table
                .inner_join(stores::table.on(stores::id.eq(offers::store_id)))
                .filter(offers::user_id.eq(user))
                .order(offers::id.desc())
                .limit(limit)
                .offset(offset)
                .select((
                    offers::id,
                    offers::user_id,
                    offers::text,
                    offers::created,
                    offers::read,
                    offers::store_id,
                    stores::name,
                ))
                .load(conn)?;
            Ok((total, items))
        })
        .await?;
    Ok(YiiList::new(
        items,
        u64::try_from(total).unwrap_or(0),
        paging,
        &url,
    ))
}

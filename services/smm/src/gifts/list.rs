use super::model::{Gift, OwnedObject, UserGift};
use crate::catalog::model::Service;
use crate::schema::{gifts as g, services as s, user_gifts as ug};
use crate::{caller, SmmError};
use actix_web::web;
use diesel::prelude::*;
use platform_auth::Authenticated;
use platform_db::Db;
use platform_http::docs::PanelError;
use platform_http::reply::Panel;
use serde::Serialize;

#[derive(Serialize, utoipa::ToSchema)]
pub struct GiftsBody {
    gifts: Vec<OwnedObject>,
}

const MAX_LISTED: i64 = 100;

/// The caller's gifts, newest first
///
/// Every gift won (used or not, expired or not), with the gift and its
/// service. Use one with `POST /api/v1/user/gifts` and its `gift.id`.
#[utoipa::path(
    get,
    path = "/api/v1/user/gifts",
    operation_id = "listGifts",
    tag = "gifts",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The gifts", body = Panel<GiftsBody>),
        (status = 401, description = "No valid token", body = PanelError),
    )
)]
pub async fn list(
    Authenticated(claims): Authenticated,
    db: web::Data<Db>,
) -> Result<Panel<GiftsBody>, SmmError> {
    let user_id = caller::user_id(&claims)?;
    let rows = db
        .run(
            move |conn| -> Result<Vec<(UserGift, Gift, Service)>, SmmError> {
                Ok(ug::table
                    .inner_join(g::table.inner_join(s::table))
                    .filter(ug::uid.eq(user_id))
                    .order(ug::id.desc())
                    .limit(MAX_LISTED)
                    .select((
                        UserGift::as_select(),
                        Gift::as_select(),
                        Service::as_select(),
                    ))
                    .load(conn)?)
            },
        )
        .await?;
    Ok(Panel::new(
        200,
        GiftsBody {
            gifts: rows
                .into_iter()
                .map(|(owned, gift, service)| OwnedObject::new(owned, gift, service))
                .collect(),
        },
    ))
}

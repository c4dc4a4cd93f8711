use super::model::{Gift, GiftObject};
use crate::catalog::model::Service;
use crate::schema::{gifts as g, services as s};
use crate::SmmError;
use actix_web::web;
use diesel::prelude::*;
use platform_auth::Admin;
use platform_db::Db;
use platform_http::docs::PanelError;
use platform_http::reply::Panel;
use serde::Serialize;

#[derive(Serialize, utoipa::ToSchema)]
pub struct AdminGiftsBody {
    gifts: Vec<GiftObject>,
}

/// Every gift defined
#[utoipa::path(
    get,
    path = "/api/v1/admin/gifts",
    operation_id = "adminListGifts",
    tag = "admin",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The gifts, oldest first", body = Panel<AdminGiftsBody>),
        (status = 401, description = "No valid token", body = PanelError),
        (status = 403, description = "Not an operator", body = PanelError),
    )
)]
pub async fn list(_: Admin, db: web::Data<Db>) -> Result<Panel<AdminGiftsBody>, SmmError> {
    let rows = db
        .run(|conn| -> Result<Vec<(Gift, Service)>, SmmError> {
            Ok(g::table
                .inner_join(s::table)
                .order(g::id.asc())
                .select((Gift::as_select(), Service::as_select()))
                .load(conn)?)
        })
        .await?;
    Ok(Panel::new(
        200,
        AdminGiftsBody {
            gifts: rows
                .into_iter()
                .map(|(gift, service)| GiftObject::new(gift, service))
                .collect(),
        },
    ))
}

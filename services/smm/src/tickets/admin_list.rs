use super::model::{Ticket, TicketObject};
use super::status;
use crate::schema::tickets as t;
use crate::SmmError;
use actix_web::web;
use diesel::prelude::*;
use platform_auth::Admin;
use platform_db::Db;
use platform_http::docs::PanelError;
use platform_http::reply::Panel;
use serde::Serialize;

#[derive(Serialize, utoipa::ToSchema)]
pub struct OpenTicketsBody {
    tickets: Vec<TicketObject>,
}

/// The most tickets one call lists.
const MAX_LISTED: i64 = 200;

/// Open tickets, longest waiting first
///
/// Every ticket not closed, the ones waiting longest since their last
/// change first (at most 200).
#[utoipa::path(
    get,
    path = "/api/v1/admin/tickets",
    operation_id = "adminListTickets",
    tag = "admin",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Open tickets", body = Panel<OpenTicketsBody>),
        (status = 401, description = "No valid token", body = PanelError),
        (status = 403, description = "Not an operator", body = PanelError),
    )
)]
pub async fn list(_: Admin, db: web::Data<Db>) -> Result<Panel<OpenTicketsBody>, SmmError> {
    let rows = db
        .run(move |conn| -> Result<Vec<Ticket>, SmmError> {
            Ok(t::table
                .filter(t::status.ne(status::CLOSED))
                .order((t::changed.asc(), t::id.asc()))
                .limit(MAX_LISTED)
                .select(Ticket::as_select())
                .load(conn)?)
        })
        .await?;
    Ok(Panel::new(
        200,
        OpenTicketsBody {
            tickets: rows.into_iter().map(Into::into).collect(),
        },
    ))
}

use super::model::{Ticket, TicketObject};
use crate::schema::tickets as t;
use crate::{caller, SmmError};
use actix_web::web;
use diesel::prelude::*;
use platform_auth::Authenticated;
use platform_db::Db;
use platform_http::docs::PanelError;
use platform_http::reply::Panel;
use serde::Serialize;

#[derive(Serialize, utoipa::ToSchema)]
pub struct TicketsBody {
    tickets: Vec<TicketObject>,
}

/// The most tickets one page lists.
const MAX_LISTED: i64 = 100;

/// The caller's tickets, newest first
#[utoipa::path(
    get,
    path = "/api/v1/user/tickets",
    operation_id = "listTickets",
    tag = "tickets",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The newest 100 tickets", body = Panel<TicketsBody>),
        (status = 401, description = "No valid token", body = PanelError),
    )
)]
pub async fn list(
    Authenticated(claims): Authenticated,
    db: web::Data<Db>,
) -> Result<Panel<TicketsBody>, SmmError> {
    let user_id = caller::user_id(&claims)?;
    let rows = db
        .run(move |conn| -> Result<Vec<Ticket>, SmmError> {
            Ok(t::table
                .filter(t::uid.eq(user_id))
                .order(t::id.desc())
                .limit(MAX_LISTED)
                .select(Ticket::as_select())
                .load(conn)?)
        })
        .await?;
    Ok(Panel::new(
        200,
        TicketsBody {
            tickets: rows.into_iter().map(Into::into).collect(),
        },
    ))
}

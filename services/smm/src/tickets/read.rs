use super::model::{self, DetailObject};
use super::not_found;
use crate::admin::path_id;
use crate::state::State;
use crate::{caller, SmmError};
use actix_web::web;
use platform_auth::Authenticated;
use platform_db::Db;
use platform_http::docs::PanelError;
use platform_http::reply::Panel;
use serde::Serialize;

#[derive(Serialize, utoipa::ToSchema)]
pub struct TicketBody {
    ticket: DetailObject,
}

/// One of the caller's tickets, with its messages
///
/// Another account's ticket is 403 "منع دسترسی"; none (or an id that is
/// not a number) 404 "تیکت مورد نظر یافت نشد".
#[utoipa::path(
    get,
    path = "/api/v1/user/tickets/{id}",
    operation_id = "readTicket",
    tag = "tickets",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The ticket id")),
    responses(
        (status = 200, description = "The ticket", body = Panel<TicketBody>),
        (status = 401, description = "No valid token", body = PanelError),
        (status = 403, description = "Another account's ticket", body = PanelError),
        (status = 404, description = "No such ticket", body = PanelError),
    )
)]
pub async fn read(
    path: web::Path<String>,
    Authenticated(claims): Authenticated,
    db: web::Data<Db>,
    state: web::Data<State>,
) -> Result<Panel<TicketBody>, SmmError> {
    let user_id = caller::user_id(&claims)?;
    let id = path_id(&path, not_found)?;
    let loaded = db
        .run(move |conn| -> Result<model::Loaded, SmmError> {
            let ticket = model::find(conn, id)?.ok_or_else(not_found)?;
            if ticket.uid != user_id {
                return Err(SmmError::forbidden());
            }
            Ok(model::load(conn, ticket)?)
        })
        .await?;
    let person = state.people.one(user_id).await;
    Ok(Panel::new(
        200,
        TicketBody {
            ticket: DetailObject::new(loaded, person),
        },
    ))
}

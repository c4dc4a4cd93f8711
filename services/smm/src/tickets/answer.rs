use super::model::{self, TicketObject, WrittenObject};
use super::{bad_parameters, not_found, status, MAX_MESSAGE};
use crate::admin::path_id;
use crate::input::Params;
use crate::notifications::{notify, text};
use crate::{caller, SmmError};
use actix_web::{web, HttpRequest};
use diesel::prelude::*;
use platform_auth::Admin;
use platform_db::Db;
use platform_http::docs::PanelError;
use platform_http::reply::Panel;
use serde::Serialize;

#[derive(Serialize, utoipa::ToSchema)]
pub struct AnswerBody {
    /// The answer written; null when the call only closed the ticket.
    ticket_message: Option<WrittenObject>,
    ticket: TicketObject,
}

/// Answer (and close) a ticket
///
/// `message` is the operator's answer (the user is notified); `close`
/// closes the ticket, with or without a message. One of them is needed
/// (400 "پارامتر های وارد شده اشتباه هستند").
#[utoipa::path(
    post,
    path = "/api/v1/admin/tickets/{id}",
    operation_id = "adminAnswerTicket",
    tag = "admin",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The ticket id")),
    request_body(content = String, description = "`message`, `close`", content_type = "application/json"),
    responses(
        (status = 201, description = "Answered", body = Panel<AnswerBody>),
        (status = 401, description = "No valid token", body = PanelError),
        (status = 400, description = "Neither a message nor close", body = PanelError),
        (status = 403, description = "Not an operator", body = PanelError),
        (status = 404, description = "No such ticket", body = PanelError),
    )
)]
pub async fn answer(
    req: HttpRequest,
    path: web::Path<String>,
    body: web::Bytes,
    Admin(claims): Admin,
    db: web::Data<Db>,
) -> Result<Panel<AnswerBody>, SmmError> {
    let operator = caller::user_id(&claims)?;
    let id = path_id(&path, not_found)?;
    let mut params = Params::read(&req, &body).map_err(|_| bad_parameters())?;
    let message = params.text("message", MAX_MESSAGE, true);
    let close = params.flag("close").unwrap_or(false);
    if params.has_errors() || (message.is_none() && !close) {
        return Err(bad_parameters());
    }
    let now = caller::now();
    let (written, ticket) = db
        .run(move |conn| {
            conn.write_transaction(|c| -> Result<_, SmmError> {
                let ticket = model::find(c, id)?.ok_or_else(not_found)?;
                let new_status = if close {
                    status::CLOSED
                } else {
                    status::ANSWERED
                };
                let written = match &message {
                    Some(text) => {
                        let m = model::write(c, id, operator, true, text, new_status, now)?;
                        notify(c, ticket.uid, &text::ticket_answered(id), now)?;
                        Some(m)
                    }
                    None => {
                        use crate::schema::tickets as t;
                        diesel::update(t::table.find(id))
                            .set((t::status.eq(new_status), t::changed.eq(now)))
                            .execute(c)?;
                        None
                    }
                };
                let ticket = model::find(c, id)?.ok_or_else(not_found)?;
                Ok((written, ticket))
            })
        })
        .await?;
    Ok(Panel::new(
        201,
        AnswerBody {
            ticket_message: written.map(Into::into),
            ticket: ticket.into(),
        },
    ))
}

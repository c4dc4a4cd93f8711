use super::model::{self, WrittenObject};
use super::{bad_parameters, closed, not_found, status, MAX_MESSAGE};
use crate::admin::path_id;
use crate::input::Params;
use crate::{caller, SmmError};
use actix_web::{web, HttpRequest};
use platform_auth::Authenticated;
use platform_db::Db;
use platform_http::docs::PanelError;
use platform_http::reply::Panel;
use serde::Serialize;

#[derive(Serialize, utoipa::ToSchema)]
pub struct ReplyBody {
    ticket_message: WrittenObject,
}

/// Reply to one of the caller's tickets
///
/// `message` (400 "پارامتر های وارد شده اشتباه هستند" without one). The
/// ticket becomes `pending` for the operators. Another account's ticket
/// is 403 "منع دسترسی"; a closed one 422 `ticket_closed`.
#[utoipa::path(
    post,
    path = "/api/v1/user/tickets/{id}",
    operation_id = "replyTicket",
    tag = "tickets",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The ticket id")),
    request_body(content = String, description = "`message`", content_type = "application/json"),
    responses(
        (status = 201, description = "Written", body = Panel<ReplyBody>),
        (status = 400, description = "No message", body = PanelError),
        (status = 401, description = "No valid token", body = PanelError),
        (status = 403, description = "Another account's ticket", body = PanelError),
        (status = 404, description = "No such ticket", body = PanelError),
        (status = 422, description = "The ticket is closed", body = PanelError),
    )
)]
pub async fn reply(
    req: HttpRequest,
    path: web::Path<String>,
    body: web::Bytes,
    Authenticated(claims): Authenticated,
    db: web::Data<Db>,
) -> Result<Panel<ReplyBody>, SmmError> {
    let user_id = caller::user_id(&claims)?;
    let id = path_id(&path, not_found)?;
    let mut params = Params::read(&req, &body).map_err(|_| bad_parameters())?;
    let message = params.required_text("message", MAX_MESSAGE, true);
    let Some(message) = message.filter(|_| !params.has_errors()) else {
        return Err(bad_parameters());
    };
    let now = caller::now();
    let written = db
        .run(move |conn| {
            conn.write_transaction(|c| -> Result<model::Message, SmmError> {
                let ticket = model::find(c, id)?.ok_or_else(not_found)?;
                if ticket.uid != user_id {
                    return Err(SmmError::forbidden());
                }
                if ticket.status == status::CLOSED {
                    return Err(closed());
                }
                Ok(model::write(
                    c,
                    id,
                    user_id,
                    false,
                    &message,
                    status::PENDING,
                    now,
                )?)
            })
        })
        .await?;
    Ok(Panel::new(
        201,
        ReplyBody {
            ticket_message: written.into(),
        },
    ))
}

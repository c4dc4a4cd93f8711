use super::model::{self, DetailObject};
use super::{bad_parameters, status, MAX_MESSAGE, MAX_SUBJECT};
use crate::input::Params;
use crate::schema::tickets as t;
use crate::state::State;
use crate::{caller, SmmError};
use actix_web::{web, HttpRequest};
use diesel::prelude::*;
use platform_auth::Authenticated;
use platform_db::Db;
use platform_http::docs::PanelError;
use platform_http::reply::Panel;
use serde::Serialize;

#[derive(Serialize, utoipa::ToSchema)]
pub struct TicketBody {
    ticket: DetailObject,
}

/// Open a ticket
///
/// `subject` (at most 255 characters) and `description`; either missing
/// or unreadable is 400 "پارامتر های وارد شده اشتباه هستند"
/// (`invalid_parameters`).
#[utoipa::path(
    post,
    path = "/api/v1/user/tickets",
    operation_id = "openTicket",
    tag = "tickets",
    security(("bearer" = [])),
    request_body(content = String, description = "`subject`, `description`", content_type = "application/json"),
    responses(
        (status = 201, description = "Opened", body = Panel<TicketBody>),
        (status = 400, description = "A parameter missing", body = PanelError),
        (status = 401, description = "No valid token", body = PanelError),
    )
)]
pub async fn create(
    req: HttpRequest,
    body: web::Bytes,
    Authenticated(claims): Authenticated,
    db: web::Data<Db>,
    state: web::Data<State>,
) -> Result<Panel<TicketBody>, SmmError> {
    let user_id = caller::user_id(&claims)?;
    let mut params = Params::read(&req, &body).map_err(|_| bad_parameters())?;
    let subject = params.required_text("subject", MAX_SUBJECT, false);
    let description = params.required_text("description", MAX_MESSAGE, true);
    let (Some(subject), Some(description)) = (subject, description) else {
        return Err(bad_parameters());
    };
    if params.has_errors() {
        return Err(bad_parameters());
    }
    let now = caller::now();
    let ids = crate::orders::place::new_ids();
    let loaded = db
        .run(move |conn| -> Result<model::Loaded, SmmError> {
            conn.write_transaction(|c| {
                // the description is the ticket's first words; `subject`
                // carries a random tail until the row is found again
                diesel::insert_into(t::table)
                    .values((
                        t::uid.eq(user_id),
                        t::subject.eq(&ids),
                        t::description.eq(&description),
                        t::status.eq(status::NEW),
                        t::changed.eq(now),
                        t::created.eq(now),
                    ))
                    .execute(c)?;
                let id: i64 = t::table
                    .filter(t::uid.eq(user_id))
                    .filter(t::subject.eq(&ids))
                    .select(t::id)
                    .first(c)?;
                diesel::update(t::table.find(id))
                    .set(t::subject.eq(&subject))
                    .execute(c)?;
                let ticket = model::find(c, id)?.ok_or(diesel::result::Error::NotFound)?;
                Ok(model::load(c, ticket)?)
            })
        })
        .await?;
    let person = state.people.one(user_id).await;
    Ok(Panel::new(
        201,
        TicketBody {
            ticket: DetailObject::new(loaded, person),
        },
    ))
}

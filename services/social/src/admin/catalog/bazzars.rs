//! `POST /web/admin/bazzars`: a bazzar, the top of the catalog.

use super::{create, done, Made};
use crate::admin::{IMAGE_MAX, NAME_MAX};
use crate::catalog::Kind;
use crate::clock::now;
use crate::input::Params;
use crate::openapi::{BazzarInput, Created};
use crate::schema::bazzars;
use crate::SocialError;
use actix_web::{web, HttpRequest};
use diesel::prelude::*;
use platform_auth::Admin;
use platform_db::Db;
use platform_http::docs::BazaarError;
use platform_http::reply::BazaarAction;

/// Create a bazzar (operators)
#[utoipa::path(
    post, path = "/web/admin/bazzars", operation_id = "createBazzar", tag = "admin",
    request_body(content = BazzarInput, description = "A form, JSON, or the query string"),
    responses(
        (status = 200, description = "`created`", body = Created),
        (status = 400, description = "A body that cannot be read (malformed JSON, form or multipart)", body = BazaarError),
        (status = 401, description = "`not login`", body = BazaarError),
        (status = 403, description = "Not an operator", body = BazaarError),
        (status = 413, description = "A body over `body_limit`", body = BazaarError),
        (status = 415, description = "A body that is no JSON, form or multipart form", body = BazaarError),
        (status = 422, description = "`Server Error` with every sentence", body = BazaarError),
    )
)]
pub async fn create_bazzar(
    _: Admin,
    req: HttpRequest,
    body: web::Bytes,
    db: web::Data<Db>,
) -> Result<BazaarAction<Made>, SocialError> {
    let mut p = Params::read_plain(&req, &body)?;
    let name = p.required_text("name", NAME_MAX, false).unwrap_or_default();
    let image = p.text("image", IMAGE_MAX, false);
    p.finish()?;
    let (n, i) = (name.clone(), image.clone());
    let id = create(&db, Kind::Bazzar, None, move |c| {
        diesel::insert_into(bazzars::table)
            .values((
                bazzars::name.eq(n),
                bazzars::image.eq(i),
                bazzars::created.eq(now()),
            ))
            .returning(bazzars::id)
            .get_result(c)
    })
    .await?;
    Ok(done(Made {
        name: Some(name),
        image,
        ..Made::new(id)
    }))
}

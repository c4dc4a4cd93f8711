//! `POST /web/admin/malls`: a mall in a bazzar.

use super::{create, done, Made};
use crate::admin::{IMAGE_MAX, NAME_MAX};
use crate::catalog::{Kind, Target};
use crate::clock::now;
use crate::input::Params;
use crate::openapi::{Created, MallInput};
use crate::schema::malls;
use crate::SocialError;
use actix_web::{web, HttpRequest};
use diesel::prelude::*;
use platform_auth::Admin;
use platform_db::Db;
use platform_http::docs::BazaarError;
use platform_http::reply::BazaarAction;

/// Create a mall in a bazzar (operators)
#[utoipa::path(
    post, path = "/web/admin/malls", operation_id = "createMall", tag = "admin",
    request_body(content = MallInput, description = "A form, JSON, or the query string"),
    responses(
        (status = 200, description = "`created`", body = Created),
        (status = 400, description = "A body that cannot be read (malformed JSON, form or multipart)", body = BazaarError),
        (status = 401, description = "`not login`", body = BazaarError),
        (status = 403, description = "Not an operator", body = BazaarError),
        (status = 404, description = "`Invalid Target`: no such bazzar", body = BazaarError),
        (status = 413, description = "A body over `body_limit`", body = BazaarError),
        (status = 415, description = "A body that is no JSON, form or multipart form", body = BazaarError),
        (status = 422, description = "`Server Error` with every sentence", body = BazaarError),
    )
)]
pub async fn create_mall(
    _: Admin,
    req: HttpRequest,
    body: web::Bytes,
    db: web::Data<Db>,
) -> Result<BazaarAction<Made>, SocialError> {
    let mut p = Params::read_plain(&req, &body)?;
    let name = p.required_text("name", NAME_MAX, false).unwrap_or_default();
    let bazzar = p.required_id("bazzar").unwrap_or_default();
    let image = p.text("image", IMAGE_MAX, false);
    p.finish()?;
    let (n, i) = (name.clone(), image.clone());
    let parent = Target {
        kind: Kind::Bazzar,
        id: bazzar,
    };
    let id = create(&db, Kind::Mall, Some(parent), move |c| {
        diesel::insert_into(malls::table)
            .values((
                malls::bazzar_id.eq(bazzar),
                malls::name.eq(n),
                malls::image.eq(i),
                malls::created.eq(now()),
            ))
            .returning(malls::id)
            .get_result(c)
    })
    .await?;
    Ok(done(Made {
        name: Some(name),
        image,
        bazzar: Some(bazzar),
        ..Made::new(id)
    }))
}

//! `POST /web/admin/stores`: a store in a mall, with its manager.

use super::{create, done, Made};
use crate::admin::{IMAGE_MAX, NAME_MAX};
use crate::catalog::{Kind, Target};
use crate::clock::now;
use crate::input::Params;
use crate::openapi::{Created, StoreInput};
use crate::schema::stores;
use crate::SocialError;
use actix_web::{web, HttpRequest};
use diesel::prelude::*;
use platform_auth::Admin;
use platform_db::Db;
use platform_http::docs::BazaarError;
use platform_http::reply::BazaarAction;

/// Create a store in a mall, with its manager (operators)
#[utoipa::path(
    post, path = "/web/admin/stores", operation_id = "createStore", tag = "admin",
    request_body(content = StoreInput, description = "A form, JSON, or the query string"),
    responses(
        (status = 200, description = "`created`", body = Created),
        (status = 400, description = "A body that cannot be read (malformed JSON, form or multipart)", body = BazaarError),
        (status = 401, description = "`not login`", body = BazaarError),
        (status = 403, description = "Not an operator", body = BazaarError),
        (status = 404, description = "`Invalid Target`: no such mall", body = BazaarError),
        (status = 413, description = "A body over `body_limit`", body = BazaarError),
        (status = 415, description = "A body that is no JSON, form or multipart form", body = BazaarError),
        (status = 422, description = "`Server Error` with every sentence", body = BazaarError),
    )
)]
pub async fn create_store(
    _: Admin,
    req: HttpRequest,
    body: web::Bytes,
    db: web::Data<Db>,
) -> Result<BazaarAction<Made>, SocialError> {
    let mut p = Params::read_plain(&req, &body)?;
    let name = p.required_text("name", NAME_MAX, false).unwrap_or_default();
    let mall = p.required_id("mall").unwrap_or_default();
    let manager = p.required_id("manager").unwrap_or_default();
    let image = p.text("image", IMAGE_MAX, false);
    p.finish()?;
    let (n, i) = (name.clone(), image.clone());
    let parent = Target {
        kind: Kind::Mall,
        id: mall,
    };
    let id = create(&db, Kind::Store, Some(parent), move |c| {
        diesel::insert_into(stores::table)
            .values((
                stores::mall_id.eq(mall),
                stores::name.eq(n),
                stores::image.eq(i),
                stores::manager.eq(manager),
                stores::created.eq(now()),
            ))
            .returning(stores::id)
            .get_result(c)
    })
    .await?;
    Ok(done(Made {
        name: Some(name),
        image,
        mall: Some(mall),
        manager: Some(manager),
        ..Made::new(id)
    }))
}

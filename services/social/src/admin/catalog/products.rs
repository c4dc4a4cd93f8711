//! `POST /web/admin/products`: a product in a store.

use super::{create, done, Made};
use crate::admin::{IMAGE_MAX, NAME_MAX};
use crate::catalog::{Kind, Target};
use crate::clock::now;
use crate::input::Params;
use crate::openapi::{Created, ProductInput};
use crate::schema::products;
use crate::SocialError;
use actix_web::{web, HttpRequest};
use diesel::prelude::*;
use platform_auth::Admin;
use platform_db::Db;
use platform_http::docs::BazaarError;
use platform_http::reply::BazaarAction;

/// Create a product in a store (operators)
#[utoipa::path(
    post, path = "/web/admin/products", operation_id = "createProduct", tag = "admin",
    request_body(content = ProductInput, description = "A form, JSON, or the query string"),
    responses(
        (status = 200, description = "`created`", body = Created),
        (status = 400, description = "A body that cannot be read (malformed JSON, form or multipart)", body = BazaarError),
        (status = 401, description = "`not login`", body = BazaarError),
        (status = 403, description = "Not an operator", body = BazaarError),
        (status = 404, description = "`Invalid Target`: no such store", body = BazaarError),
        (status = 413, description = "A body over `body_limit`", body = BazaarError),
        (status = 415, description = "A body that is no JSON, form or multipart form", body = BazaarError),
        (status = 422, description = "`Server Error` with every sentence", body = BazaarError),
    )
)]
pub async fn create_product(
    _: Admin,
    req: HttpRequest,
    body: web::Bytes,
    db: web::Data<Db>,
) -> Result<BazaarAction<Made>, SocialError> {
    let mut p = Params::read_plain(&req, &body)?;
    let title = p
        .required_text("title", NAME_MAX, false)
        .unwrap_or_default();
    let store = p.required_id("store").unwrap_or_default();
    let price = p.integer("price", 0, i64::MAX / 2);
    let main_image = p.text("mainImage", IMAGE_MAX, false);
    let price = price.unwrap_or_default();
    p.finish()?;
    let (t, i) = (title.clone(), main_image.clone());
    let parent = Target {
        kind: Kind::Store,
        id: store,
    };
    let id = create(&db, Kind::Product, Some(parent), move |c| {
        diesel::insert_into(products::table)
            .values((
                products::store_id.eq(store),
                products::title.eq(t),
                products::main_image.eq(i),
                products::price.eq(price),
                products::created.eq(now()),
            ))
            .returning(products::id)
            .get_result(c)
    })
    .await?;
    Ok(done(Made {
        title: Some(title),
        main_image,
        store: Some(store),
        price: Some(price),
        ..Made::new(id)
    }))
}

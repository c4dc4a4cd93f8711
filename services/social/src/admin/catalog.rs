//! Creating bazzars, malls, stores and products, each with its counters
//! row in the same transaction (every target has one from its start).

use super::{IMAGE_MAX, NAME_MAX};
use crate::catalog::{counters, Kind, Target};
use crate::clock::now;
use crate::input::Params;
use crate::openapi::{BazzarInput, Created, MallInput, ProductInput, StoreInput};
use crate::schema::{bazzars, malls, products, stores};
use crate::SocialError;
use actix_web::{web, HttpRequest};
use diesel::prelude::*;
use platform_auth::Admin;
use platform_db::{AnyConnection, Db};
use platform_http::docs::BazaarError;
use platform_http::reply::BazaarAction;
use serde::Serialize;

/// What was created: its id and fields.
#[derive(Debug, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Made {
    pub id: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub main_image: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bazzar: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mall: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub store: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub manager: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub price: Option<i64>,
}

impl Made {
    fn new(id: i64) -> Made {
        Made {
            id,
            name: None,
            title: None,
            image: None,
            main_image: None,
            bazzar: None,
            mall: None,
            store: None,
            manager: None,
            price: None,
        }
    }
}

/// Inserts with `insert` and makes the target's counters, in one
/// transaction; a missing parent is `Invalid Target`.
async fn create(
    db: &Db,
    kind: Kind,
    parent: Option<Target>,
    insert: impl FnOnce(&mut AnyConnection) -> QueryResult<i64> + Send + 'static,
) -> Result<i64, SocialError> {
    db.run(move |conn| {
        conn.write_transaction(|c| {
            if let Some(parent) = parent {
                if !counters::exists(c, parent)? {
                    return Err(SocialError::InvalidTarget);
                }
            }
            let id = insert(c)?;
            counters::create(c, Target { kind, id })?;
            Ok(id)
        })
    })
    .await
}

fn done(made: Made) -> BazaarAction<Made> {
    BazaarAction::new("created", made)
}

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

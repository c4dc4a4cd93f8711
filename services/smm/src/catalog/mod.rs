//! The public catalog: `GET /api/v1/categories` and `GET /api/v1/services`
//! (seed 002), open to anyone, parameters from the query or a JSON body.

pub mod categories;
pub mod model;
pub mod services;

use crate::input::Params;
use actix_web::web;
use platform_http::rules::Rule;

pub fn configure(cfg: &mut web::ServiceConfig) {
    // one resource per path: another method is a 405, not a 404
    cfg.service(web::resource("/api/v1/categories").route(web::get().to(categories::list)));
    cfg.service(web::resource("/api/v1/services").route(web::get().to(services::list)));
}

/// `order_by`: a column name, `-name` (or `name desc`) for descending.
/// The default is newest first, as the seed's examples are.
pub struct Order {
    pub column: &'static str,
    pub descending: bool,
}

pub fn order_by(params: &mut Params, allowed: &[&'static str]) -> Order {
    let newest = Order {
        column: "id",
        descending: true,
    };
    let Some(text) = params.text("order_by", 64, false) else {
        return newest;
    };
    let lower = text.to_ascii_lowercase();
    let (name, descending) = if let Some(rest) = lower.strip_prefix('-') {
        (rest.trim(), true)
    } else if let Some(rest) = lower.strip_suffix(" desc") {
        (rest.trim(), true)
    } else {
        (lower.strip_suffix(" asc").unwrap_or(&lower).trim(), false)
    };
    match allowed.iter().find(|c| **c == name) {
        Some(column) => Order { column, descending },
        None => {
            params.fail("order_by", Rule::Invalid);
            newest
        }
    }
}

//! A target as lists show it: id, name (a product's title), image (a
//! product's mainImage), its counters and, for a store, its score.

use super::counters::Counters;
use super::target::Kind;
use crate::schema::{bazzars, counters, malls, products, stores};
use diesel::prelude::*;
use platform_db::AnyConnection;
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    pub id: i64,
    /// Bazzars, malls and stores.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Products.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Bazzars, malls and stores.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// Products.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub main_image: Option<String>,
    /// Stores.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<i64>,
    /// Products.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub price: Option<i64>,
    #[serde(flatten)]
    pub counters: Counters,
}

/// The summaries of `ids` of `kind`, by id; ids that do not exist are
/// missing. Users (comment targets) have none here.
pub fn load(
    conn: &mut AnyConnection,
    kind: Kind,
    ids: &[i64],
) -> QueryResult<HashMap<i64, Summary>> {
    let mut counted: HashMap<i64, Counters> = counters::table
        .filter(counters::target_kind.eq(kind.name()))
        .filter(counters::target_id.eq_any(ids))
        .select((counters::target_id, Counters::as_select()))
        .load::<(i64, Counters)>(conn)?
        .into_iter()
        .collect();
    let blank = |id| Summary {
        id,
        name: None,
        title: None,
        image: None,
        main_image: None,
        score: None,
        price: None,
        counters: Counters::default(),
    };
    let rows: Vec<Summary> = match kind {
        Kind::Bazzar => bazzars::table
            .filter(bazzars::id.eq_any(ids))
            .select((bazzars::id, bazzars::name, bazzars::image))
            .load::<(i64, String, Option<String>)>(conn)?
            .into_iter()
            .map(|(id, name, image)| Summary {
                name: Some(name),
                image,
                ..blank(id)
            })
            .collect(),
        Kind::Mall => malls::table
            .filter(malls::id.eq_any(ids))
            .select((malls::id, malls::name, malls::image))
            .load::<(i64, String, Option<String>)>(conn)?
            .into_iter()
            .map(|(id, name, image)| Summary {
                name: Some(name),
                image,
                ..blank(id)
            })
            .collect(),
        Kind::Store => stores::table
            .filter(stores::id.eq_any(ids))
            .select((stores::id, stores::name, stores::image, stores::score))
            .load::<(i64, String, Option<String>, i64)>(conn)?
            .into_iter()
            .map(|(id, name, image, score)| Summary {
                name: Some(name),
                image,
                score: Some(score),
                ..blank(id)
            })
            .collect(),
        Kind::Product => products::table
            .filter(products::id.eq_any(ids))
            .select((
                products::id,
                products::title,
                products::main_image,
                products::price,
            ))
            .load::<(i64, String, Option<String>, i64)>(conn)?
            .into_iter()
            .map(|(id, title, main_image, price)| Summary {
                title: Some(title),
                main_image,
                price: Some(price),
                ..blank(id)
            })
            .collect(),
        Kind::User => Vec::new(),
    };
    Ok(rows
        .into_iter()
        .map(|mut s| {
            s.counters = counted.remove(&s.id).unwrap_or_default();
            (s.id, s)
        })
        .collect())
}

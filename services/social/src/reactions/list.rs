use super::kind::Reaction;
use crate::caller::user_id;
use crate::catalog::summary::{self, Summary};
use crate::catalog::Kind;
use crate::openapi::{ListQuery, TargetListItems};
use crate::paging;
use crate::schema::{last_views as lv, reactions as r};
use crate::SocialError;
use actix_web::web;
use actix_web::HttpRequest;
use diesel::prelude::*;
use platform_auth::Authenticated;
use platform_db::Db;
use platform_http::docs::BazaarError;
use platform_http::reply::YiiList;
use serde::ser::{Serialize, SerializeMap, Serializer};

/// One of the caller's likes, dislikes, favorites, subscriptions or
/// (last) views: `{"id","user","<kind>":<target id>,"createDate","target":{…}}`.
pub struct Item {
    pub id: i64,
    pub user: i64,
    pub kind: Kind,
    pub target_id: i64,
    pub created: i64,
    pub target: Option<Summary>,
}

impl Serialize for Item {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(5))?;
        map.serialize_entry("id", &self.id)?;
        map.serialize_entry("user", &self.user)?;
        map.serialize_entry(self.kind.name(), &self.target_id)?;
        map.serialize_entry("createDate", &self.created)?;
        map.serialize_entry("target", &self.target)?;
        map.end()
    }
}

/// What a list shows.
enum Listed {
    Reaction(Reaction),
    Views,
}

/// The caller's own likes, dislikes, favorites, notifications or views
///
/// `GET /web/{target}-user-likes` (`-dislikes`, `-favorites`,
/// `-notifications`, `-views`) for `target` bazzar, mall, store or product:
/// newest first, each with the target's summary and counters. Views show
/// each target once, by its last view.
#[utoipa::path(
    get,
    path = "/web/{target}-user-{kind}",
    operation_id = "listMine",
    tag = "lists",
    params(
        ("target" = String, Path, description = "bazzar, mall, store or product"),
        ("kind" = String, Path, description = "likes, dislikes, favorites, views or notifications"),
        ListQuery,
    ),
    responses(
        (status = 200, description = "A Yii2 list", body = TargetListItems),
        (status = 401, description = "`not login`", body = BazaarError),
        (status = 404, description = "`Invalid Target`, or `Invalid Type` for an unknown list", body = BazaarError),
        (status = 422, description = "`Server Error`: a page or page size out of bounds, or `x` or `y` that is no coordinate", body = BazaarError),
    )
)]
pub async fn list(
    Authenticated(claims): Authenticated,
    path: web::Path<(String, String)>,
    req: HttpRequest,
    db: web::Data<Db>,
) -> Result<YiiList<Item>, SocialError> {
    let (target, list) = path.into_inner();
    let kind = Kind::catalog(&target)?;
    let listed = match list.as_str() {
        "likes" => Listed::Reaction(Reaction::Like),
        "dislikes" => Listed::Reaction(Reaction::Dislike),
        "favorites" => Listed::Reaction(Reaction::Favorite),
        "notifications" => Listed::Reaction(Reaction::Notification),
        "views" => Listed::Views,
        _ => return Err(platform_service::BaseError::NotFound.into()),
    };
    let user = user_id(&claims)?;
    crate::input::list_query(&req, &claims)?;
    let (paging, url) = paging::of(&req)?;
    let (limit, offset) = paging::window(paging);
    let (total, items) = db
        .run(move |conn| -> Result<_, SocialError> {
            let (total, rows): (i64, Vec<(i64, i64, i64)>) = match listed {
                Listed::Reaction(reaction) => {
                    let mine = || {
                        r::table
                            .filter(r::user_id.eq(user))
                            .filter(r::kind.eq(reaction.name()))
                            .filter(r::target_kind.eq(kind.name()))
                    };
                    let total = mine().count().get_result(conn)?;
                    let rows = mine()
                        .order(r::id.desc())
                        .limit(limit)
                        .offset(offset)
                        .select((r::id, r::target_id, r::created))
                        .load(conn)?;
                    (total, rows)
                }
                Listed::Views => {
                    let mine = || {
                        lv::table
                            .filter(lv::user_id.eq(user))
                            .filter(lv::target_kind.eq(kind.name()))
                    };
                    let total = mine().count().get_result(conn)?;
                    let rows = mine()
                        .order(lv::view_id.desc())
                        .limit(limit)
                        .offset(offset)
                        .select((lv::view_id, lv::target_id, lv::created))
                        .load(conn)?;
                    (total, rows)
                }
            };
            let ids: Vec<i64> = rows.iter().map(|(_, t, _)| *t).collect();
            let mut summaries = summary::load(conn, kind, &ids)?;
            let items = rows
                .into_iter()
                .map(|(id, target_id, created)| Item {
                    id,
                    user,
                    kind,
                    target_id,
                    created,
                    target: summaries.remove(&target_id),
                })
                .collect::<Vec<_>>();
            Ok((total, items))
        })
        .await?;
    Ok(YiiList::new(
        items,
        u64::try_from(total).unwrap_or(0),
        paging,
        &url,
    ))
}

use super::store::{self, Comment, Whose};
use crate::caller::user_id;
use crate::catalog::counters;
use crate::catalog::{Kind, Target};
use crate::openapi::{CommentItems, CommentsQuery};
use crate::paging;
use crate::people::{People, Person};
use crate::SocialError;
use actix_web::{web, HttpRequest};
use platform_auth::Authenticated;
use platform_db::Db;
use platform_http::docs::BazaarError;
use platform_http::fields::FieldErrors;
use platform_http::input::Fields;
use platform_http::reply::YiiList;
use platform_http::rules::Rule;
use serde::ser::{Serialize, SerializeMap, Serializer};

/// `{"id","user","<kind>":<target id>,"commentDate","text","pros","cons",
/// "userTitle","avatar"}` (the writer's name and avatar from identity); on
/// a user the target's key is `targetUser`, since `user` is the writer.
pub struct Item {
    comment: Comment,
    kind: Kind,
    writer: Person,
}

impl Serialize for Item {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let c = &self.comment;
        let mut map = s.serialize_map(Some(9))?;
        map.serialize_entry("id", &c.id)?;
        map.serialize_entry("user", &c.user_id)?;
        // `user` is the writer: a comment on a user names it `targetUser`
        let key = match self.kind {
            Kind::User => "targetUser",
            kind => kind.name(),
        };
        map.serialize_entry(key, &c.target_id)?;
        map.serialize_entry("commentDate", &c.created)?;
        map.serialize_entry("text", &c.text)?;
        map.serialize_entry("pros", &c.pros)?;
        map.serialize_entry("cons", &c.cons)?;
        map.serialize_entry("userTitle", &self.writer.title)?;
        map.serialize_entry("avatar", &self.writer.avatar)?;
        map.end()
    }
}

/// Comments: the caller's own, or everyone's on one target
///
/// `GET /web/{target}-user-comments` for `target` bazzar, mall, store,
/// product or user: the caller's comments on that kind, newest first; with
/// `id`, every user's comments on that one target (a store's or product's
/// public comments).
#[utoipa::path(
    get,
    path = "/web/{target}-user-comments",
    operation_id = "listComments",
    tag = "comments",
    params(
        ("target" = String, Path, description = "bazzar, mall, store, product or user"),
        CommentsQuery,
    ),
    responses(
        (status = 200, description = "A Yii2 list", body = CommentItems),
        (status = 401, description = "`not login`", body = BazaarError),
        (status = 404, description = "`Invalid Target`", body = BazaarError),
        (status = 422, description = "A non-numeric id, or a page out of bounds", body = BazaarError),
    )
)]
pub async fn list(
    Authenticated(claims): Authenticated,
    target: web::Path<String>,
    req: HttpRequest,
    db: web::Data<Db>,
    people: web::Data<People>,
) -> Result<YiiList<Item>, SocialError> {
    let kind = Kind::commentable(&target)?;
    let user = user_id(&claims)?;
    let (paging, url) = paging::of(&req)?;
    let (limit, offset) = paging::window(paging);
    let query = Fields::read(&req, &[], platform_http::input::Sources::ANYWHERE)
        .map_err(crate::input::unreadable)?;
    let whose = match query.integer("id") {
        Ok(Some(id)) if id >= 1 => Whose::On(id),
        Ok(None) => Whose::Mine(user),
        _ => {
            let mut errors = FieldErrors::default();
            errors.add_rule("id", "Id", Rule::NotInteger);
            return Err(SocialError::Invalid(errors));
        }
    };
    let (total, comments) = db
        .run(move |conn| -> Result<_, SocialError> {
            if let (Whose::On(id), true) = (whose, kind != Kind::User) {
                if !counters::exists(conn, Target { kind, id })? {
                    return Err(SocialError::InvalidTarget);
                }
            }
            Ok(store::page(conn, kind, whose, limit, offset)?)
        })
        .await?;
    let writers: Vec<i64> = comments.iter().map(|c| c.user_id).collect();
    let names = people.names(&writers).await;
    let items = comments
        .into_iter()
        .map(|comment| Item {
            writer: names.get(&comment.user_id).cloned().unwrap_or_default(),
            comment,
            kind,
        })
        .collect();
    Ok(YiiList::new(
        items,
        u64::try_from(total).unwrap_or(0),
        paging,
        &url,
    ))
}

//! The public API as the code describes it: `proto-docs/social.yaml` is
//! [`document`]'s output (`cargo run -p stack --bin openapi` writes it; a
//! test fails when the file differs).

#![expect(
    dead_code,
    reason = "schemas only: the handlers read Fields and send the reply types"
)]

use crate::broadcasts::Broadcast;
use crate::catalog::summary::Summary;
use crate::offers::Offer;
use crate::store_messages::StoreMessage;
use crate::{admin, broadcasts, comments, manager, offers, reactions, store_messages};
use platform_http::docs::APP_TOKEN;
use utoipa::openapi::schema::OneOfBuilder;
use utoipa::openapi::{Object, ObjectBuilder, Schema, Type};
use utoipa::{IntoParams, OpenApi, ToSchema};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Social — the marketplace app's social API",
        version = "1",
        description = include_str!("openapi.md")
    ),
    servers((url = "http://127.0.0.1:8080", description = "the gateway of the embedded stack")),
    paths(
        comments::list::list,
        reactions::list::list,
        comments::add::add_comment,
        reactions::add::add,
        reactions::view::add_view,
        reactions::delete::delete,
        reactions::is_true::is_true,
        offers::list::list,
        offers::read::read_offer,
        store_messages::list::list,
        store_messages::submit::submit,
        broadcasts::list::list,
        broadcasts::read::read,
        manager::messages::messages,
        manager::answer::answer,
        manager::send_offer::send_offer,
        manager::send_broadcast::send_broadcast,
        manager::statistics::statistics,
        admin::catalog::bazzars::create_bazzar,
        admin::catalog::malls::create_mall,
        admin::catalog::stores::create_store,
        admin::catalog::products::create_product,
        admin::broadcasts::create_broadcast,
    ),
    components(schemas(platform_http::docs::BazaarError, Summary)),
    modifiers(&APP_TOKEN),
    security(("bearer" = []), ("token" = [])),
    tags(
        (name = "lists", description = "The caller's likes, dislikes, favorites, notifications and views"),
        (name = "comments", description = "Comments on bazzars, malls, stores, products and users"),
        (name = "reactions", description = "Adding and deleting likes, dislikes, favorites, notifications and views"),
        (name = "offers", description = "Offers stores sent to the caller"),
        (name = "store messages", description = "The caller's messages to stores and their answers"),
        (name = "broadcasts", description = "Broadcasts the caller sees (seed 000)"),
        (name = "store manager", description = "A store's manager (after the app's store-manager documents)"),
        (name = "admin", description = "Operators only (the admin role)"),
    )
)]
pub struct ApiDoc;

/// The document, as YAML.
pub fn document() -> String {
    platform_http::docs::yaml::<ApiDoc>()
}

/// The app's parameters on every call, and a list's page.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// The caller's mobile; one that is not the token's is `not login`.
    username: Option<String>,
    #[param(schema_with = longitude_param)]
    x: Option<f64>,
    #[param(schema_with = latitude_param)]
    y: Option<f64>,
    /// 1-based.
    page: Option<u64>,
    #[param(rename = "perPage", schema_with = page_size)]
    per_page: Option<u64>,
}

/// A coordinate's text as the server reads it: a number's, or blank, which
/// reads as absent.
const COORDINATE_TEXT: &str = r"^\s*([+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)?\s*$";

/// `x` or `y`: a number within `bound`, or its text, or blank (absent); in
/// a JSON body also `null`. Anything else is `Server Error` (422).
fn coordinate(bound: f64, what: &str, json: bool) -> Schema {
    let mut one = OneOfBuilder::new()
        .item(
            ObjectBuilder::new()
                .schema_type(Type::Number)
                .minimum(Some(-bound))
                .maximum(Some(bound)),
        )
        .item(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .pattern(Some(COORDINATE_TEXT)),
        );
    if json {
        one = one.item(ObjectBuilder::new().schema_type(Type::Null));
    }
    one.description(Some(format!(
        "The device's {what}: a number within ±{bound}, or blank when unknown."
    )))
    .build()
    .into()
}

fn longitude_param() -> Schema {
    coordinate(180.0, "longitude", false)
}

fn latitude_param() -> Schema {
    coordinate(90.0, "latitude", false)
}

fn longitude() -> Schema {
    coordinate(180.0, "longitude", true)
}

fn latitude() -> Schema {
    coordinate(90.0, "latitude", true)
}

/// A page size: any whole number from 1 the server reads (a size over 100
/// is lowered to 100, not refused).
fn page_size() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::Integer)
        .description(Some(
            "1 or more (also `per-page` or `pageSize`); over 100 reads as 100, \
             as Yii2's `pageSizeLimit` does; 20 when absent.",
        ))
        .minimum(Some(1))
        .maximum(Some(u64::MAX))
        .build()
}

/// As [`ListQuery`], with a target's id for everyone's comments on it.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CommentsQuery {
    /// A target's id: every user's comments on it; absent: the caller's.
    id: Option<i64>,
    username: Option<String>,
    page: Option<u64>,
    #[param(rename = "perPage", schema_with = page_size)]
    per_page: Option<u64>,
}

/// A store manager's list: which of their stores, and the page.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ManagerListQuery {
    /// One of the caller's stores; their first when absent.
    store: Option<i64>,
    page: Option<u64>,
    #[param(rename = "perPage", schema_with = page_size)]
    per_page: Option<u64>,
}

/// `target` (bazzar, mall, store, product) and `id`, with the app's
/// `username`, `x` and `y`.
#[derive(ToSchema)]
pub struct ActionInput {
    target: String,
    id: i64,
    username: Option<String>,
    #[schema(schema_with = longitude)]
    x: Option<f64>,
    #[schema(schema_with = latitude)]
    y: Option<f64>,
}

#[derive(ToSchema)]
pub struct IsTrueInput {
    /// like, dislike, view, comment, notification or favorite.
    r#type: String,
    target: String,
    id: i64,
}

#[derive(ToSchema)]
pub struct CommentInput {
    /// bazzar, mall, store, product or user.
    target: String,
    id: i64,
    /// At most 5000 characters.
    text: String,
    pros: Option<String>,
    cons: Option<String>,
}

#[derive(ToSchema)]
pub struct IdInput {
    id: i64,
}

#[derive(ToSchema)]
pub struct StoreMessageInput {
    store: i64,
    title: String,
    text: String,
    /// The path or URL of a file already uploaded.
    attachment: Option<String>,
}

#[derive(ToSchema)]
pub struct AnswerInput {
    /// The store message's id.
    message: i64,
    answer: String,
    attachment: Option<String>,
}

#[derive(ToSchema)]
pub struct OfferInput {
    /// identity's id of the user.
    user: i64,
    text: String,
    /// One of the caller's stores; their first when absent.
    store: Option<i64>,
}

#[derive(ToSchema)]
pub struct BroadcastInput {
    title: String,
    text: String,
    store: Option<i64>,
}

#[derive(ToSchema)]
pub struct BazzarInput {
    name: String,
    image: Option<String>,
}

#[derive(ToSchema)]
pub struct MallInput {
    name: String,
    bazzar: i64,
    image: Option<String>,
}

#[derive(ToSchema)]
pub struct StoreInput {
    name: String,
    mall: i64,
    /// identity's id of the manager.
    manager: i64,
    image: Option<String>,
}

#[derive(ToSchema)]
pub struct ProductInput {
    title: String,
    store: i64,
    price: Option<i64>,
    #[schema(rename = "mainImage")]
    main_image: Option<String>,
}

#[derive(ToSchema)]
pub struct AdminBroadcastInput {
    title: String,
    text: String,
    /// To this user only.
    user: Option<i64>,
    /// To this role number only (8: the app's customers).
    role: Option<i64>,
}

/// `{"status":"success","message":"...","data":""}`.
#[derive(ToSchema)]
pub struct Done {
    #[schema(example = "success")]
    status: String,
    message: String,
    #[schema(example = "")]
    data: String,
}

/// `{"status":"success","message":"...","data":{"id":N,...}}`.
#[derive(ToSchema)]
pub struct Created {
    #[schema(example = "success")]
    status: String,
    message: String,
    #[schema(schema_with = platform_http::docs::any_value)]
    data: serde_json::Value,
}

/// The "is true" answer: `message` the app's word, `data` the same as a
/// boolean.
#[derive(ToSchema)]
pub struct Checked {
    #[schema(example = "success")]
    status: String,
    #[schema(example = "Liked")]
    message: String,
    data: bool,
}

#[derive(ToSchema)]
pub struct StatisticsAnswer {
    #[schema(example = "statistics")]
    message: String,
    data: manager::statistics::Statistics,
}

/// The Yii2 list's `_links` and `_meta`.
#[derive(ToSchema)]
pub struct Meta {
    #[schema(rename = "totalCount")]
    total_count: u64,
    #[schema(rename = "pageCount")]
    page_count: u64,
    #[schema(rename = "currentPage")]
    current_page: u64,
    #[schema(rename = "perPage")]
    per_page: u64,
}

/// One of the caller's reactions or views: `id`, `user`, the target's kind
/// as key with its id, `createDate` and the target's summary.
#[derive(ToSchema)]
pub struct TargetListItem {
    id: i64,
    user: i64,
    #[schema(rename = "createDate")]
    create_date: i64,
    target: Summary,
}

/// A comment: `id`, `user`, the target's kind as key with its id,
/// `commentDate`, `text`, `pros`, `cons`, `userTitle`, `avatar`.
#[derive(ToSchema)]
pub struct CommentItem {
    id: i64,
    user: i64,
    #[schema(rename = "commentDate")]
    comment_date: i64,
    text: String,
    pros: Option<String>,
    cons: Option<String>,
    #[schema(rename = "userTitle")]
    user_title: Option<String>,
    avatar: Option<String>,
}

macro_rules! yii_list {
    ($name:ident, $item:ty) => {
        /// A Yii2 list: `items`, `_links` (`self`, `next`, `last`) and `_meta`.
        #[derive(ToSchema)]
        pub struct $name {
            items: Vec<$item>,
            #[schema(rename = "_links", schema_with = platform_http::docs::any_value)]
            links: serde_json::Value,
            #[schema(rename = "_meta")]
            meta: Meta,
        }
    };
}

yii_list!(TargetListItems, TargetListItem);
yii_list!(CommentItems, CommentItem);
yii_list!(OfferItems, Offer);
yii_list!(StoreMessageItems, StoreMessage);
yii_list!(BroadcastItems, Broadcast);

/// The store-manager lists' paged envelope; `totalCount` is a string.
#[derive(ToSchema)]
pub struct StoreMessagePage {
    #[schema(example = "success")]
    status: String,
    message: String,
    #[schema(rename = "totalCount")]
    total_count: String,
    #[schema(rename = "totalPages")]
    total_pages: u64,
    page: u64,
    #[schema(rename = "perPage")]
    per_page: u64,
    data: Vec<StoreMessage>,
}

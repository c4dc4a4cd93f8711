//! The public API as the code describes it: `proto-docs/smm.yaml` is
//! [`document`]'s output (`cargo run -p stack --bin openapi` writes it; a
//! test fails when the file differs).

use crate::{
    account, admin, catalog, freecredit, gifts, notifications, orders, payments, reseller, stats,
    tickets,
};
use platform_http::docs::APP_TOKEN;
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "SMM panel API",
        version = "1",
        description = include_str!("openapi.md")
    ),
    servers((url = "http://127.0.0.1:8080", description = "the gateway of the embedded stack")),
    paths(
        catalog::categories::list,
        catalog::services::list,
        orders::create::create,
        orders::list::list,
        orders::read::read,
        account::api_key::rotate,
        reseller::dispatch,
        admin::categories::create,
        admin::categories::update,
        admin::services::create,
        admin::services::update,
        admin::providers::create,
        admin::providers::list,
        admin::providers::refresh,
        admin::providers::import,
        admin::wallets::adjust,
        admin::orders::list,
        admin::orders::set_status,
        admin::orders::resend,
        admin::reconcile::check,
        payments::create::create,
        payments::verify::verify,
        payments::test::test,
        freecredit::take,
        notifications::list::list,
        notifications::unread::unread,
        notifications::mark::mark,
        tickets::list::list,
        tickets::create::create,
        tickets::read::read,
        tickets::reply::reply,
        tickets::admin_list::list,
        tickets::answer::answer,
        gifts::wheel::spin,
        gifts::list::list,
        gifts::use_gift::use_gift,
        gifts::admin_create::create,
        gifts::admin_list::list,
        stats::top_users::top_users,
        stats::top_services::top_services,
    ),
    components(schemas(platform_http::docs::PanelError)),
    modifiers(&APP_TOKEN),
    tags(
        (name = "catalog", description = "Categories and services on sale"),
        (name = "orders", description = "The caller's orders"),
        (name = "reseller", description = "The reseller API v2 and its key"),
        (name = "wallet", description = "Top-ups through Zarinpal and free credit"),
        (name = "notifications", description = "What happened to the caller's wallet, orders and tickets"),
        (name = "tickets", description = "Support tickets"),
        (name = "gifts", description = "The wheel of fortune and the gifts it gives"),
        (name = "stats", description = "Who buys most, and what"),
        (name = "admin", description = "Operators only (the admin role)"),
    )
)]
pub struct ApiDoc;

/// The document, as YAML.
pub fn document() -> String {
    platform_http::docs::yaml::<ApiDoc>()
}

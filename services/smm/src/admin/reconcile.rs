use crate::wallet::reconcile::{self, Report};
use crate::SmmError;
use actix_web::web;
use platform_auth::Admin;
use platform_db::Db;
use platform_http::docs::PanelError;
use platform_http::reply::Panel;
use serde::Serialize;

#[derive(Serialize, utoipa::ToSchema)]
pub struct ReconcileBody {
    report: Report,
}

/// Check the books
///
/// For every account, whether its ledger sums to its balance; the accounts
/// where it does not are listed (none is the only right answer). The same
/// check runs from the command line as `smm-reconcile`.
#[utoipa::path(
    get,
    path = "/api/v1/admin/reconcile",
    operation_id = "adminReconcile",
    tag = "admin",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The check's report", body = Panel<ReconcileBody>),
        (status = 401, description = "No valid token", body = PanelError),
        (status = 403, description = "Not an operator", body = PanelError),
    )
)]
pub async fn check(_: Admin, db: web::Data<Db>) -> Result<Panel<ReconcileBody>, SmmError> {
    let report = db
        .run(|conn| reconcile::run(conn).map_err(SmmError::from))
        .await?;
    Ok(Panel::new(200, ReconcileBody { report }))
}

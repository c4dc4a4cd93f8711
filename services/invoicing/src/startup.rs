use crate::settings::Settings;
use platform_http::{Dialect, Served};
use platform_service::Kit;

pub use platform_service::StartError;

/// The builder: `Application::build(settings)` binds and returns the server
/// ready to run.
pub struct Application;

impl Application {
    /// Everything but the routes is the service kit's.
    pub async fn build(settings: Settings) -> Result<Served, StartError> {
        let kit = Kit::open(&settings, &crate::MIGRATIONS).await?;
        kit.serve::<crate::InvoicingError, _>(Dialect::Ledger, crate::customers::configure)
    }
}

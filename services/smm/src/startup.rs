use crate::payments::zarinpal::Zarinpal;
use crate::people::Directory;
use crate::settings::Settings;
use crate::state::State;
use crate::upstream::{self, client::Client, forward::Forwarder, sync::Syncer, Wake};
use actix_web::web;
use platform_http::{Dialect, Served};
use platform_service::{Kit, StartError};
use std::time::Duration;

/// The builder: `Application::build(settings)` binds, migrates, starts the
/// workers (unless `workers` is off) and returns the server ready to run.
pub struct Application;

impl Application {
    pub async fn build(settings: Settings) -> Result<Served, StartError> {
        let kit = Kit::open(&settings, &crate::MIGRATIONS).await?;
        let client = Client::new(Duration::from_millis(settings.provider_timeout_ms))
            .map_err(|e| StartError::Setting(format!("provider_timeout_ms: {e}")))?;
        let wake = Wake::default();
        if settings.workers {
            let timeout_secs = settings.provider_timeout_ms.div_ceil(1000) as i64;
            upstream::start(
                Forwarder {
                    db: kit.db().clone(),
                    client: client.clone(),
                    lease_secs: timeout_secs + 30,
                },
                Syncer {
                    db: kit.db().clone(),
                    client: client.clone(),
                    interval_secs: settings.sync_interval_ms.div_ceil(1000) as i64,
                    batch: settings.sync_batch,
                    writes: (settings.common.max_connections as usize / 2).clamp(1, 8),
                },
                wake.clone(),
                Duration::from_millis(settings.forward_interval_ms),
                Duration::from_millis(settings.sync_interval_ms),
            );
        }
        let people = Directory::new(
            settings.identity_url.as_deref(),
            Duration::from_millis(settings.identity_timeout_ms),
            kit.internal_key().clone(),
        )
        .map_err(StartError::Setting)?;
        let zarinpal = Zarinpal::new(settings.zarinpal.clone()).map_err(StartError::Setting)?;
        let state = web::Data::new(State {
            max_runs: settings.max_runs,
            currency: settings.currency.clone(),
            client,
            forwarder: wake,
            people,
            zarinpal,
            free_credit: settings.free_credit.clone(),
            wheel: settings.wheel.clone(),
        });
        let body_limit = settings.common.body_limit;
        kit.serve::<crate::SmmError, _>(Dialect::Panel, move |cfg| {
            cfg.app_data(state.clone());
            crate::catalog::configure(cfg);
            crate::orders::configure(cfg);
            crate::account::configure(cfg);
            crate::admin::configure(cfg);
            crate::payments::configure(cfg);
            crate::notifications::configure(cfg);
            crate::freecredit::configure(cfg);
            crate::tickets::configure(cfg);
            crate::gifts::configure(cfg);
            crate::stats::configure(cfg);
            crate::reseller::configure(body_limit)(cfg);
        })
    }
}

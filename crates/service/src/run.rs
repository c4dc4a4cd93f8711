//! Every binary's `main`: logs at `info` unless `RUST_LOG` says otherwise,
//! loads settings, builds, prints the listening line, serves until SIGTERM
//! or Ctrl-C, and exits non-zero with a message naming the bad key.

use crate::settings::{load, ServiceSettings};
use platform_http::Served;
use platform_settings::SettingsError;
use std::fmt::Display;
use std::future::Future;
use std::process::ExitCode;

/// `main` of a service: `platform_service::main(identity::Application::build).await`.
pub async fn main<S, F, Fut, E>(build: F) -> ExitCode
where
    S: ServiceSettings,
    F: FnOnce(S) -> Fut,
    Fut: Future<Output = Result<Served, E>>,
    E: Display,
{
    main_with(S::NAME, load::<S>, build).await
}

/// `main` of any binary named `name` whose settings come from `load`.
pub async fn main_with<S, L, F, Fut, E>(name: &str, load: L, build: F) -> ExitCode
where
    L: FnOnce() -> Result<S, SettingsError>,
    F: FnOnce(S) -> Fut,
    Fut: Future<Output = Result<Served, E>>,
    E: Display,
{
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("info")).init();
    let failed = |e: &dyn Display| {
        // whatever RUST_LOG says, the reason (naming the setting) is shown
        eprintln!("{name} did not start: {e}");
        ExitCode::FAILURE
    };
    let settings = match load() {
        Ok(settings) => settings,
        Err(e) => return failed(&e),
    };
    let served = match build(settings).await {
        Ok(served) => served,
        Err(e) => return failed(&e),
    };
    log::info!("{name} listening on port {}", served.port());
    match served.run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            log::error!("{name}: {e}");
            ExitCode::FAILURE
        }
    }
}

use std::process::ExitCode;

#[actix_web::main]
async fn main() -> ExitCode {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("info")).init();
    let settings = match platform_settings::load::<identity::Settings>("identity") {
        Ok(settings) => settings,
        Err(e) => {
            log::error!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let app = match identity::Application::build(settings).await {
        Ok(app) => app,
        Err(e) => {
            log::error!("{e}");
            return ExitCode::FAILURE;
        }
    };
    log::info!("identity listening on port {}", app.port());
    match app.run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            log::error!("identity: {e}");
            ExitCode::FAILURE
        }
    }
}

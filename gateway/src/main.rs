//! `gateway`: loads `GATEWAY` settings and runs the gateway.

#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[actix_web::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("info")).init();
    let settings: gateway::Settings = platform_settings::load("gateway")?;
    let app = gateway::Application::build(settings).await?;
    log::info!("gateway listening on port {}", app.port());
    app.run().await?;
    Ok(())
}

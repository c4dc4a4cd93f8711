use invoicing::{Application, Settings};

#[actix_web::main]
async fn main() {
    env_logger::init();
    if let Err(e) = serve().await {
        // whatever RUST_LOG says, the reason (naming the setting) is shown
        eprintln!("invoicing did not start: {e}");
        std::process::exit(1);
    }
}

async fn serve() -> Result<(), Box<dyn std::error::Error>> {
    let settings: Settings = platform_settings::load("invoicing")?;
    let app = Application::build(settings).await?;
    log::info!("invoicing listening on port {}", app.port());
    app.run().await?;
    Ok(())
}

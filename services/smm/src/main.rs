#[actix_web::main]
async fn main() -> std::process::ExitCode {
    platform_service::main(smm::Application::build).await
}

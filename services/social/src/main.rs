#[actix_web::main]
async fn main() -> std::process::ExitCode {
    platform_service::main(social::Application::build).await
}

#[actix_web::main]
async fn main() -> std::process::ExitCode {
    platform_service::main(chat::Application::build).await
}

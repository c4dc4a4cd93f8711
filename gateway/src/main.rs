//! `gateway`: loads `GATEWAY` settings and runs the gateway.

#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[actix_web::main]
async fn main() -> std::process::ExitCode {
    platform_service::main_with(
        "gateway",
        || platform_settings::load("gateway"),
        gateway::Application::build,
    )
    .await
}

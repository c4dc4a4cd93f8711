//! `stack`: the whole platform in one process (see the crate docs).

#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[actix_web::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("info")).init();
    let settings: stack::StackSettings = platform_settings::load("stack")?;
    let stack = stack::Stack::start(settings).await?;
    for c in stack.components() {
        println!("{:<10} {}", c.name, c.url);
    }
    println!(
        "ready: the platform answers at {}; SMS codes appear in this log",
        stack.components()[0].url
    );
    stack.run().await?;
    Ok(())
}

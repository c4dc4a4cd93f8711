use actix_web::dev::{Server, ServerHandle};

/// A server bound to its port and built, not yet serving: what the builder
/// of the gateway and of every service returns, so tests and the stack can
/// learn the port (port 0 in tests) before they run it.
pub struct Served {
    port: u16,
    server: Server,
}

impl Served {
    pub fn new(port: u16, server: Server) -> Served {
        Served { port, server }
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Stops the server from elsewhere (the stack, tests).
    pub fn handle(&self) -> ServerHandle {
        self.server.handle()
    }

    /// Serves until stopped; SIGTERM and Ctrl-C stop it gracefully.
    pub async fn run(self) -> std::io::Result<()> {
        self.server.await
    }
}

use actix_web::{web, App, HttpResponse, HttpServer};
use platform_auth::{jwks_document, SigningKey};

/// Starts an actix server with one worker on a free loopback port.
fn serve<F>(workers: usize, routes: F) -> u16
where
    F: Fn(&mut web::ServiceConfig) + Clone + Send + 'static,
{
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("bound").port();
    let server = HttpServer::new(move || App::new().configure(routes.clone()))
        .workers(workers)
        .disable_signals()
        .listen(listener)
        .expect("listen")
        .run();
    actix_web::rt::spawn(server);
    port
}

/// The trivial upstream: a small JSON answer.
pub fn upstream(workers: usize) -> u16 {
    serve(workers, |cfg| {
        cfg.route("/readyz", web::get().to(HttpResponse::Ok))
            .default_service(web::to(|| async {
                HttpResponse::Ok()
                    .content_type("application/json")
                    .body(r#"{"status":200,"message":"ok"}"#)
            }));
    })
}

/// A stand-in identity serving the JWKS of `key`.
pub fn jwks(key: &SigningKey) -> u16 {
    let doc = jwks_document([key]).to_string();
    serve(1, move |cfg| {
        let doc = doc.clone();
        cfg.route(
            "/.well-known/jwks.json",
            web::get().to(move || {
                let doc = doc.clone();
                async move {
                    HttpResponse::Ok()
                        .content_type("application/json")
                        .body(doc)
                }
            }),
        );
    })
}

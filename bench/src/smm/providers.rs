//! Stand-in upstream panels for the sync benchmark: the reseller API v2's
//! `status` for any ids, In progress until told Completed, and `balance`.

use actix_web::{web, App, HttpResponse, HttpServer};
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;

#[derive(Clone, Default)]
pub struct Switch {
    pub completed: Arc<AtomicBool>,
    pub status_calls: Arc<AtomicU64>,
}

async fn answer(
    form: web::Form<HashMap<String, String>>,
    switch: web::Data<Switch>,
) -> HttpResponse {
    let reply = match form.get("action").map(String::as_str) {
        Some("status") => {
            switch.status_calls.fetch_add(1, Ordering::Relaxed);
            let done = switch.completed.load(Ordering::Relaxed);
            let mut map = Map::new();
            for id in form
                .get("orders")
                .map(String::as_str)
                .unwrap_or("")
                .split(',')
            {
                map.insert(
                    id.to_string(),
                    json!({"charge": "1.000", "start_count": "10",
                           "status": if done { "Completed" } else { "In progress" },
                           "remains": if done { "0" } else { "5" }, "currency": "USD"}),
                );
            }
            Value::Object(map)
        }
        Some("balance") => json!({"balance": "1000.00", "currency": "USD"}),
        _ => json!({"error": "Incorrect request"}),
    };
    HttpResponse::Ok().json(reply)
}

/// A provider on a free port; its URL.
pub fn start(switch: Switch) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("bound").port();
    let data = web::Data::new(switch);
    let server = HttpServer::new(move || {
        App::new()
            .app_data(data.clone())
            .route("/api/v2", web::post().to(answer))
    })
    .workers(1)
    .disable_signals()
    .listen(listener)
    .expect("listen")
    .run();
    actix_web::rt::spawn(server);
    format!("http://127.0.0.1:{port}/api/v2")
}

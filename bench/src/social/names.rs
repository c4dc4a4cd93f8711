//! A stand-in for identity's `GET /internal/users?ids=` (the display names
//! and avatars comment lists show): every user is "user <id>".

use actix_web::{web, App, HttpResponse, HttpServer};
use serde_json::json;
use std::collections::HashMap;

async fn users(q: web::Query<HashMap<String, String>>) -> HttpResponse {
    let users: Vec<_> = q
        .get("ids")
        .map(|s| s.split(',').filter_map(|x| x.trim().parse::<i64>().ok()).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .map(|id| json!({"id": id, "first_name": "user", "last_name": id.to_string(), "avatar": null}))
        .collect();
    HttpResponse::Ok().json(json!({"status": 200, "users": users}))
}

/// Serves on a free port on its own thread; its base URL.
pub fn start() -> String {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            let server =
                HttpServer::new(|| App::new().route("/internal/users", web::get().to(users)))
                    .workers(1)
                    .bind(("127.0.0.1", 0))
                    .expect("a free port");
            tx.send(server.addrs()[0].port())
                .expect("the bench waits for the port");
            server.run().await.expect("the stand-in serves");
        });
    });
    format!(
        "http://127.0.0.1:{}",
        rx.recv().expect("the stand-in starts")
    )
}

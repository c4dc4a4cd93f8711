//! A stand-in for social, identity's user cards and buildings' change
//! feed, the peers chat asks (services/chat/README.md, "Settings"): store
//! `s` is managed by user `MANAGER_BASE + s`, every user has a name, and
//! no building has residents.

use actix_web::{web, App, HttpResponse, HttpServer};
use serde_json::json;
use std::collections::HashMap;

/// Store `s`'s manager is this user plus `s`; buyers are 1, 2, 3, …
pub const MANAGER_BASE: i64 = 1_000_000;

type Query = web::Query<HashMap<String, String>>;

fn ids(q: &Query) -> Vec<i64> {
    q.get("ids")
        .map(|s| s.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_default()
}

/// `GET /internal/stores?ids=`
async fn stores(q: Query) -> HttpResponse {
    let stores: Vec<_> = ids(&q)
        .into_iter()
        .map(|id| json!({"id": id, "name": format!("store {id}"), "avatar": null, "manager": MANAGER_BASE + id}))
        .collect();
    HttpResponse::Ok().json(json!({"stores": stores}))
}

/// `GET /internal/users?ids=`
async fn users(q: Query) -> HttpResponse {
    let users: Vec<_> = ids(&q)
        .into_iter()
        .map(|id| json!({"id": id, "first_name": "user", "last_name": id.to_string(), "avatar": null}))
        .collect();
    HttpResponse::Ok().json(json!({"status": 200, "users": users}))
}

/// `GET /internal/buildings/changes`: nothing, ever.
async fn changes() -> HttpResponse {
    HttpResponse::Ok().json(json!({"data": {"changes": [], "cursor": 0, "newest": 0}}))
}

/// Serves on a free port on its own thread; its base URL.
pub fn start() -> String {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            let server = HttpServer::new(|| {
                App::new()
                    .route("/internal/stores", web::get().to(stores))
                    .route("/internal/users", web::get().to(users))
                    .route("/internal/buildings/changes", web::get().to(changes))
            })
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

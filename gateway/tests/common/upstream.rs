//! A real HTTP upstream for the gateway's tests: it echoes what it was sent,
//! counts requests, streams large bodies without holding them, and can be
//! slow on purpose.

use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer};
use bytes::Bytes;
use futures_util::StreamExt;
use serde_json::json;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

#[derive(Default)]
pub struct Seen {
    pub requests: AtomicU64,
}

pub struct Upstream {
    pub url: String,
    pub port: u16,
    pub seen: Arc<Seen>,
}

impl Upstream {
    pub fn requests(&self) -> u64 {
        self.seen.requests.load(Ordering::SeqCst)
    }
}

pub async fn start() -> Upstream {
    let seen = Arc::new(Seen::default());
    let data = web::Data::from(Arc::clone(&seen));
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = HttpServer::new(move || {
        App::new()
            .app_data(data.clone())
            .route(
                "/readyz",
                web::get().to(|| async { HttpResponse::Ok().finish() }),
            )
            .route("/{tail:.*}/slow", web::to(slow))
            .route("/{tail:.*}/upload", web::post().to(upload))
            .route("/{tail:.*}/download", web::get().to(download))
            .route(
                "/{tail:.*}/no-content",
                web::to(|| async { HttpResponse::NoContent().finish() }),
            )
            .route(
                "/{tail:.*}/bare",
                web::get().to(|| async { HttpResponse::Ok().body("plain") }),
            )
            .default_service(web::to(echo))
    })
    .workers(2)
    .disable_signals()
    .listen(listener)
    .unwrap()
    .run();
    actix_web::rt::spawn(server);
    Upstream {
        url: format!("http://127.0.0.1:{port}"),
        port,
        seen,
    }
}

async fn echo(req: HttpRequest, body: Bytes, seen: web::Data<Seen>) -> HttpResponse {
    seen.requests.fetch_add(1, Ordering::SeqCst);
    let headers: serde_json::Map<String, serde_json::Value> = req
        .headers()
        .iter()
        .map(|(k, v)| (k.as_str().to_string(), json!(v.to_str().unwrap_or("?"))))
        .collect();
    HttpResponse::Ok().json(json!({
        "method": req.method().as_str(),
        "path": req.uri().path(),
        "query": req.uri().query().unwrap_or(""),
        "headers": headers,
        "body_len": body.len(),
    }))
}

async fn slow(seen: web::Data<Seen>) -> HttpResponse {
    seen.requests.fetch_add(1, Ordering::SeqCst);
    tokio::time::sleep(Duration::from_secs(3)).await;
    HttpResponse::Ok().body("late")
}

/// Counts the body as it streams in; answers the count and the declared length.
async fn upload(
    req: HttpRequest,
    mut payload: web::Payload,
    seen: web::Data<Seen>,
) -> HttpResponse {
    seen.requests.fetch_add(1, Ordering::SeqCst);
    let mut total: u64 = 0;
    while let Some(chunk) = payload.next().await {
        match chunk {
            Ok(c) => total += c.len() as u64,
            Err(_) => return HttpResponse::BadRequest().finish(),
        }
    }
    let declared = req
        .headers()
        .get("content-length")
        .map(|v| v.to_str().unwrap().to_string());
    let chunked = req.headers().contains_key("transfer-encoding");
    HttpResponse::Ok()
        .json(json!({"received": total, "content_length": declared, "chunked": chunked}))
}

/// Streams `?bytes=N` bytes made on the fly, with a Content-Length.
async fn download(query: web::Query<std::collections::HashMap<String, u64>>) -> HttpResponse {
    let total = query.get("bytes").copied().unwrap_or(0);
    const CHUNK: u64 = 64 * 1024;
    let chunks = futures_util::stream::unfold(0u64, move |sent| async move {
        if sent >= total {
            return None;
        }
        let n = CHUNK.min(total - sent);
        Some((
            Ok::<_, std::io::Error>(Bytes::from(vec![b'x'; n as usize])),
            sent + n,
        ))
    });
    HttpResponse::Ok()
        .content_type("application/octet-stream")
        .body(actix_web::body::SizedStream::new(total, chunks))
}

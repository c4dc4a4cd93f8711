//! The gateway's side of the socket to the service: a WebSocket client
//! handshake carrying what the gateway decided (the verified token, the
//! request id, the client's address) and nothing else the client sent.

use crate::routes::Route;
use actix_web::{HttpMessage, HttpRequest};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

pub type Upstream = WebSocketStream<MaybeTlsStream<tokio::net::TcpStream>>;

/// Why the service did not take the socket.
pub enum Refused {
    /// It answered the handshake with this status and body.
    Answered(u16, Vec<u8>),
    /// It could not be reached, or broke off.
    Unreachable(String),
}

/// Small buffers: a relayed socket is mostly idle, and there are many.
fn config(max_frame: usize) -> WebSocketConfig {
    WebSocketConfig::default()
        .read_buffer_size(4 * 1024)
        .write_buffer_size(0)
        .max_message_size(Some(max_frame))
        .max_frame_size(Some(max_frame))
}

pub async fn connect(
    req: &HttpRequest,
    route: &Route,
    query: &str,
    bearer: &str,
    client_ip: std::net::IpAddr,
    max_frame: usize,
) -> Result<Upstream, Refused> {
    let up = &route.target;
    let mut url = format!("ws://{}{}{}", up.addr, up.base_path, req.uri().path());
    if !query.is_empty() {
        url.push('?');
        url.push_str(query);
    }
    let mut request = url
        .into_client_request()
        .map_err(|e| Refused::Unreachable(e.to_string()))?;
    let headers = request.headers_mut();
    let mut set = |name: &'static str, value: &str| {
        if let Ok(v) = http::HeaderValue::from_str(value) {
            headers.insert(name, v);
        }
    };
    set("authorization", &format!("Bearer {bearer}"));
    set("x-forwarded-for", &client_ip.to_string());
    for name in ["x-request-id", "accept-language"] {
        if let Some(v) = req.headers().get(name).and_then(|v| v.to_str().ok()) {
            set(name, v);
        }
    }
    if let Some(id) = req
        .extensions()
        .get::<platform_http::RequestId>()
        .map(|id| id.0.clone())
    {
        set("x-request-id", &id);
    }
    let connecting =
        tokio_tungstenite::connect_async_with_config(request, Some(config(max_frame)), true);
    match tokio::time::timeout(route.timeout, connecting).await {
        Err(_) => Err(Refused::Unreachable("handshake timed out".into())),
        Ok(Ok((socket, _))) => Ok(socket),
        Ok(Err(tokio_tungstenite::tungstenite::Error::Http(res))) => Err(Refused::Answered(
            res.status().as_u16(),
            res.body().clone().unwrap_or_default(),
        )),
        Ok(Err(e)) => Err(Refused::Unreachable(e.to_string())),
    }
}

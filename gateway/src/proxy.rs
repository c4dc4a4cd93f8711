use crate::headers;
use crate::routes::Route;
use crate::upstream::Pool;
use actix_web::body::SizedStream;
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use bytes::Bytes;
use futures_util::{StreamExt, TryStreamExt};
use http_body_util::combinators::UnsyncBoxBody;
use http_body_util::{BodyExt, Empty, StreamBody};
use hyper::body::{Frame, Incoming};
use hyper::client::conn::http1::SendRequest;
use std::borrow::Cow;
use std::net::IpAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// Why a proxied call has no upstream answer.
#[derive(Debug, thiserror::Error)]
pub enum ProxyError {
    /// The upstream refused or did not accept the connection in time.
    #[error("unreachable: {0}")]
    Unreachable(String),
    /// No response head within the route's timeout.
    #[error("no response within the route's timeout")]
    Timeout,
    /// The request body outgrew the route's limit while streaming.
    #[error("request body over the route's limit")]
    TooLarge,
    /// The connection broke while the request was being sent.
    #[error("connection broken: {0}")]
    Broken(String),
}

/// What the gateway decided about identity, for the forwarded request.
pub struct Forward<'a> {
    pub client_ip: IpAddr,
    pub peer_trusted: bool,
    /// The request's id (the observe middleware's), to pass on.
    pub request_id: Option<http::HeaderValue>,
    /// A token the gateway verified, to send as `Authorization: Bearer`.
    pub bearer: Option<&'a str>,
    /// A query parameter to drop because it carried the token.
    pub drop_query_param: Option<&'a str>,
}

/// The body type sent upstream: empty, or the client's body streamed.
pub type UpstreamBody = UnsyncBoxBody<Bytes, std::io::Error>;

/// Sends the request to the route's upstream, streaming the body both ways
/// through bounded buffers: memory stays flat whatever the body's size.
pub async fn forward(
    req: &HttpRequest,
    payload: web::Payload,
    route: &Route,
    pool: &Pool,
    fwd: Forward<'_>,
) -> Result<HttpResponse, ProxyError> {
    let up = &route.target;
    // origin-form: the connection already says which host it goes to
    let mut target = String::with_capacity(up.base_path.len() + req.uri().path().len() + 64);
    target.push_str(&up.base_path);
    target.push_str(req.uri().path());
    if let Some(query) = req.uri().query() {
        let kept = filter_query(query, fwd.drop_query_param);
        if !kept.is_empty() {
            target.push('?');
            target.push_str(&kept);
        }
    }
    let uri: http::Uri = target
        .parse()
        .map_err(|e| ProxyError::Broken(format!("upstream URI: {e}")))?;
    let method = http::Method::from_bytes(req.method().as_str().as_bytes())
        .map_err(|e| ProxyError::Broken(format!("method: {e}")))?;
    let mut out = http::Request::builder().method(method).uri(uri);
    let headers = out
        .headers_mut()
        .ok_or_else(|| ProxyError::Broken("the request could not be built".into()))?;

    headers.insert(http::header::HOST, up.host.clone());
    let listed = headers::connection_listed(req.headers());
    for (name, value) in req.headers() {
        if headers::forward_request_header(name, &listed)
            && !(fwd.bearer.is_some() && name == actix_web::http::header::AUTHORIZATION)
        {
            if let (Ok(n), Ok(v)) = (
                http::HeaderName::from_bytes(name.as_str().as_bytes()),
                http::HeaderValue::from_bytes(value.as_bytes()),
            ) {
                headers.append(n, v);
            }
        }
    }
    if let Some(id) = fwd.request_id {
        headers.insert("x-request-id", id);
    }
    let xff = match (
        fwd.peer_trusted,
        req.headers()
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok()),
    ) {
        (true, Some(chain)) => {
            let chain = format!("{chain}, {}", peer_ip(req).unwrap_or(fwd.client_ip));
            http::HeaderValue::from_str(&chain).ok()
        }
        _ => Some(ip_header(fwd.client_ip)),
    };
    if let Some(xff) = xff {
        headers.insert("x-forwarded-for", xff);
    }
    // the gateway listens in plain HTTP: a client's own claim of https is
    // believed only from a trusted proxy in front of it
    let https = fwd.peer_trusted
        && req
            .headers()
            .get("x-forwarded-proto")
            .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"https"));
    let proto = if https { "https" } else { "http" };
    headers.insert("x-forwarded-proto", http::HeaderValue::from_static(proto));
    let mut set = |name: &'static str, value: &str| {
        if let Ok(v) = http::HeaderValue::from_str(value) {
            headers.insert(name, v);
        }
    };
    if let Some(token) = fwd.bearer {
        set("authorization", &format!("Bearer {token}"));
    }
    if let Some(host) = req.headers().get("host").and_then(|h| h.to_str().ok()) {
        set("x-forwarded-host", host);
    }

    let length = req
        .headers()
        .get("content-length")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let chunked = req.headers().contains_key("transfer-encoding");
    let exceeded = Arc::new(AtomicBool::new(false));
    let body = if chunked || length.is_some_and(|n| n > 0) {
        if let Some(n) = length {
            // kept, so the upstream sees a sized body, not a chunked one
            headers.insert(http::header::CONTENT_LENGTH, http::HeaderValue::from(n));
        }
        stream_body(payload, route.max_body_bytes, Arc::clone(&exceeded))
    } else {
        Empty::new().map_err(|never| match never {}).boxed_unsync()
    };
    let out = out
        .body(body)
        .map_err(|e| ProxyError::Broken(format!("building the request: {e}")))?;

    let sent = pool.send(up, route.connect_timeout, out);
    let (response, conn) = match tokio::time::timeout(route.timeout, sent).await {
        Err(_) => return Err(ProxyError::Timeout),
        Ok(Err(_)) if exceeded.load(Ordering::Acquire) => return Err(ProxyError::TooLarge),
        Ok(Err(e)) => return Err(e),
        Ok(Ok(answer)) => answer,
    };
    Ok(respond(
        req.method(),
        response,
        Reuse {
            pool,
            id: up.id,
            conn,
        },
    )
    .await)
}

/// Bodies up to this size are read whole and sent in one piece: cheaper
/// than streaming them, and still bounded per request.
const SMALL_BODY: u64 = 64 * 1024;

/// The client's body as a `Send` stream for hyper: a local task reads the
/// actix payload into a small bounded channel, so a slow upstream slows the
/// client down instead of filling memory.
fn stream_body(mut payload: web::Payload, limit: u64, exceeded: Arc<AtomicBool>) -> UpstreamBody {
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(4);
    actix_web::rt::spawn(async move {
        let mut seen: u64 = 0;
        while let Some(chunk) = payload.next().await {
            let item = match chunk {
                Ok(bytes) => {
                    seen += bytes.len() as u64;
                    if seen > limit {
                        exceeded.store(true, Ordering::Release);
                        let _ = tx
                            .send(Err(std::io::Error::other("body over the route's limit")))
                            .await;
                        return;
                    }
                    Ok(bytes)
                }
                Err(e) => Err(std::io::Error::other(e.to_string())),
            };
            let failed = item.is_err();
            if tx.send(item).await.is_err() || failed {
                return;
            }
        }
    });
    let frames = tokio_stream::wrappers::ReceiverStream::new(rx).map(|item| item.map(Frame::data));
    StreamBody::new(frames).boxed_unsync()
}

/// The connection a response came on, to hand back when it has been read.
struct Reuse<'a> {
    pool: &'a Pool,
    id: usize,
    conn: SendRequest<UpstreamBody>,
}

async fn respond(
    method: &Method,
    response: http::Response<Incoming>,
    reuse: Reuse<'_>,
) -> HttpResponse {
    let (head, body) = response.into_parts();
    let status = StatusCode::from_u16(head.status.as_u16()).unwrap_or(StatusCode::BAD_GATEWAY);
    let mut builder = HttpResponse::build(status);
    let mut listed = Vec::new();
    for value in head.headers.get_all("connection") {
        if let Ok(v) = value.to_str() {
            listed.extend(v.split(',').map(|s| s.trim().to_ascii_lowercase()));
        }
    }
    for (name, value) in &head.headers {
        let n = name.as_str();
        if headers::is_hop_by_hop(n, &listed) || n == "content-length" {
            continue;
        }
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(n.as_bytes()),
            HeaderValue::from_bytes(value.as_bytes()),
        ) {
            builder.append_header((name, value));
        }
    }
    // no body for these, whatever the upstream's headers say
    if status == StatusCode::NO_CONTENT
        || status == StatusCode::NOT_MODIFIED
        || method == Method::HEAD
    {
        reuse.pool.give_back(reuse.id, reuse.conn);
        return builder.finish();
    }
    let length = head
        .headers
        .get("content-length")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    match length {
        Some(n) if n <= SMALL_BODY => match body.collect().await {
            Ok(collected) => {
                reuse.pool.give_back(reuse.id, reuse.conn);
                builder.body(collected.to_bytes())
            }
            // the upstream broke off mid-body: the client must not get a
            // short body that looks whole
            Err(e) => {
                log::warn!("upstream body broke off: {e}");
                HttpResponse::BadGateway().finish()
            }
        },
        Some(n) => builder.body(SizedStream::new(n, reuse.at_end(body))),
        None => builder.streaming(reuse.at_end(body)),
    }
}

impl Reuse<'_> {
    /// The body as actix streams it, handing the connection back at its end.
    fn at_end(
        self,
        body: Incoming,
    ) -> impl futures_util::Stream<Item = Result<Bytes, std::io::Error>> + 'static {
        let data = body.into_data_stream().map_err(std::io::Error::other);
        self.pool.give_back_at_end(self.id, self.conn, data)
    }
}

/// An address as a header value. IPv4 is written out by hand: `Display`'s
/// general formatting was a visible part of each request's cost.
#[expect(
    clippy::expect_used,
    reason = "an address, written out, is only digits, dots, colons and hex letters"
)]
fn ip_header(ip: IpAddr) -> http::HeaderValue {
    let IpAddr::V4(v4) = ip else {
        return http::HeaderValue::from_str(&ip.to_string()).expect("an address is a header value");
    };
    let mut out = [0u8; 15];
    let mut n = 0;
    for (i, octet) in v4.octets().into_iter().enumerate() {
        if i > 0 {
            out[n] = b'.';
            n += 1;
        }
        if octet >= 100 {
            out[n] = b'0' + octet / 100;
            n += 1;
        }
        if octet >= 10 {
            out[n] = b'0' + octet / 10 % 10;
            n += 1;
        }
        out[n] = b'0' + octet % 10;
        n += 1;
    }
    http::HeaderValue::from_bytes(&out[..n]).expect("digits and dots are a header value")
}

fn peer_ip(req: &HttpRequest) -> Option<IpAddr> {
    req.peer_addr().map(|a| a.ip())
}

/// The query string without the parameter that carried the token.
pub(crate) fn filter_query<'q>(query: &'q str, drop: Option<&str>) -> Cow<'q, str> {
    let Some(drop) = drop else {
        return Cow::Borrowed(query);
    };
    let kept = query
        .split('&')
        .filter(|pair| {
            let key = pair.split('=').next().unwrap_or("");
            let key = percent_encoding::percent_decode_str(key).decode_utf8_lossy();
            !pair.is_empty() && key != drop
        })
        .collect::<Vec<_>>()
        .join("&");
    Cow::Owned(kept)
}

#[cfg(test)]
mod tests {
    use super::{filter_query, ip_header};
    use std::net::IpAddr;

    #[test]
    fn addresses_are_written_as_display_writes_them() {
        for ip in [
            "0.0.0.0",
            "255.255.255.255",
            "10.0.100.9",
            "127.0.0.1",
            "1.20.3.40",
            "::1",
            "2001:db8::8:800:200c:417a",
        ] {
            let ip: IpAddr = ip.parse().unwrap();
            assert_eq!(ip_header(ip), ip.to_string().as_str());
        }
    }

    #[test]
    fn drops_only_the_token_parameter() {
        assert_eq!(filter_query("a=1&token=x&b=2", Some("token")), "a=1&b=2");
        assert_eq!(
            filter_query("%74oken=x&tokens=y", Some("token")),
            "tokens=y"
        );
        assert_eq!(filter_query("a=1&&b", None), "a=1&&b");
        assert_eq!(filter_query("token=x", Some("token")), "");
    }
}

//! Connections to the upstreams: plain HTTP/1.1 over hyper, kept open
//! between requests in a pool of each worker's own.
//!
//! Why not hyper-util's pooled `Client`: one client is shared by every
//! worker behind a lock, and it hands each connection back to its pool
//! through a task it spawns for every request. An actix worker is one
//! thread, so a pool of its own needs no lock; and the gateway knows when it
//! has read a response to its end, so it hands the connection back itself.

use crate::proxy::{ProxyError, UpstreamBody};
use bytes::Bytes;
use futures_util::{Stream, StreamExt};
use hyper::body::Incoming;
use hyper::client::conn::http1::{self, SendRequest};
use hyper_util::rt::TokioIo;
use std::cell::RefCell;
use std::pin::Pin;
use std::rc::{Rc, Weak};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

/// Idle connections kept per upstream and worker; more are closed.
const MAX_IDLE: usize = 256;
/// A connection idle this long is closed.
const IDLE_TIMEOUT: Duration = Duration::from_secs(60);
/// How often a worker looks for connections idle too long.
const SWEEP_EVERY: Duration = Duration::from_secs(10);

/// One upstream service as the routes name it, parsed once at start-up.
#[derive(Debug)]
pub struct Upstream {
    /// Its place in each worker's pool.
    pub id: usize,
    /// `host:port` to connect to.
    pub addr: String,
    /// The `Host` header each request carries.
    pub host: http::HeaderValue,
    /// The URL's path, put before each request's path; no trailing slash.
    pub base_path: String,
}

impl Upstream {
    /// `http://host[:port][/path]`, or `None` for anything else: upstreams
    /// are internal services spoken to in plain HTTP/1.1.
    pub fn parse(id: usize, url: &str) -> Option<Upstream> {
        let uri: http::Uri = url.trim_end_matches('/').parse().ok()?;
        if uri.scheme_str() != Some("http") || uri.query().is_some() {
            return None;
        }
        let authority = uri.authority()?;
        if authority.as_str().contains('@') || authority.host().is_empty() {
            return None;
        }
        Some(Upstream {
            id,
            addr: format!(
                "{}:{}",
                authority.host(),
                authority.port_u16().unwrap_or(80)
            ),
            host: http::HeaderValue::from_str(authority.as_str()).ok()?,
            base_path: uri.path().trim_end_matches('/').to_string(),
        })
    }
}

type Sender = SendRequest<UpstreamBody>;

struct Idle {
    sender: Sender,
    since: Instant,
}

struct Inner {
    idle: Vec<Vec<Idle>>,
    sweeping: bool,
}

/// A worker's idle connections, by upstream id. Each worker makes its own
/// (it is not `Send`), in its `App` factory.
#[derive(Clone)]
pub struct Pool(Rc<RefCell<Inner>>);

impl Pool {
    pub fn new(upstreams: usize) -> Pool {
        Pool(Rc::new(RefCell::new(Inner {
            idle: (0..upstreams).map(|_| Vec::new()).collect(),
            sweeping: false,
        })))
    }

    /// Sends `req` to `up`, on the connection used last when one is idle.
    /// A request that a pooled connection's close kept from being sent goes
    /// again on a new connection. The answer comes with its connection,
    /// which goes back with [`Pool::give_back`] once the body is read.
    pub async fn send(
        &self,
        up: &Upstream,
        connect_timeout: Duration,
        req: http::Request<UpstreamBody>,
    ) -> Result<(http::Response<Incoming>, Sender), ProxyError> {
        let (mut sender, reused) = match self.take(up.id) {
            Some(sender) => (sender, true),
            None => (connect(up, connect_timeout).await?, false),
        };
        match sender.try_send_request(req).await {
            Ok(res) => Ok((res, sender)),
            Err(mut e) => match e.take_message() {
                Some(req) if reused => {
                    let mut sender = connect(up, connect_timeout).await?;
                    match sender.send_request(req).await {
                        Ok(res) => Ok((res, sender)),
                        Err(e) => Err(broken(&e)),
                    }
                }
                _ => Err(broken(&e.into_error())),
            },
        }
    }

    /// Keeps a connection whose response has been read to its end. hyper
    /// may not have seen the end yet; then a small task waits for it, off
    /// the request's path.
    pub fn give_back(&self, id: usize, mut sender: Sender) {
        if sender.is_ready() {
            self.keep(id, sender);
        } else if !sender.is_closed() {
            let pool = self.clone();
            actix_web::rt::spawn(async move {
                if sender.ready().await.is_ok() {
                    pool.keep(id, sender);
                }
            });
        }
    }

    /// The body stream of a response, which hands its connection back when
    /// it has been read to the end (and drops it if the client goes away
    /// before that: a half-read connection cannot carry another request).
    pub fn give_back_at_end<S>(&self, id: usize, sender: Sender, body: S) -> GiveBackAtEnd<S> {
        GiveBackAtEnd {
            body,
            back: Some((self.clone(), id, sender)),
        }
    }

    fn take(&self, id: usize) -> Option<Sender> {
        let mut inner = self.0.borrow_mut();
        let list = &mut inner.idle[id];
        // the newest first: the oldest are left to time out when traffic falls
        while let Some(idle) = list.pop() {
            if idle.sender.is_ready() {
                return Some(idle.sender);
            }
        }
        None
    }

    fn keep(&self, id: usize, sender: Sender) {
        let mut inner = self.0.borrow_mut();
        if !inner.sweeping {
            inner.sweeping = true;
            actix_web::rt::spawn(sweep(Rc::downgrade(&self.0)));
        }
        let list = &mut inner.idle[id];
        if list.len() < MAX_IDLE {
            list.push(Idle {
                sender,
                since: Instant::now(),
            });
        }
    }
}

/// Closes connections idle too long, until the worker's pool is gone.
async fn sweep(pool: Weak<RefCell<Inner>>) {
    loop {
        tokio::time::sleep(SWEEP_EVERY).await;
        let Some(pool) = pool.upgrade() else { return };
        for list in &mut pool.borrow_mut().idle {
            list.retain(|i| !i.sender.is_closed() && i.since.elapsed() < IDLE_TIMEOUT);
        }
    }
}

async fn connect(up: &Upstream, timeout: Duration) -> Result<Sender, ProxyError> {
    let stream = match tokio::time::timeout(timeout, tokio::net::TcpStream::connect(&up.addr)).await
    {
        Err(_) => return Err(ProxyError::Unreachable("connect timed out".into())),
        Ok(Err(e)) => return Err(ProxyError::Unreachable(e.to_string())),
        Ok(Ok(stream)) => stream,
    };
    // small requests and answers go out at once, not after Nagle's delay
    let _ = stream.set_nodelay(true);
    let (sender, conn) = http1::handshake(TokioIo::new(stream))
        .await
        .map_err(|e| ProxyError::Unreachable(error_chain(&e)))?;
    actix_web::rt::spawn(async move {
        if let Err(e) = conn.await {
            log::debug!("upstream connection ended: {}", error_chain(&e));
        }
    });
    Ok(sender)
}

fn broken(e: &hyper::Error) -> ProxyError {
    ProxyError::Broken(error_chain(e))
}

/// The error with its causes, which is where hyper says what went wrong.
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        out.push_str(": ");
        out.push_str(&c.to_string());
        cause = c.source();
    }
    out
}

/// See [`Pool::give_back_at_end`].
pub struct GiveBackAtEnd<S> {
    body: S,
    back: Option<(Pool, usize, Sender)>,
}

impl<S, E> Stream for GiveBackAtEnd<S>
where
    S: Stream<Item = Result<Bytes, E>> + Unpin,
{
    type Item = Result<Bytes, E>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let item = std::task::ready!(self.body.poll_next_unpin(cx));
        match &item {
            None => {
                if let Some((pool, id, sender)) = self.back.take() {
                    pool.give_back(id, sender);
                }
            }
            // a broken body leaves the connection in no state to reuse
            Some(Err(_)) => self.back = None,
            Some(Ok(_)) => {}
        }
        Poll::Ready(item)
    }
}

#[cfg(test)]
mod tests {
    use super::Upstream;

    #[test]
    fn parses_what_routes_name() {
        let up = Upstream::parse(3, "http://identity:8081/").unwrap();
        assert_eq!(
            (up.id, up.addr.as_str(), up.base_path.as_str()),
            (3, "identity:8081", "")
        );
        assert_eq!(up.host, "identity:8081");
        let up = Upstream::parse(0, "http://127.0.0.1/base/").unwrap();
        assert_eq!(
            (up.addr.as_str(), up.base_path.as_str()),
            ("127.0.0.1:80", "/base")
        );
        assert_eq!(up.host, "127.0.0.1");
        let up = Upstream::parse(0, "http://[::1]:9000").unwrap();
        assert_eq!(up.addr, "[::1]:9000");
        for bad in ["https://a", "http://a?x=1", "http://u@a", "a:80", "/path"] {
            assert!(Upstream::parse(0, bad).is_none(), "{bad}");
        }
    }
}

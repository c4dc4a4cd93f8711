//! Traffic through the load balancer in front of both gateways while the
//! faults happen, and what each fault cost the clients.

use crate::flows::{Api, Res};
use reqwest::Method;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// One failed request: when, which route, what the client saw.
pub struct Failure {
    pub at: Instant,
    pub route: &'static str,
    pub what: String,
}

#[derive(Clone)]
pub struct Traffic {
    pub failures: Arc<Mutex<Vec<Failure>>>,
    pub sent: Arc<Mutex<u64>>,
    stop: Arc<AtomicBool>,
}

impl Traffic {
    /// Clients reading a profile, customers, likes, contacts and orders
    /// in a loop, each through the front balancer, as one user (`token`,
    /// the bazaar buyer's): five routes every 600 ms stay under the
    /// gateway's `default` limit of 600 a minute per user.
    pub fn start(front: &str, token: &str) -> Traffic {
        let traffic = Traffic {
            failures: Arc::default(),
            sent: Arc::default(),
            stop: Arc::default(),
        };
        let routes: Vec<(&'static str, String, Option<String>)> = vec![
            ("/api/v1/user", "/api/v1/user".into(), Some(token.into())),
            (
                "/v1/customers",
                format!("/v1/customers?access_token={token}"),
                None,
            ),
            (
                "/web/store-user-likes",
                format!("/web/store-user-likes?token={token}"),
                None,
            ),
            (
                "/omartyapis/contacts",
                "/omartyapis/contacts".into(),
                Some(token.into()),
            ),
            ("/api/v1/order", "/api/v1/order".into(), Some(token.into())),
        ];
        for (route, path, token) in routes {
            let api = Api::new(front);
            let t = traffic.clone();
            tokio::spawn(async move {
                while !t.stop.load(Ordering::Relaxed) {
                    let r = api
                        .call(
                            Method::GET,
                            &path,
                            token.as_deref(),
                            crate::flows::Body::None,
                            &[],
                        )
                        .await;
                    if let Ok(mut n) = t.sent.lock() {
                        *n += 1;
                    }
                    let failed = match r {
                        Ok(r) if r.status < 500 && r.status != 429 => None,
                        Ok(r) => Some(format!("{}", r.status)),
                        Err(e) => Some(short(&e)),
                    };
                    if let Some(what) = failed {
                        if let Ok(mut f) = t.failures.lock() {
                            f.push(Failure {
                                at: Instant::now(),
                                route,
                                what,
                            });
                        }
                    }
                    tokio::time::sleep(Duration::from_millis(600)).await;
                }
            });
        }
        traffic
    }

    pub fn stop(&self) {
        self.stop.store(true, Ordering::Relaxed);
    }

    /// Failures from `from` to `to`: how many, of which kinds, and how long
    /// after `from` the last one came (the time clients saw errors).
    pub fn report(&self, name: &str, from: Instant, to: Instant) -> usize {
        let failures = self.failures.lock().map(|f| {
            f.iter()
                .filter(|x| x.at >= from && x.at < to)
                .map(|x| (x.at, x.route, x.what.clone()))
                .collect::<Vec<_>>()
        });
        let failures = failures.unwrap_or_default();
        let mut kinds = std::collections::BTreeMap::<String, usize>::new();
        for (_, route, what) in &failures {
            *kinds.entry(format!("{route} {what}")).or_default() += 1;
        }
        let last = failures
            .iter()
            .map(|(at, _, _)| at.duration_since(from).as_millis())
            .max();
        match last {
            None => println!("fault  {name:<38} traffic: no client errors"),
            Some(ms) => println!(
                "fault  {name:<38} traffic: {} client errors, the last {ms} ms after the fault: {}",
                failures.len(),
                kinds
                    .iter()
                    .map(|(k, n)| format!("{n}× {k}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
        failures.len()
    }
}

fn short(e: &str) -> String {
    let e = if e.contains("timed out") {
        "timeout"
    } else if e.contains("connect") {
        "connection refused"
    } else {
        "connection broken"
    };
    e.into()
}

/// Retries `f` until it succeeds or `limit` passes; returns the result and
/// how many attempts failed.
pub async fn retry<T, F, Fut>(limit: Duration, mut f: F) -> (Res<T>, u32)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Res<T>>,
{
    let until = Instant::now() + limit;
    let mut failed = 0;
    loop {
        match f().await {
            Ok(v) => return (Ok(v), failed),
            Err(e) if Instant::now() > until => return (Err(e), failed),
            Err(_) => {
                failed += 1;
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        }
    }
}

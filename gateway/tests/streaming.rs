//! 100 MB up and 100 MB down through the gateway with memory staying flat.
//! One test in this file, so no other test shares the process's memory.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a test fails by panicking"
)]

mod common;

use bytes::Bytes;
use common::{http, settings, spawn_gateway, upstream, Identity};
use futures_util::StreamExt;
use gateway::settings::{AuthMode, RouteSettings};
use platform_http::Dialect;
use serde_json::Value;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

const SIZE: u64 = 100 * 1024 * 1024;

fn rss_bytes() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
    line.split_whitespace()
        .nth(1)
        .unwrap()
        .parse::<u64>()
        .unwrap()
        * 1024
}

/// Samples the process's resident memory until dropped; keeps the peak.
struct PeakRss {
    peak: Arc<AtomicU64>,
    stop: tokio::sync::oneshot::Sender<()>,
}

impl PeakRss {
    fn start() -> PeakRss {
        let peak = Arc::new(AtomicU64::new(rss_bytes()));
        let (stop, mut stopped) = tokio::sync::oneshot::channel();
        let p = Arc::clone(&peak);
        std::thread::spawn(move || loop {
            p.fetch_max(rss_bytes(), Ordering::Relaxed);
            if stopped.try_recv().is_ok() {
                return;
            }
            std::thread::sleep(Duration::from_millis(5));
        });
        PeakRss { peak, stop }
    }

    fn finish(self) -> u64 {
        let _ = self.stop.send(());
        self.peak.load(Ordering::Relaxed)
    }
}

#[actix_web::test]
async fn hundred_megabytes_each_way_with_flat_memory() {
    let identity = Identity::start().await;
    let up = upstream::start().await;
    let mut route = RouteSettings::new("/files", "up", AuthMode::Public, Dialect::Panel);
    route.max_body_bytes = 2 * SIZE;
    let gw = spawn_gateway(settings(&identity, &up.url, vec![route])).await;
    let client = http();
    // warm up pools and allocators before the baseline
    client
        .get(format!("{gw}/files/download?bytes=1048576"))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();

    let baseline = rss_bytes();
    let sampler = PeakRss::start();

    let chunk = Bytes::from(vec![b'u'; 64 * 1024]);
    let chunks = SIZE / chunk.len() as u64;
    let body = futures_util::stream::iter(
        (0..chunks).map(move |_| Ok::<_, std::io::Error>(chunk.clone())),
    );
    let res = client
        .post(format!("{gw}/files/upload"))
        .header("content-length", SIZE)
        .body(reqwest::Body::wrap_stream(body))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let got: Value = res.json().await.unwrap();
    assert_eq!(got["received"], SIZE);
    assert_eq!(
        got["content_length"],
        SIZE.to_string(),
        "Content-Length kept on the way in"
    );

    let res = client
        .get(format!("{gw}/files/download?bytes={SIZE}"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.headers()["content-length"],
        SIZE.to_string(),
        "Content-Length kept on the way out"
    );
    let mut received: u64 = 0;
    let mut stream = res.bytes_stream();
    while let Some(chunk) = stream.next().await {
        received += chunk.unwrap().len() as u64;
    }
    assert_eq!(received, SIZE);

    let grew = sampler.finish().saturating_sub(baseline);
    eprintln!("resident memory grew by {} KB", grew / 1024);
    // Any hop that buffered a whole body would add 100 MB.
    assert!(
        grew < 40 * 1024 * 1024,
        "resident memory grew by {} MB",
        grew / 1024 / 1024
    );
}

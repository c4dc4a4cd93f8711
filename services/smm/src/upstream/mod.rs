//! Upstream providers: the reseller API v2 client and the two workers that
//! forward orders and follow their status.

pub mod client;
pub mod forward;
pub mod sync;

use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

/// Wakes the forwarding worker when an order is placed, so an order does
/// not wait a whole interval to leave.
#[derive(Clone, Default)]
pub struct Wake(Arc<Notify>);

impl Wake {
    pub fn wake(&self) {
        self.0.notify_one();
    }
}

/// Starts both workers on the current runtime; they stop with it.
pub fn start(
    forwarder: forward::Forwarder,
    syncer: sync::Syncer,
    wake: Wake,
    forward_every: Duration,
    sync_every: Duration,
) {
    tokio::spawn(async move {
        loop {
            match forwarder.pass().await {
                // more may be waiting: go again at once
                Ok(n) if n > 0 => continue,
                Ok(_) => {}
                Err(e) => log::warn!("forwarding pass failed: {e}"),
            }
            tokio::select! {
                () = wake.0.notified() => {}
                () = tokio::time::sleep(forward_every) => {}
            }
        }
    });
    // the sync pass runs often; each order is due once per interval
    let tick = sync_every.min(Duration::from_secs(1));
    tokio::spawn(async move {
        loop {
            if let Err(e) = syncer.pass().await {
                log::warn!("sync pass failed: {e}");
            }
            tokio::time::sleep(tick).await;
        }
    });
}

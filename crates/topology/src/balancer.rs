//! What a Kubernetes Service (or Docker's DNS) does for replicas, as a TCP
//! relay in this process: each new connection goes to the next replica
//! that accepts it. `Order::Prefer` always tries the list in order (a
//! gateway's "own" chat replica first), `Order::RoundRobin` rotates.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};

#[derive(Clone, Copy)]
pub enum Order {
    RoundRobin,
    Prefer,
}

/// Starts a relay over `backends`; returns its address.
pub async fn start(backends: Vec<SocketAddr>, order: Order) -> std::io::Result<SocketAddr> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let next = Arc::new(AtomicUsize::new(0));
    let backends = Arc::new(backends);
    tokio::spawn(async move {
        while let Ok((client, _)) = listener.accept().await {
            let backends = Arc::clone(&backends);
            let first = match order {
                Order::RoundRobin => next.fetch_add(1, Ordering::Relaxed),
                Order::Prefer => 0,
            };
            tokio::spawn(relay(client, backends, first));
        }
    });
    Ok(addr)
}

async fn relay(mut client: TcpStream, backends: Arc<Vec<SocketAddr>>, first: usize) {
    let n = backends.len();
    for i in 0..n {
        let target = backends[(first + i) % n];
        let connect = tokio::time::timeout(Duration::from_millis(500), TcpStream::connect(target));
        if let Ok(Ok(mut upstream)) = connect.await {
            let _ = upstream.set_nodelay(true);
            let _ = client.set_nodelay(true);
            let _ = tokio::io::copy_bidirectional(&mut client, &mut upstream).await;
            return;
        }
    }
    // no replica accepts: the client sees its connection closed
}

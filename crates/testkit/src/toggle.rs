use std::sync::{Arc, Mutex};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tokio::task::JoinHandle;

/// A TCP proxy in front of a real server (Redis, an upstream) that a test can
/// take down and bring back: down, it drops every open connection and
/// refuses new ones, as the server would if it had stopped. Other tests
/// sharing the real server are not disturbed.
pub struct TcpToggle {
    port: u16,
    up: watch::Sender<bool>,
    tasks: Arc<Mutex<Vec<JoinHandle<()>>>>,
    accept: JoinHandle<()>,
}

impl TcpToggle {
    pub async fn start(target: std::net::SocketAddr) -> TcpToggle {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let port = listener.local_addr().expect("bound").port();
        let (up, watch_up) = watch::channel(true);
        let tasks: Arc<Mutex<Vec<JoinHandle<()>>>> = Arc::default();
        let live = Arc::clone(&tasks);
        let accept = tokio::spawn(async move {
            while let Ok((mut client, _)) = listener.accept().await {
                if !*watch_up.borrow() {
                    drop(client);
                    continue;
                }
                let handle = tokio::spawn(async move {
                    if let Ok(mut server) = TcpStream::connect(target).await {
                        let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
                    }
                });
                let mut live = live
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                live.retain(|t| !t.is_finished());
                live.push(handle);
            }
        });
        TcpToggle {
            port,
            up,
            tasks,
            accept,
        }
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn set_up(&self, up: bool) {
        self.up.send_replace(up);
        if !up {
            for task in self
                .tasks
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .drain(..)
            {
                task.abort();
            }
        }
    }
}

impl Drop for TcpToggle {
    fn drop(&mut self) {
        self.set_up(false);
        self.accept.abort();
    }
}

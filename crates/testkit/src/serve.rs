//! Running a built service (`Served`) for a test, and reading answers.

use platform_http::Served;
use reqwest::RequestBuilder;
use serde_json::Value;

/// A service serving on its own thread and actix system, so it keeps
/// serving, and shuts down, independently of the test's runtime. Stopped
/// when dropped.
pub struct Running {
    pub base: String,
    handle: actix_web::dev::ServerHandle,
}

impl Running {
    /// Builds with `build` on the service's own thread and serves.
    /// Panics with the builder's message when it does not start.
    pub async fn start<F, Fut, E>(build: F) -> Running
    where
        F: FnOnce() -> Fut + Send + 'static,
        Fut: std::future::Future<Output = Result<Served, E>>,
        E: std::fmt::Display,
    {
        let (tx, rx) = tokio::sync::oneshot::channel();
        std::thread::spawn(move || {
            actix_web::rt::System::new().block_on(async move {
                let served = match build().await {
                    Ok(served) => served,
                    Err(e) => panic!("the service did not start: {e}"),
                };
                // the test may have given up waiting; serving is moot then
                let _ = tx.send((served.port(), served.handle()));
                let _ = served.run().await;
            })
        });
        let (port, handle) = rx.await.expect("the service reports its port");
        Running {
            base: format!("http://127.0.0.1:{port}"),
            handle,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        // the command is sent now; its completion is not awaited
        drop(self.handle.stop(false));
    }
}

/// A response read whole: status, headers and the body as JSON (`Null`
/// when it is not JSON; `text` keeps it as sent).
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
    pub text: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// A panel error: `{"status":N,"message":...}` with N on the status line.
    pub fn assert_panel_error(&self, status: u16) {
        assert_eq!(self.status, status, "{}", self.text);
        assert_eq!(self.body["status"], status, "{}", self.text);
        assert!(self.body["message"].is_string(), "{}", self.text);
    }

    /// A bazaar error: `{"status":"error","message":...,"data":...}`.
    pub fn assert_bazaar_error(&self, status: u16) {
        assert_eq!(self.status, status, "{}", self.text);
        assert_eq!(self.body["status"], "error", "{}", self.text);
        assert!(self.body["message"].is_string(), "{}", self.text);
        assert!(self.body.get("data").is_some(), "{}", self.text);
    }

    /// A ledger error body whose `status` is the status line's.
    pub fn assert_ledger_error(&self, status: u16) {
        assert_eq!(self.status, status, "{}", self.text);
        assert_eq!(self.body["success"], false, "{}", self.text);
        assert_eq!(self.body["status"], status, "{}", self.text);
        assert!(self.body["message"].is_string(), "{}", self.text);
        assert!(self.body["errors"].is_object(), "{}", self.text);
    }
}

pub async fn send(request: RequestBuilder) -> Reply {
    let response = request.send().await.expect("the service answers");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let text = response.text().await.expect("a body");
    let body = serde_json::from_str(&text).unwrap_or(Value::Null);
    Reply {
        status,
        headers,
        body,
        text,
    }
}

/// The `insta` settings every snapshot test uses: maps sorted, snapshot
/// names without the module. Redactions are given per assertion.
pub fn snapshot_settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_sort_maps(true);
    settings.set_prepend_module_to_snapshot(false);
    settings
}

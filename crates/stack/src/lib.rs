//! The embedded platform: the gateway and every service in one process, each
//! on its own loopback port with its own SQLite file under `data_dir`, no
//! Redis. Each service's own settings (`IDENTITY__...`, `INVOICING__...`,
//! `GATEWAY__...`) still apply, except the keys the stack decides: `listen`,
//! `database_url`, and the gateway's `upstreams`, `jwks_url` and
//! `revocations_url`, which point at the services started here.

use actix_web::dev::ServerHandle;
use futures_util::future::{self, BoxFuture};
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct StackSettings {
    /// Where the SQLite files (and identity's keys) live.
    pub data_dir: PathBuf,
    /// The address every component listens on.
    pub host: String,
    pub ports: Ports,
    /// Worker threads per component.
    pub workers: usize,
}

/// One port per component; 0 picks a free one (tests).
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Ports {
    pub gateway: u16,
    pub identity: u16,
    pub invoicing: u16,
}

impl Default for StackSettings {
    fn default() -> Self {
        StackSettings {
            data_dir: PathBuf::from("./data"),
            host: "127.0.0.1".into(),
            ports: Ports::default(),
            workers: 2,
        }
    }
}

impl Default for Ports {
    fn default() -> Self {
        Ports {
            gateway: 8080,
            identity: 8081,
            invoicing: 8085,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StackError {
    #[error("{0}")]
    Settings(#[from] platform_settings::SettingsError),
    #[error("data_dir {path}: {source}")]
    DataDir {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{name}: {message}")]
    Component { name: &'static str, message: String },
}

#[derive(Debug, Clone)]
pub struct Component {
    pub name: &'static str,
    pub url: String,
}

/// The started platform: the gateway first in [`Stack::components`].
pub struct Stack {
    components: Vec<Component>,
    handles: Vec<ServerHandle>,
    servers: Vec<BoxFuture<'static, std::io::Result<()>>>,
}

impl Stack {
    pub async fn start(settings: StackSettings) -> Result<Stack, StackError> {
        std::fs::create_dir_all(&settings.data_dir).map_err(|source| StackError::DataDir {
            path: settings.data_dir.display().to_string(),
            source,
        })?;
        let mut stack = Stack {
            components: Vec::new(),
            handles: Vec::new(),
            servers: Vec::new(),
        };
        let host = &settings.host;
        let data = &settings.data_dir;

        let mut id: identity::Settings = platform_settings::load("identity")?;
        id.listen = format!("{host}:{}", settings.ports.identity);
        id.database_url = sqlite_url(data, "identity");
        id.keys_dir = data.join("keys").display().to_string();
        id.workers = settings.workers;
        let app = identity::Application::build(id)
            .await
            .map_err(failed("identity"))?;
        let identity_base = format!("http://{host}:{}", app.port());
        stack.add(
            "identity",
            &identity_base,
            app.handle(),
            Box::pin(app.run()),
        );
        let jwks_url = format!("{identity_base}/.well-known/jwks.json");

        let mut inv: invoicing::Settings = platform_settings::load("invoicing")?;
        inv.listen = format!("{host}:{}", settings.ports.invoicing);
        inv.database_url = sqlite_url(data, "invoicing");
        inv.jwks_url = jwks_url.clone();
        inv.workers = settings.workers;
        let app = invoicing::Application::build(inv)
            .await
            .map_err(failed("invoicing"))?;
        let invoicing_base = format!("http://{host}:{}", app.port());
        stack.add(
            "invoicing",
            &invoicing_base,
            app.handle(),
            Box::pin(app.run()),
        );

        let mut gw: gateway::Settings = platform_settings::load("gateway")?;
        gw.listen = format!("{host}:{}", settings.ports.gateway);
        gw.workers = settings.workers;
        gw.upstreams
            .insert("identity".into(), identity_base.clone());
        gw.upstreams.insert("invoicing".into(), invoicing_base);
        gw.jwks_url = jwks_url;
        gw.revocations_url = Some(format!("{identity_base}/internal/revocations"));
        let app = gateway::Application::build(gw)
            .await
            .map_err(failed("gateway"))?;
        stack.add(
            "gateway",
            &format!("http://{host}:{}", app.port()),
            app.handle(),
            Box::pin(app.run()),
        );
        // the gateway is the address people want first
        stack.components.rotate_right(1);
        Ok(stack)
    }

    fn add(
        &mut self,
        name: &'static str,
        url: &str,
        handle: ServerHandle,
        server: BoxFuture<'static, std::io::Result<()>>,
    ) {
        self.components.push(Component {
            name,
            url: url.to_string(),
        });
        self.handles.push(handle);
        self.servers.push(server);
    }

    pub fn components(&self) -> &[Component] {
        &self.components
    }

    /// Handles to stop every component (tests; Ctrl-C and SIGTERM stop them
    /// by themselves).
    pub fn handles(&self) -> Vec<ServerHandle> {
        self.handles.clone()
    }

    /// Serves until every component has stopped.
    pub async fn run(self) -> std::io::Result<()> {
        future::try_join_all(self.servers).await.map(|_| ())
    }
}

/// Turns a component's start-up error into the stack's, naming the component.
fn failed<E: std::fmt::Display>(name: &'static str) -> impl Fn(E) -> StackError {
    move |e| StackError::Component {
        name,
        message: e.to_string(),
    }
}

fn sqlite_url(dir: &Path, name: &str) -> String {
    format!("sqlite://{}", dir.join(format!("{name}.db")).display())
}

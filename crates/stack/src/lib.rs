//! The embedded platform: the gateway and every service in one process, each
//! on its own loopback port with its own SQLite file under `data_dir`, no
//! Redis. Each service's own settings (`IDENTITY__...`, `INVOICING__...`,
//! `GATEWAY__...`) still apply, except the keys the stack decides: `listen`,
//! `database_url`, `workers`, `jwks_url`, `revocations_url` and
//! `internal_secret` (one made for each run and shared by all), identity's
//! `smm_url`, and the gateway's `upstreams`.
//!
//! A new service joins with one entry in [`Stack::start`] (and its port in
//! [`Ports`]); `docs/adding-a-service.md` says the rest.

pub mod postman;

use actix_web::dev::ServerHandle;
use futures_util::future::{self, BoxFuture};
use platform_http::Served;
use platform_service::ServiceSettings;
use platform_settings::Secret;
use serde::Deserialize;
use std::fmt::Display;
use std::future::Future;
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

/// One port per component; 0 picks a free one (tests). The ports of
/// services not built yet are reserved, so their numbers never move.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Ports {
    pub gateway: u16,
    pub identity: u16,
    pub social: u16,
    pub chat: u16,
    pub smm: u16,
    pub invoicing: u16,
    pub buildings: u16,
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
            social: 8082,
            chat: 8083,
            smm: 8084,
            invoicing: 8085,
            buildings: 8086,
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

/// What every service started here is told.
struct Shared<'a> {
    settings: &'a StackSettings,
    /// identity's base URL, once it runs.
    identity: Option<String>,
    secret: Secret,
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
        let mut shared = Shared {
            settings: &settings,
            identity: None,
            secret: Secret::new(uuid::Uuid::new_v4().simple().to_string().repeat(2)),
        };
        let ports = &settings.ports;

        // identity first: every other component reads its keys and feed
        let keys = settings.data_dir.join("keys").display().to_string();
        let identity = stack
            .service(
                &shared,
                ports.identity,
                identity::Application::build,
                |s: &mut identity::Settings| {
                    s.keys_dir = keys;
                    // smm starts later; on port 0 its address is not known
                    // yet, and identity shows null wallets
                    if ports.smm != 0 {
                        s.smm_url = Some(format!("http://{}:{}", settings.host, ports.smm));
                    }
                },
            )
            .await?;
        shared.identity = Some(identity);
        // the registry: one line per service
        stack
            .service(
                &shared,
                ports.invoicing,
                invoicing::Application::build,
                |_: &mut invoicing::Settings| {},
            )
            .await?;
        stack
            .service(
                &shared,
                ports.smm,
                smm::Application::build,
                |s: &mut smm::Settings| {
                    // names and masked mobiles for tickets and stats
                    s.identity_url = shared.identity.clone();
                    // Zarinpal sends the browser back through the gateway
                    if ports.gateway != 0 {
                        s.zarinpal.callback_url = format!(
                            "http://{}:{}/api/v1/user/payment/verify",
                            settings.host, ports.gateway
                        );
                    }
                },
            )
            .await?;
        let buildings = stack
            .service(
                &shared,
                ports.buildings,
                buildings::Application::build,
                |_: &mut buildings::Settings| {},
            )
            .await?;
        let identity_url = shared.identity.clone();
        let social = stack
            .service(
                &shared,
                ports.social,
                social::Application::build,
                |s: &mut social::Settings| {
                    if let Some(url) = identity_url {
                        s.identity_url = url;
                    }
                },
            )
            .await?;
        // chat shows names from identity and social, rooms from buildings
        let identity_for_chat = shared.identity.clone().unwrap_or_default();
        stack
            .service(
                &shared,
                ports.chat,
                chat::Application::build,
                |s: &mut chat::Settings| {
                    s.identity_url = identity_for_chat;
                    s.social_url = social;
                    s.buildings_url = Some(buildings);
                },
            )
            .await?;

        stack.gateway(&shared).await?;
        // the gateway is the address people want first
        stack.components.rotate_right(1);
        Ok(stack)
    }

    /// Starts the service `S` on `port` with the stack's common keys, after
    /// `adjust`; returns its base URL.
    async fn service<S, F, Fut, E>(
        &mut self,
        shared: &Shared<'_>,
        port: u16,
        build: F,
        adjust: impl FnOnce(&mut S),
    ) -> Result<String, StackError>
    where
        S: ServiceSettings,
        F: FnOnce(S) -> Fut,
        Fut: Future<Output = Result<Served, E>>,
        E: Display,
    {
        let host = &shared.settings.host;
        let mut settings: S = platform_service::load()?;
        let common = settings.common_mut();
        common.listen = format!("{host}:{port}");
        common.database_url = sqlite_url(&shared.settings.data_dir, S::NAME);
        common.workers = shared.settings.workers;
        common.internal_secret = Some(shared.secret.clone());
        if let Some(identity) = &shared.identity {
            common.jwks_url = format!("{identity}/.well-known/jwks.json");
            common.revocations_url = Some(format!("{identity}/internal/revocations"));
        }
        adjust(&mut settings);
        let served = build(settings).await.map_err(failed(S::NAME))?;
        let url = format!("http://{host}:{}", served.port());
        self.add(S::NAME, &url, served);
        Ok(url)
    }

    /// The gateway in front of every service started.
    async fn gateway(&mut self, shared: &Shared<'_>) -> Result<(), StackError> {
        let host = &shared.settings.host;
        let mut gw: gateway::Settings = platform_settings::load("gateway")?;
        gw.listen = format!("{host}:{}", shared.settings.ports.gateway);
        gw.workers = shared.settings.workers;
        for c in &self.components {
            gw.upstreams.insert(c.name.into(), c.url.clone());
        }
        if let Some(identity) = &shared.identity {
            gw.jwks_url = format!("{identity}/.well-known/jwks.json");
            gw.revocations_url = Some(format!("{identity}/internal/revocations"));
        }
        gw.internal_secret = Some(shared.secret.clone());
        let served = gateway::Application::build(gw)
            .await
            .map_err(failed("gateway"))?;
        let url = format!("http://{host}:{}", served.port());
        self.add("gateway", &url, served);
        Ok(())
    }

    fn add(&mut self, name: &'static str, url: &str, served: Served) {
        self.components.push(Component {
            name,
            url: url.to_string(),
        });
        self.handles.push(served.handle());
        self.servers.push(Box::pin(served.run()));
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

/// Every service's OpenAPI document, generated from its code, by name
/// (`proto-docs/<name>.yaml`).
pub fn documents() -> Vec<(&'static str, String)> {
    vec![
        ("identity", identity::openapi::document()),
        ("invoicing", invoicing::openapi::document()),
        ("smm", smm::openapi::document()),
        ("buildings", buildings::openapi::document()),
        ("social", social::openapi::document()),
        ("chat", chat::openapi::document()),
    ]
}

/// Turns a component's start-up error into the stack's, naming the component.
fn failed<E: Display>(name: &'static str) -> impl Fn(E) -> StackError {
    move |e| StackError::Component {
        name,
        message: e.to_string(),
    }
}

fn sqlite_url(dir: &Path, name: &str) -> String {
    format!("sqlite://{}", dir.join(format!("{name}.db")).display())
}

//! The production shape of docker-compose.yml as processes on this
//! machine: the same components and the same environment variables, with
//! loopback addresses for the compose network's names and in-process relays
//! for the Services in front of replicas.

use crate::balancer::{self, Order};
use crate::procs::{free_port, Procs};
use crate::standins::StandIns;
use crate::stores::{redis_url, Databases};
use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;

pub const OPERATOR: &str = "09120000901";
/// The platform's internal credential of this run (32+ characters).
const INTERNAL_SECRET: &str = "topology-internal-secret-0123456789abcdef";

pub struct Topology {
    pub procs: Procs,
    /// the flows' gateway (gateway-1)
    pub gw1: String,
    pub gw2: String,
    /// a load balancer over both gateways, for the traffic
    pub front: String,
}

fn addr(port: u16) -> SocketAddr {
    SocketAddr::from(([127, 0, 0, 1], port))
}

fn url(port: u16) -> String {
    format!("http://127.0.0.1:{port}")
}

fn set(procs: &mut Procs, name: &str, pairs: Vec<(&str, String)>) {
    let p = procs.get_mut(name);
    p.env = pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
}

impl Topology {
    pub async fn start(
        procs: Procs,
        dbs: &Databases,
        keys: &Path,
        stand_ins: &StandIns,
    ) -> Result<Topology, String> {
        let mut procs = procs;
        for (name, component) in [
            ("identity", "identity"),
            ("social", "social"),
            ("invoicing", "invoicing"),
            ("buildings", "buildings"),
            ("chat-1", "chat"),
            ("chat-2", "chat"),
            ("smm-1", "smm"),
            ("smm-2", "smm"),
            ("gateway-1", "gateway"),
            ("gateway-2", "gateway"),
        ] {
            procs.add(name, component, free_port());
        }
        let port = |procs: &Procs, name: &str| procs.get(name).port;
        let (identity, social, invoicing, buildings) = (
            port(&procs, "identity"),
            port(&procs, "social"),
            port(&procs, "invoicing"),
            port(&procs, "buildings"),
        );
        let (chat1, chat2) = (port(&procs, "chat-1"), port(&procs, "chat-2"));
        let (smm1, smm2) = (port(&procs, "smm-1"), port(&procs, "smm-2"));
        let (gw1, gw2) = (port(&procs, "gateway-1"), port(&procs, "gateway-2"));
        let relay = |e: std::io::Error| format!("relay: {e}");
        // the Services: smm's spreads new connections over its replicas;
        // each gateway reaches "its own" chat replica first, so sockets
        // through the two gateways sit on different replicas, and the
        // other one when its own refuses connections
        let smm = balancer::start(vec![addr(smm1), addr(smm2)], Order::RoundRobin)
            .await
            .map_err(relay)?;
        let chat_for_1 = balancer::start(vec![addr(chat1), addr(chat2)], Order::Prefer)
            .await
            .map_err(relay)?;
        let chat_for_2 = balancer::start(vec![addr(chat2), addr(chat1)], Order::Prefer)
            .await
            .map_err(relay)?;
        let front = balancer::start(vec![addr(gw1), addr(gw2)], Order::RoundRobin)
            .await
            .map_err(relay)?;
        let smm = format!("http://{smm}");

        let run = std::process::id();
        let redis = redis_url();
        let secret = INTERNAL_SECRET.to_string();
        let jwks = format!("{}/.well-known/jwks.json", url(identity));
        let revocations = format!("{}/internal/revocations", url(identity));
        let info = || "info".to_string();

        set(
            &mut procs,
            "identity",
            vec![
                ("RUST_LOG", info()),
                ("IDENTITY__LISTEN", format!("127.0.0.1:{identity}")),
                ("IDENTITY__DATABASE_URL", dbs.url("identity")),
                ("IDENTITY__REDIS_URL", redis.clone()),
                ("IDENTITY__REDIS_PREFIX", format!("topology{run}:identity:")),
                ("IDENTITY__INTERNAL_SECRET", secret.clone()),
                ("IDENTITY__KEYS_DIR", keys.display().to_string()),
                ("IDENTITY__GENERATE_KEYS", "true".into()),
                ("IDENTITY__TRUSTED_PROXIES", "127.0.0.1,::1".into()),
                ("IDENTITY__SMM_URL", smm.clone()),
                ("IDENTITY__SMS__PROVIDER", "webhook".into()),
                ("IDENTITY__SMS__WEBHOOK_URL", stand_ins.sms_url()),
                ("IDENTITY__ADMINS", OPERATOR.into()),
            ],
        );
        set(
            &mut procs,
            "social",
            vec![
                ("RUST_LOG", info()),
                ("SOCIAL__LISTEN", format!("127.0.0.1:{social}")),
                ("SOCIAL__DATABASE_URL", dbs.url("social")),
                ("SOCIAL__JWKS_URL", jwks.clone()),
                ("SOCIAL__REVOCATIONS_URL", revocations.clone()),
                ("SOCIAL__INTERNAL_SECRET", secret.clone()),
                ("SOCIAL__IDENTITY_URL", url(identity)),
            ],
        );
        for (name, own) in [("chat-1", chat1), ("chat-2", chat2)] {
            set(
                &mut procs,
                name,
                vec![
                    ("RUST_LOG", info()),
                    ("CHAT__LISTEN", format!("127.0.0.1:{own}")),
                    ("CHAT__DATABASE_URL", dbs.url("chat")),
                    ("CHAT__REDIS_URL", redis.clone()),
                    ("CHAT__REDIS_PREFIX", format!("topology{run}:chat:")),
                    ("CHAT__JWKS_URL", jwks.clone()),
                    ("CHAT__REVOCATIONS_URL", revocations.clone()),
                    ("CHAT__INTERNAL_SECRET", secret.clone()),
                    ("CHAT__SOCIAL_URL", url(social)),
                    ("CHAT__IDENTITY_URL", url(identity)),
                    ("CHAT__BUILDINGS_URL", url(buildings)),
                ],
            );
        }
        for (name, own) in [("smm-1", smm1), ("smm-2", smm2)] {
            set(
                &mut procs,
                name,
                vec![
                    ("RUST_LOG", info()),
                    ("SMM__LISTEN", format!("127.0.0.1:{own}")),
                    ("SMM__DATABASE_URL", dbs.url("smm")),
                    ("SMM__JWKS_URL", jwks.clone()),
                    ("SMM__REVOCATIONS_URL", revocations.clone()),
                    ("SMM__INTERNAL_SECRET", secret.clone()),
                    ("SMM__IDENTITY_URL", url(identity)),
                    (
                        "SMM__ZARINPAL__CALLBACK_URL",
                        format!("{}/api/v1/user/payment/verify", url(gw1)),
                    ),
                    ("SMM__ZARINPAL__MERCHANT_ID", stand_ins.merchant()),
                    // not in compose: the stand-ins' addresses and a quick
                    // status sync, so an order completes within the run
                    ("SMM__ZARINPAL__BASE_URL", stand_ins.zarinpal.url()),
                    ("SMM__SYNC_INTERVAL_MS", "1000".into()),
                    ("SMM__FORWARD_INTERVAL_MS", "200".into()),
                    ("SMM__PROVIDER_TIMEOUT_MS", "3000".into()),
                ],
            );
        }
        set(
            &mut procs,
            "invoicing",
            vec![
                ("RUST_LOG", info()),
                ("INVOICING__LISTEN", format!("127.0.0.1:{invoicing}")),
                ("INVOICING__DATABASE_URL", dbs.url("invoicing")),
                ("INVOICING__JWKS_URL", jwks.clone()),
                ("INVOICING__REVOCATIONS_URL", revocations.clone()),
                ("INVOICING__INTERNAL_SECRET", secret.clone()),
            ],
        );
        set(
            &mut procs,
            "buildings",
            vec![
                ("RUST_LOG", info()),
                ("BUILDINGS__LISTEN", format!("127.0.0.1:{buildings}")),
                ("BUILDINGS__DATABASE_URL", dbs.url("buildings")),
                ("BUILDINGS__JWKS_URL", jwks.clone()),
                ("BUILDINGS__REVOCATIONS_URL", revocations.clone()),
                ("BUILDINGS__INTERNAL_SECRET", secret.clone()),
            ],
        );
        for (name, own, chat) in [
            ("gateway-1", gw1, chat_for_1),
            ("gateway-2", gw2, chat_for_2),
        ] {
            set(
                &mut procs,
                name,
                vec![
                    ("RUST_LOG", info()),
                    ("GATEWAY__LISTEN", format!("127.0.0.1:{own}")),
                    ("GATEWAY__REDIS_URL", redis.clone()),
                    ("GATEWAY__REDIS_PREFIX", format!("topology{run}:gw:")),
                    ("GATEWAY__JWKS_URL", jwks.clone()),
                    ("GATEWAY__REVOCATIONS_URL", revocations.clone()),
                    ("GATEWAY__INTERNAL_SECRET", secret.clone()),
                    ("GATEWAY__UPSTREAMS__IDENTITY", url(identity)),
                    ("GATEWAY__UPSTREAMS__SOCIAL", url(social)),
                    ("GATEWAY__UPSTREAMS__CHAT", format!("http://{chat}")),
                    ("GATEWAY__UPSTREAMS__SMM", smm.clone()),
                    ("GATEWAY__UPSTREAMS__INVOICING", url(invoicing)),
                    ("GATEWAY__UPSTREAMS__BUILDINGS", url(buildings)),
                ],
            );
        }

        // compose's order: identity (its keys), then the services, then
        // the gateways once every upstream is ready
        let limit = Duration::from_secs(60);
        procs.start("identity")?;
        let took = procs.ready("identity", limit).await?;
        println!("ready  identity   in {:>5} ms", took.as_millis());
        let services = [
            "social",
            "invoicing",
            "buildings",
            "chat-1",
            "chat-2",
            "smm-1",
            "smm-2",
        ];
        for name in services {
            procs.start(name)?;
        }
        for name in services {
            let took = procs.ready(name, limit).await?;
            println!("ready  {name:<10} in {:>5} ms", took.as_millis());
        }
        for name in ["gateway-1", "gateway-2"] {
            procs.start(name)?;
        }
        for name in ["gateway-1", "gateway-2"] {
            let took = procs.ready(name, limit).await?;
            println!("ready  {name:<10} in {:>5} ms", took.as_millis());
        }
        Ok(Topology {
            procs,
            gw1: url(gw1),
            gw2: url(gw2),
            front: format!("http://{front}"),
        })
    }
}

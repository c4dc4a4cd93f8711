use platform_http::Dialect;
use serde::Deserialize;
use std::collections::BTreeMap;

/// The gateway's settings (`config/gateway.toml`, `GATEWAY__...`).
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    pub listen: String,
    pub workers: usize,
    /// Redis for rate limits shared by every replica; in-process without.
    pub redis_url: Option<String>,
    /// Prefix of every Redis key the gateway writes.
    pub redis_prefix: String,
    pub jwks_url: String,
    /// identity's revocation feed; unset, no token is treated as revoked.
    pub revocations_url: Option<String>,
    pub revocation_poll_ms: u64,
    /// The platform's internal credential, shown to identity's revocation
    /// feed (`platform_auth::internal`).
    pub internal_secret: Option<platform_settings::Secret>,
    /// Clock skew allowed on a token's `exp`, `nbf` and `iat`: the same
    /// rule and, by default, the same value at every component.
    pub token_leeway_secs: u64,
    /// Addresses (CIDR or single IP) whose `X-Forwarded-For` is believed.
    #[serde(deserialize_with = "platform_settings::list")]
    pub trusted_proxies: Vec<String>,
    /// Base URL of each upstream service by name.
    pub upstreams: BTreeMap<String, String>,
    /// The route table; empty means the built-in one (`routes::defaults`).
    pub routes: Vec<RouteSettings>,
    pub rate_limit: RateLimitSettings,
    pub cors: CorsSettings,
    /// How long `/readyz` waits for each upstream's `/readyz`.
    pub ready_timeout_ms: u64,
    /// WebSocket routes' relay.
    pub ws: WsSettings,
}

/// The WebSocket relay (`websocket` routes).
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WsSettings {
    /// Sockets one user may hold at once on this gateway; more are 429.
    pub max_per_user: usize,
    /// The gateway pings each client this often.
    pub ping_secs: u64,
    /// A client silent this long (no frame, no pong) is closed.
    pub idle_secs: u64,
    /// A client that takes longer to accept a frame is closed with 4008.
    pub send_timeout_ms: u64,
    /// The largest frame either way.
    pub max_frame_bytes: usize,
    /// How often open sockets' tokens are checked for logout and expiry.
    pub sweep_ms: u64,
}

impl Default for WsSettings {
    fn default() -> Self {
        WsSettings {
            max_per_user: 8,
            ping_secs: 25,
            idle_secs: 60,
            send_timeout_ms: 10_000,
            max_frame_bytes: 64 * 1024,
            sweep_ms: 250,
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        let upstreams = [
            ("identity", 8081),
            ("social", 8082),
            ("chat", 8083),
            ("smm", 8084),
            ("invoicing", 8085),
            ("buildings", 8086),
        ]
        .into_iter()
        .map(|(name, port)| (name.to_string(), format!("http://127.0.0.1:{port}")))
        .collect();
        Settings {
            listen: "127.0.0.1:8080".into(),
            workers: 0,
            redis_url: None,
            redis_prefix: "gw:".into(),
            jwks_url: "http://127.0.0.1:8081/.well-known/jwks.json".into(),
            revocations_url: Some("http://127.0.0.1:8081/internal/revocations".into()),
            revocation_poll_ms: 250,
            internal_secret: None,
            token_leeway_secs: platform_auth::DEFAULT_LEEWAY_SECS,
            trusted_proxies: Vec::new(),
            upstreams,
            routes: Vec::new(),
            rate_limit: RateLimitSettings::default(),
            cors: CorsSettings::default(),
            ready_timeout_ms: 1000,
            ws: WsSettings::default(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AuthMode {
    /// No valid token, no entry: 401 in the route's dialect.
    Required,
    /// A token is verified when present (a bad one is still 401).
    Optional,
    /// The gateway does not look at tokens.
    Public,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RouteSettings {
    /// A path prefix, matched on segment boundaries, or the whole path when `exact`.
    pub path: String,
    #[serde(default)]
    pub exact: bool,
    pub upstream: String,
    pub auth: AuthMode,
    /// A policy name from `rate_limit.policies`; unset means `default`,
    /// `"none"` means not limited.
    #[serde(default)]
    pub rate_limit: Option<String>,
    pub dialect: Dialect,
    /// The query parameter the route's apps put their token in, besides
    /// `Authorization: Bearer`. Unset: `token` for bazaar routes,
    /// `access_token` for ledger routes, none otherwise.
    #[serde(default)]
    pub token_param: Option<String>,
    /// Time to the upstream's response head.
    #[serde(default = "default_timeout_ms")]
    pub timeout_ms: u64,
    #[serde(default = "default_connect_timeout_ms")]
    pub connect_timeout_ms: u64,
    #[serde(default = "default_max_body_bytes")]
    pub max_body_bytes: u64,
    /// A WebSocket route: the handshake is authenticated here and the
    /// socket relayed frame by frame (`ws` settings).
    #[serde(default)]
    pub websocket: bool,
}

fn default_timeout_ms() -> u64 {
    30_000
}
fn default_connect_timeout_ms() -> u64 {
    800
}
fn default_max_body_bytes() -> u64 {
    10 * 1024 * 1024
}

impl RouteSettings {
    pub fn new(path: &str, upstream: &str, auth: AuthMode, dialect: Dialect) -> RouteSettings {
        RouteSettings {
            path: path.into(),
            exact: false,
            upstream: upstream.into(),
            auth,
            rate_limit: None,
            dialect,
            token_param: None,
            timeout_ms: default_timeout_ms(),
            connect_timeout_ms: default_connect_timeout_ms(),
            max_body_bytes: default_max_body_bytes(),
            websocket: false,
        }
    }

    pub fn websocket(mut self) -> Self {
        self.websocket = true;
        self
    }

    pub fn exact(mut self) -> Self {
        self.exact = true;
        self
    }

    pub fn limited_by(mut self, policy: &str) -> Self {
        self.rate_limit = Some(policy.into());
        self
    }
}

/// `requests` per `per_secs`, allowed in a burst of up to `requests`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    pub requests: u32,
    pub per_secs: u64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RateLimitSettings {
    /// When Redis fails: false (default) keeps serving with this replica's
    /// own counters; true answers 503 until Redis is back.
    pub fail_closed: bool,
    /// How long one Redis call may take before it counts as failed.
    pub redis_timeout_ms: u64,
    /// The most tokens of a busy bucket one replica leases from Redis at
    /// once, to spend without a round trip each; 0 counts every request in
    /// Redis. Leases are granted only far from the limit (`ratelimit/lease.rs`).
    pub lease: u32,
    /// How long a lease lives before its unspent tokens go back to Redis.
    pub lease_ms: u64,
    pub policies: BTreeMap<String, Policy>,
}

impl Default for RateLimitSettings {
    fn default() -> Self {
        let policies = [
            // code-sending: each request may cost an SMS
            (
                "login",
                Policy {
                    requests: 5,
                    per_secs: 300,
                },
            ),
            (
                "auth",
                Policy {
                    requests: 20,
                    per_secs: 300,
                },
            ),
            (
                "default",
                Policy {
                    requests: 600,
                    per_secs: 60,
                },
            ),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
        RateLimitSettings {
            fail_closed: false,
            redis_timeout_ms: 100,
            lease: 64,
            lease_ms: 100,
            policies,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CorsSettings {
    /// Origins allowed to call from a browser; `*` for any. Empty: no CORS.
    #[serde(deserialize_with = "platform_settings::list")]
    pub allowed_origins: Vec<String>,
    pub max_age_secs: usize,
}

impl Default for CorsSettings {
    fn default() -> Self {
        CorsSettings {
            allowed_origins: Vec::new(),
            max_age_secs: 3600,
        }
    }
}

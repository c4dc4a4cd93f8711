use crate::settings::{AuthMode, Policy, RouteSettings, Settings};
use crate::upstream::Upstream;
use platform_http::Dialect;
use std::borrow::Cow;
use std::collections::hash_map::{Entry, HashMap};
use std::sync::Arc;
use std::time::Duration;

/// The built-in table: every public path of the services that exist.
pub fn defaults() -> Vec<RouteSettings> {
    use AuthMode::{Public, Required};
    use Dialect::{Bazaar, Building, Ledger, Panel, Reseller};
    vec![
        RouteSettings::new("/api/v1/login", "identity", Public, Panel)
            .exact()
            .limited_by("login"),
        RouteSettings::new("/api/v1/login/verify", "identity", Public, Panel)
            .exact()
            .limited_by("auth"),
        RouteSettings::new("/api/v1/login/password", "identity", Public, Panel)
            .exact()
            .limited_by("auth"),
        RouteSettings::new("/api/v1/logout", "identity", Required, Panel).exact(),
        RouteSettings::new("/api/v1/user", "identity", Required, Panel),
        RouteSettings::new("/web/user", "identity", Required, Bazaar),
        // the marketplace app's account routes, called before there is a
        // token (islogin and newtoken judge the token themselves)
        RouteSettings::new("/web/user/register", "identity", Public, Bazaar)
            .exact()
            .limited_by("login"),
        RouteSettings::new("/web/user/checkactivationcode", "identity", Public, Bazaar)
            .exact()
            .limited_by("auth"),
        RouteSettings::new("/web/user/newactivationcode", "identity", Public, Bazaar)
            .exact()
            .limited_by("login"),
        RouteSettings::new("/web/user/login", "identity", Public, Bazaar)
            .exact()
            .limited_by("auth"),
        RouteSettings::new("/web/user/islogin", "identity", Public, Bazaar)
            .exact()
            .limited_by("auth"),
        RouteSettings::new("/web/user/newtoken", "identity", Public, Bazaar)
            .exact()
            .limited_by("auth"),
        RouteSettings::new("/web/user/forget", "identity", Public, Bazaar)
            .exact()
            .limited_by("login"),
        RouteSettings::new("/web/user/reset-password", "identity", Public, Bazaar)
            .exact()
            .limited_by("auth"),
        // the marketplace app's social graph: every other /web path, and
        // its actions under /web/user (identity's otherwise)
        RouteSettings::new("/web", "social", Required, Bazaar),
        RouteSettings::new("/web/user/add-comment", "social", Required, Bazaar).exact(),
        RouteSettings::new("/web/user/add-like", "social", Required, Bazaar).exact(),
        RouteSettings::new("/web/user/add-dislike", "social", Required, Bazaar).exact(),
        RouteSettings::new("/web/user/add-favorite", "social", Required, Bazaar).exact(),
        RouteSettings::new("/web/user/add-view", "social", Required, Bazaar).exact(),
        RouteSettings::new("/web/user/add-notification", "social", Required, Bazaar).exact(),
        RouteSettings::new("/web/user/delete-like", "social", Required, Bazaar).exact(),
        RouteSettings::new("/web/user/delete-dislike", "social", Required, Bazaar).exact(),
        RouteSettings::new("/web/user/delete-favorite", "social", Required, Bazaar).exact(),
        RouteSettings::new("/web/user/delete-notification", "social", Required, Bazaar).exact(),
        RouteSettings::new("/web/user/read-offer", "social", Required, Bazaar).exact(),
        RouteSettings::new("/web/user/submit-store-message", "social", Required, Bazaar).exact(),
        RouteSettings::new("/web/user/is-true", "social", Required, Bazaar).exact(),
        RouteSettings::new("/.well-known/jwks.json", "identity", Public, Panel).exact(),
        RouteSettings::new("/v1/customers", "invoicing", Required, Ledger),
        RouteSettings::new("/api/v1/categories", "smm", Public, Panel).exact(),
        RouteSettings::new("/api/v1/services", "smm", Public, Panel).exact(),
        RouteSettings::new("/api/v1/order", "smm", Required, Panel),
        RouteSettings::new("/api/v1/user/api_key", "smm", Required, Panel).exact(),
        RouteSettings::new("/api/v1/user/notifications", "smm", Required, Panel),
        RouteSettings::new("/api/v1/user/tickets", "smm", Required, Panel),
        RouteSettings::new("/api/v1/user/payment", "smm", Required, Panel),
        // Zarinpal's callback: the browser comes back without a token
        RouteSettings::new("/api/v1/user/payment/verify", "smm", Public, Panel).exact(),
        RouteSettings::new("/api/v1/user/freecredit", "smm", Required, Panel).exact(),
        RouteSettings::new("/api/v1/user/wof", "smm", Required, Panel).exact(),
        RouteSettings::new("/api/v1/user/gifts", "smm", Required, Panel).exact(),
        RouteSettings::new("/api/v1/stats", "smm", Public, Panel),
        RouteSettings::new("/api/v1/admin", "smm", Required, Panel),
        // the reseller API authenticates by its own `key`
        RouteSettings::new("/api/v2", "smm", Public, Reseller),
        RouteSettings::new("/omartyapis", "buildings", Required, Building),
        RouteSettings::new("/web/chats", "chat", Required, Bazaar),
        RouteSettings::new("/web/main-chats", "chat", Required, Bazaar),
        RouteSettings::new("/web/store-manager/chats", "chat", Required, Bazaar),
        RouteSettings::new("/omartyapis/chat", "chat", Required, Building),
        // the bazaar apps' `token` (or `access_token`, or Bearer)
        RouteSettings::new("/ws", "chat", Required, Bazaar)
            .exact()
            .websocket(),
    ]
}

/// A route ready to serve: settings checked, upstream resolved.
#[derive(Debug, Clone)]
pub struct Route {
    pub path: String,
    /// `path` for the metrics' route label, shared rather than copied.
    pub label: Arc<str>,
    pub exact: bool,
    pub upstream_name: String,
    /// The upstream's base URL, checked to be `http://host[:port][/path]`
    /// without a trailing slash.
    pub upstream: String,
    /// The same, parsed: where requests go. Shared by the routes naming it.
    pub target: Arc<Upstream>,
    pub auth: AuthMode,
    pub policy: Option<(String, Policy)>,
    pub dialect: Dialect,
    pub token_param: Option<String>,
    pub timeout: Duration,
    pub connect_timeout: Duration,
    pub max_body_bytes: u64,
    pub websocket: bool,
}

impl Route {
    fn matches(&self, path: &str) -> bool {
        if self.exact {
            return path == self.path || path.strip_suffix('/') == Some(&self.path);
        }
        let prefix = self.path.trim_end_matches('/');
        prefix.is_empty()
            || path == prefix
            || path
                .strip_prefix(prefix)
                .is_some_and(|rest| rest.starts_with('/'))
    }
}

#[derive(Debug, Clone)]
pub struct RouteTable {
    routes: Vec<Route>,
    upstreams: usize,
}

impl RouteTable {
    /// Checks every route against the upstreams and policies it names, so a
    /// typo stops start-up instead of failing requests.
    pub fn build(settings: &Settings) -> Result<RouteTable, String> {
        let configured = if settings.routes.is_empty() {
            defaults()
        } else {
            settings.routes.clone()
        };
        let mut routes = Vec::with_capacity(configured.len());
        let mut targets: HashMap<String, Arc<Upstream>> = HashMap::new();
        for (i, r) in configured.into_iter().enumerate() {
            let key = format!("routes[{i}] ({})", r.path);
            if !r.path.starts_with('/') {
                return Err(format!("{key}.path: must start with /"));
            }
            if is_internal(&r.path) {
                return Err(format!("{key}.path: /internal/ is never routed"));
            }
            let upstream = settings
                .upstreams
                .get(&r.upstream)
                .ok_or_else(|| format!("{key}.upstream: no upstream named `{}`", r.upstream))?
                .trim_end_matches('/')
                .to_string();
            let next_id = targets.len();
            let target = match targets.entry(r.upstream.clone()) {
                Entry::Occupied(seen) => Arc::clone(seen.get()),
                Entry::Vacant(slot) => {
                    let parsed = Upstream::parse(next_id, &upstream).ok_or_else(|| {
                        format!(
                            "upstreams.{}: `{upstream}` is not an http:// URL",
                            r.upstream
                        )
                    })?;
                    Arc::clone(slot.insert(Arc::new(parsed)))
                }
            };
            let policy_name = r.rate_limit.clone().unwrap_or_else(|| "default".into());
            let policy = if policy_name == "none" {
                None
            } else {
                let p = *settings
                    .rate_limit
                    .policies
                    .get(&policy_name)
                    .ok_or_else(|| format!("{key}.rate_limit: no policy named `{policy_name}`"))?;
                if p.requests == 0 || p.per_secs == 0 {
                    return Err(format!(
                        "rate_limit.policies.{policy_name}: requests and per_secs must be > 0"
                    ));
                }
                Some((policy_name, p))
            };
            let token_param = r.token_param.clone().or(match r.dialect {
                Dialect::Bazaar => Some("token".into()),
                Dialect::Ledger => Some("access_token".into()),
                _ => None,
            });
            routes.push(Route {
                label: Arc::from(r.path.as_str()),
                path: r.path,
                exact: r.exact,
                upstream_name: r.upstream,
                upstream,
                target,
                auth: r.auth,
                policy,
                dialect: r.dialect,
                token_param,
                timeout: Duration::from_millis(r.timeout_ms),
                connect_timeout: Duration::from_millis(r.connect_timeout_ms),
                max_body_bytes: r.max_body_bytes,
                websocket: r.websocket,
            });
        }
        // Longest first, and an exact route before a prefix of the same length.
        routes.sort_by(|a, b| {
            b.path
                .trim_end_matches('/')
                .len()
                .cmp(&a.path.trim_end_matches('/').len())
                .then(b.exact.cmp(&a.exact))
        });
        Ok(RouteTable {
            routes,
            upstreams: targets.len(),
        })
    }

    /// The route for a canonical path: the longest matching one.
    pub fn find(&self, path: &str) -> Option<&Route> {
        self.routes.iter().find(|r| r.matches(path))
    }

    pub fn routes(&self) -> &[Route] {
        &self.routes
    }

    /// How many distinct upstreams the routes name: the size of each
    /// worker's connection pool.
    pub fn upstreams(&self) -> usize {
        self.upstreams
    }
}

/// The path as the services will understand it: percent-decoded, empty and
/// `.` segments dropped. `None` for a path that climbs with `..` or does not
/// decode, which is refused, so `//internal/x` or `/%69nternal/x` cannot
/// reach an internal endpoint.
pub fn canonical(raw: &str) -> Option<Cow<'_, str>> {
    if is_canonical(raw) {
        return Some(Cow::Borrowed(raw));
    }
    decode(raw).map(Cow::Owned)
}

fn decode(raw: &str) -> Option<String> {
    let decoded = percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .ok()?;
    let mut out = String::with_capacity(decoded.len());
    for segment in decoded.split('/') {
        match segment {
            "" | "." => continue,
            ".." => return None,
            s => {
                out.push('/');
                out.push_str(s);
            }
        }
    }
    if out.is_empty() || decoded.ends_with('/') {
        out.push('/');
    }
    Some(out)
}

/// Whether `raw` is already what `canonical` would make of it, as nearly
/// every path is: nothing to decode, no empty, `.` or `..` segment but a
/// trailing slash.
fn is_canonical(raw: &str) -> bool {
    let Some(rest) = raw.strip_prefix('/') else {
        return false;
    };
    if raw.contains('%') {
        return false;
    }
    let mut segments = rest.split('/').peekable();
    while let Some(segment) = segments.next() {
        let last = segments.peek().is_none();
        if (segment.is_empty() && !last) || segment == "." || segment == ".." {
            return false;
        }
    }
    true
}

pub fn is_internal(path: &str) -> bool {
    let first = path.trim_start_matches('/').split('/').next().unwrap_or("");
    first.eq_ignore_ascii_case("internal")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(routes: Vec<RouteSettings>) -> RouteTable {
        RouteTable::build(&Settings {
            routes,
            ..Settings::default()
        })
        .unwrap()
    }

    #[test]
    fn longest_prefix_on_segment_boundaries() {
        let t = table(vec![
            RouteSettings::new("/api/v1", "smm", AuthMode::Required, Dialect::Panel),
            RouteSettings::new(
                "/api/v1/user",
                "identity",
                AuthMode::Required,
                Dialect::Panel,
            ),
        ]);
        assert_eq!(t.find("/api/v1/user").unwrap().upstream_name, "identity");
        assert_eq!(t.find("/api/v1/user/x").unwrap().upstream_name, "identity");
        assert_eq!(t.find("/api/v1/users").unwrap().upstream_name, "smm");
        assert_eq!(t.find("/api/v1").unwrap().upstream_name, "smm");
        assert!(t.find("/api/v10").is_none());
        assert!(t.find("/other").is_none());
    }

    #[test]
    fn exact_routes_match_only_themselves() {
        let t = table(vec![
            RouteSettings::new("/a/b", "identity", AuthMode::Public, Dialect::Panel).exact(),
            RouteSettings::new("/a", "smm", AuthMode::Public, Dialect::Panel),
        ]);
        assert_eq!(t.find("/a/b").unwrap().upstream_name, "identity");
        assert_eq!(t.find("/a/b/").unwrap().upstream_name, "identity");
        assert_eq!(t.find("/a/b/c").unwrap().upstream_name, "smm");
    }

    #[test]
    fn typos_stop_start_up() {
        let bad_upstream = Settings {
            routes: vec![RouteSettings::new(
                "/x",
                "nope",
                AuthMode::Public,
                Dialect::Panel,
            )],
            ..Settings::default()
        };
        assert!(RouteTable::build(&bad_upstream)
            .unwrap_err()
            .contains("nope"));
        let bad_policy = Settings {
            routes: vec![
                RouteSettings::new("/x", "smm", AuthMode::Public, Dialect::Panel)
                    .limited_by("fast"),
            ],
            ..Settings::default()
        };
        assert!(RouteTable::build(&bad_policy).unwrap_err().contains("fast"));
        let mut tls = Settings {
            routes: vec![RouteSettings::new(
                "/x",
                "smm",
                AuthMode::Public,
                Dialect::Panel,
            )],
            ..Settings::default()
        };
        tls.upstreams
            .insert("smm".into(), "https://smm.internal".into());
        assert!(RouteTable::build(&tls)
            .unwrap_err()
            .contains("upstreams.smm"));
        let internal = Settings {
            routes: vec![RouteSettings::new(
                "/internal/x",
                "smm",
                AuthMode::Public,
                Dialect::Panel,
            )],
            ..Settings::default()
        };
        assert!(RouteTable::build(&internal).is_err());
    }

    #[test]
    fn paths_taken_as_they_are_are_what_decoding_makes() {
        let pieces = ["a", "", ".", "..", "%41", "b-c", "x.y"];
        let mut paths = vec![String::new()];
        for _ in 0..3 {
            let longer: Vec<String> = paths
                .iter()
                .flat_map(|p| pieces.iter().map(move |s| format!("{p}/{s}")))
                .collect();
            paths.extend(longer);
        }
        let mut fast = 0;
        for raw in paths.iter().flat_map(|p| [p.clone(), format!("{p}/")]) {
            if is_canonical(&raw) {
                fast += 1;
                assert_eq!(decode(&raw).as_deref(), Some(raw.as_str()), "{raw:?}");
            }
        }
        assert!(fast > 50, "the fast path is taken for plain paths ({fast})");
    }

    #[test]
    fn canonical_paths() {
        assert_eq!(canonical("/a//b/./c").unwrap(), "/a/b/c");
        assert_eq!(canonical("/%69nternal/x").unwrap(), "/internal/x");
        assert_eq!(canonical("/a/b/").unwrap(), "/a/b/");
        assert_eq!(canonical("/").unwrap(), "/");
        assert!(canonical("/a/../internal").is_none());
        assert!(canonical("/%2e%2e/x").is_none());
        assert!(is_internal(&canonical("//internal/users").unwrap()));
        assert!(is_internal("/INTERNAL"));
        assert!(!is_internal("/internals"));
    }

    #[test]
    fn default_table_is_valid() {
        let t = RouteTable::build(&Settings::default()).unwrap();
        assert_eq!(
            t.find("/api/v1/login").unwrap().policy.as_ref().unwrap().0,
            "login"
        );
        assert_eq!(
            t.find("/v1/customers/abc").unwrap().token_param.as_deref(),
            Some("access_token")
        );
        assert_eq!(
            t.find("/web/user/edit").unwrap().token_param.as_deref(),
            Some("token")
        );
        // the marketplace app: /web/user is identity's but for social's
        // actions; every other /web path is social's
        for (path, upstream) in [
            ("/web/user/edit", "identity"),
            ("/web/user/register", "identity"),
            ("/web/user/login", "identity"),
            ("/web/user/add-like", "social"),
            ("/web/user/is-true", "social"),
            ("/web/store-user-likes", "social"),
            ("/web/broadcasts/3", "social"),
            ("/web/store-manager/statistics", "social"),
        ] {
            assert_eq!(t.find(path).unwrap().upstream_name, upstream, "{path}");
        }
        assert_eq!(t.find("/web/user/login").unwrap().auth, AuthMode::Public);
        // longest match: the chat's rooms, not buildings
        assert_eq!(
            t.find("/omartyapis/chat/rooms").unwrap().upstream_name,
            "chat"
        );
        assert_eq!(t.find("/omartyapis/me").unwrap().upstream_name, "buildings");
        assert!(t.find("/ws").unwrap().websocket);
        assert!(!t.find("/web/chats").unwrap().websocket);
    }
}

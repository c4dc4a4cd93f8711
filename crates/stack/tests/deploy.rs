//! Keeps `docker-compose.yml` and `deploy/k8s/` honest without Docker or a
//! cluster: every variable they set is a settings key its component
//! accepts (each component's settings are loaded from exactly that
//! environment and checked as its start-up checks them), every component
//! and port is in both, the peers' URLs point at components on their ports
//! (and the NetworkPolicies let those calls through), and the manifests are
//! well-formed Kubernetes objects. Secrets (`${...}` in compose,
//! `secretKeyRef` in Kubernetes) are given placeholders the loaders accept.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a test fails by panicking"
)]

use platform_service::ServiceSettings;
use serde_norway::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The seven components, each a binary of that name, on its port.
const COMPONENTS: [(&str, u16); 7] = [
    ("gateway", 8080),
    ("identity", 8081),
    ("social", 8082),
    ("chat", 8083),
    ("smm", 8084),
    ("invoicing", 8085),
    ("buildings", 8086),
];

/// Binaries that run with a component's settings.
const TOOLS: [(&str, &str); 1] = [("smm-reconcile", "smm")];

/// Variables that are not settings keys but that every binary reads.
const OTHER_VARIABLES: [&str; 1] = ["RUST_LOG"];

/// Stands in for every secret: 36 characters, so it is a valid internal
/// credential (32+), code hash key (32+), Kavenegar key and Zarinpal
/// merchant id (exactly 36).
const SECRET: &str = "0123456789abcdef0123456789abcdef0123";

/// Examples of what an operator sets for compose's pass-through keys (a key
/// without a value: taken from the shell or `.env` when set there). Each
/// is checked both unset and set to this.
const PASS_THROUGH: [(&str, &str); 8] = [
    ("IDENTITY__SMS__PROVIDER", "kavenegar"),
    ("IDENTITY__SMS__KAVENEGAR__API_KEY", SECRET),
    ("IDENTITY__SMS__KAVENEGAR__TEMPLATE", "login"),
    ("IDENTITY__SMS__KAVENEGAR__CHANGE_TEMPLATE", "mobile-change"),
    ("IDENTITY__ADMINS", "09120000001,09120000002"),
    ("SMM__ZARINPAL__MERCHANT_ID", SECRET),
    (
        "SMM__ZARINPAL__RETURN_URL",
        "https://panel.example.com/paid",
    ),
    ("GATEWAY__TRUSTED_PROXIES", "10.0.0.0/8"),
];

type Env = Vec<(String, String)>;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn port_of(component: &str) -> u16 {
    COMPONENTS
        .iter()
        .find(|(name, _)| *name == component)
        .map(|(_, port)| *port)
        .unwrap_or_else(|| panic!("{component} is not a component"))
}

fn component_of_binary(binary: &str) -> &str {
    TOOLS
        .iter()
        .find(|(tool, _)| *tool == binary)
        .map_or(binary, |(_, component)| component)
}

// ---- what each component accepts -------------------------------------

/// Loads the settings of `component` from exactly `env` (no file) and runs
/// the checks its start-up runs before it binds or connects.
fn accepts(component: &str, env: &Env) -> Result<(), String> {
    let prefix = format!("{}__", component.to_uppercase());
    if let Some((key, _)) = env
        .iter()
        .find(|(k, _)| !k.starts_with(&prefix) && !OTHER_VARIABLES.contains(&k.as_str()))
    {
        return Err(format!("{key}: not a key of {component} (`{prefix}...`)"));
    }
    let env = env.clone();
    match component {
        "gateway" => gateway(env),
        "identity" => service::<identity::Settings>(env),
        "social" => service::<social::Settings>(env),
        "chat" => service::<chat::Settings>(env),
        "smm" => service::<smm::Settings>(env),
        "invoicing" => service::<invoicing::Settings>(env),
        "buildings" => service::<buildings::Settings>(env),
        other => Err(format!("{other}: not a component")),
    }
}

fn no_file() -> &'static Path {
    Path::new("/nonexistent/deploy-test-config")
}

fn service<S: ServiceSettings>(env: Env) -> Result<(), String> {
    let settings: S = platform_service::load_from(no_file(), env).map_err(|e| e.to_string())?;
    settings.common().check()?;
    settings.check()
}

fn gateway(env: Env) -> Result<(), String> {
    let settings: gateway::Settings =
        platform_settings::load_from("gateway", no_file(), env).map_err(|e| e.to_string())?;
    platform_settings::parse_listen(&settings.listen)?;
    gateway::routes::RouteTable::build(&settings)?;
    platform_http::TrustedProxies::parse(&settings.trusted_proxies)?;
    platform_auth::TokenClock::from_setting("token_leeway_secs", settings.token_leeway_secs)?;
    platform_auth::InternalKey::from_setting("internal_secret", settings.internal_secret.as_ref())?;
    Ok(())
}

#[test]
fn the_check_refuses_what_a_component_would_refuse() {
    let env = |pairs: &[(&str, &str)]| -> Env {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    };
    assert!(accepts("chat", &env(&[("CHAT__SOCIAL_URL", "http://social:8082")])).is_ok());
    let misspelt = accepts("chat", &env(&[("CHAT__SOCIAL_ULR", "http://social:8082")]));
    assert!(misspelt.unwrap_err().contains("social_ulr"));
    let bad = accepts("smm", &env(&[("SMM__ZARINPAL__MERCHANT_ID", "short")]));
    assert!(bad.unwrap_err().contains("merchant_id"));
    let elsewhere = accepts("identity", &env(&[("SMM__IDENTITY_URL", "http://x")]));
    assert!(elsewhere.unwrap_err().starts_with("SMM__IDENTITY_URL"));
    let gw = accepts("gateway", &env(&[("GATEWAY__UPSTREAMS__SMM", "smm:8084")]));
    assert!(gw.is_err(), "an upstream that is not a URL");
    assert!(accepts("gateway", &env(&[("GATEWAY__LISTN", "0.0.0.0:1")])).is_err());
}

// ---- YAML helpers ------------------------------------------------------

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn text<'a>(value: &'a Value, what: &str) -> &'a str {
    value
        .as_str()
        .unwrap_or_else(|| panic!("{what}: a string expected, got {value:?}"))
}

fn seq<'a>(value: &'a Value, what: &str) -> &'a Vec<Value> {
    value
        .as_sequence()
        .unwrap_or_else(|| panic!("{what}: a list expected, got {value:?}"))
}

fn map_of_strings(value: &Value, what: &str) -> BTreeMap<String, String> {
    value
        .as_mapping()
        .unwrap_or_else(|| panic!("{what}: a mapping expected"))
        .iter()
        .map(|(k, v)| {
            let key = text(k, what).to_string();
            let v = scalar(v).unwrap_or_else(|| panic!("{what}.{key}: a scalar expected"));
            (key, v)
        })
        .collect()
}

/// `http://host:port...` in a value: the host and port it names.
fn http_peer(value: &str) -> Option<(String, u16)> {
    let rest = value.strip_prefix("http://")?;
    let authority = rest.split('/').next()?;
    let (host, port) = authority.split_once(':')?;
    Some((host.to_string(), port.parse().ok()?))
}

/// Every URL among a component's settings that names a platform host must
/// name a component on that component's port; returns the peers named.
fn peers(component: &str, env: &Env, where_: &str) -> BTreeSet<String> {
    let mut named = BTreeSet::new();
    for (key, value) in env {
        for part in value.split(',') {
            let Some((host, port)) = http_peer(part) else {
                continue;
            };
            if host == "127.0.0.1" || host.ends_with("example.com") {
                continue;
            }
            assert_eq!(
                port,
                port_of(&host),
                "{where_}: {component}'s {key} names {host} on {port}"
            );
            named.insert(host);
        }
    }
    named
}

// ---- docker-compose.yml ------------------------------------------------

/// Compose's `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?msg}`:
/// the default where there is one, else the secret's placeholder.
fn interpolate(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    while let Some(start) = rest.find("${") {
        out.push_str(&rest[..start]);
        let end = rest[start..]
            .find('}')
            .unwrap_or_else(|| panic!("unclosed ${{ in {value}"))
            + start;
        let inner = &rest[start + 2..end];
        let replaced = match inner.find(":-").or_else(|| inner.find('-')) {
            Some(i) if !inner[..i].contains('?') => {
                inner[i..].trim_start_matches(':')[1..].to_string()
            }
            _ => SECRET.to_string(),
        };
        out.push_str(&replaced);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

struct Compose {
    services: serde_norway::Mapping,
    volumes: BTreeSet<String>,
}

fn compose() -> Compose {
    let mut doc: Value = serde_norway::from_str(&read(&root().join("docker-compose.yml")))
        .expect("docker-compose.yml parses");
    doc.apply_merge().expect("merge keys");
    let services = doc["services"].as_mapping().expect("services").clone();
    let volumes = doc["volumes"]
        .as_mapping()
        .map(|m| m.keys().map(|k| text(k, "volumes").to_string()).collect())
        .unwrap_or_default();
    Compose { services, volumes }
}

/// A compose service's environment: set values (interpolated), and the
/// pass-through keys (no value).
fn compose_env(service: &Value, name: &str) -> (Env, Vec<String>) {
    let mut set = Env::new();
    let mut pass = Vec::new();
    let environment = service["environment"]
        .as_mapping()
        .unwrap_or_else(|| panic!("{name}: environment as a mapping"));
    for (k, v) in environment {
        let key = text(k, name).to_string();
        match v {
            Value::Null => pass.push(key),
            v => {
                let v = scalar(v).unwrap_or_else(|| panic!("{name}.{key}: a scalar expected"));
                set.push((key, interpolate(&v)));
            }
        }
    }
    (set, pass)
}

fn get<'a>(env: &'a Env, key: &str) -> Option<&'a str> {
    env.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

#[test]
fn compose_runs_every_component_with_keys_it_accepts() {
    let compose = compose();
    let init_sql = read(&root().join("deploy/postgres/init.sql"));
    let mut secrets = BTreeSet::new();
    let mut databases = BTreeSet::new();
    for (name, port) in COMPONENTS {
        let service = compose
            .services
            .get(name)
            .unwrap_or_else(|| panic!("docker-compose.yml has no {name}"));
        let up = name.to_uppercase();
        let command: Vec<&str> = seq(&service["command"], name)
            .iter()
            .map(|c| text(c, name))
            .collect();
        assert_eq!(command, [name], "{name}'s command runs its own binary");
        assert_eq!(
            text(&service["build"]["dockerfile"], name),
            "deploy/Dockerfile"
        );

        let (env, pass) = compose_env(service, name);
        accepts(name, &env).unwrap_or_else(|e| panic!("compose {name}: {e}"));
        let mut with_examples = env.clone();
        for key in &pass {
            let (_, example) = PASS_THROUGH
                .iter()
                .find(|(k, _)| k == key)
                .unwrap_or_else(|| {
                    panic!("compose {name}: add an example for {key} to PASS_THROUGH")
                });
            with_examples.push((key.clone(), example.to_string()));
        }
        accepts(name, &with_examples)
            .unwrap_or_else(|e| panic!("compose {name} with its pass-through keys set: {e}"));

        assert_eq!(
            get(&env, &format!("{up}__LISTEN")),
            Some(format!("0.0.0.0:{port}").as_str()),
            "{name} listens on its port on every interface"
        );
        let health = seq(&service["healthcheck"]["test"], name);
        assert!(
            health
                .iter()
                .any(|t| t.as_str() == Some(&format!("http://127.0.0.1:{port}/readyz"))),
            "{name}'s healthcheck asks its /readyz: {health:?}"
        );
        let published = service.get("ports").is_some();
        assert_eq!(
            published,
            name == "gateway",
            "{name}: only the gateway is published"
        );

        secrets.insert(
            get(&env, &format!("{up}__INTERNAL_SECRET"))
                .unwrap_or_else(|| panic!("{name} has the internal credential"))
                .to_string(),
        );
        if name != "gateway" {
            let url = get(&env, &format!("{up}__DATABASE_URL"))
                .unwrap_or_else(|| panic!("{name} has a database"));
            assert!(url.starts_with("postgres://"), "{name}: {url}");
            let db = url.rsplit('/').next().unwrap().to_string();
            assert_eq!(db, name, "{name}'s database is its own");
            assert!(
                init_sql.contains(&format!("CREATE DATABASE {db};")),
                "init.sql creates {db}"
            );
            databases.insert(db);
        }
        if name != "identity" {
            for key in ["JWKS_URL", "REVOCATIONS_URL"] {
                let url =
                    get(&env, &format!("{up}__{key}")).unwrap_or_else(|| panic!("{up}__{key}"));
                assert!(url.starts_with("http://identity:8081/"), "{name}: {url}");
            }
        }
        peers(name, &env, "compose");
    }
    assert_eq!(secrets.len(), 1, "one internal credential, shared");
    assert_eq!(databases.len(), COMPONENTS.len() - 1);

    let gw = compose_env(&compose.services["gateway"], "gateway").0;
    for (name, port) in &COMPONENTS[1..] {
        assert_eq!(
            get(&gw, &format!("GATEWAY__UPSTREAMS__{}", name.to_uppercase())),
            Some(format!("http://{name}:{port}").as_str()),
            "the gateway's upstream {name}"
        );
    }
    let published = seq(&compose.services["gateway"]["ports"], "gateway ports");
    assert!(interpolate(text(&published[0], "ports")).ends_with(":8080"));
    for (name, key) in [
        ("gateway", "GATEWAY__REDIS_URL"),
        ("chat", "CHAT__REDIS_URL"),
        ("identity", "IDENTITY__REDIS_URL"),
    ] {
        let env = compose_env(&compose.services[name], name).0;
        assert_eq!(
            get(&env, key),
            Some("redis://redis:6379"),
            "{name} uses Redis"
        );
    }
    let peers_of = |name: &str| peers(name, &compose_env(&compose.services[name], name).0, "");
    assert!(peers_of("identity").contains("smm"));
    assert_eq!(
        peers_of("chat"),
        ["buildings", "identity", "social"].map(String::from).into()
    );

    // identity writes its first keys into a volume
    let identity = &compose.services["identity"];
    let env = compose_env(identity, "identity").0;
    let keys_dir = get(&env, "IDENTITY__KEYS_DIR").expect("keys_dir");
    let mounts: Vec<&str> = seq(&identity["volumes"], "identity volumes")
        .iter()
        .map(|v| text(v, "volume"))
        .collect();
    let volume = mounts
        .iter()
        .find_map(|m| m.strip_suffix(&format!(":{keys_dir}")))
        .unwrap_or_else(|| panic!("a volume at {keys_dir}: {mounts:?}"));
    assert!(compose.volumes.contains(volume), "named volume {volume}");
    assert!(compose.services.get("postgres").is_some() && compose.services.get("redis").is_some());
}

#[test]
fn the_image_builds_every_binary_and_runs_as_a_user_who_owns_what_it_writes() {
    let dockerfile = read(&root().join("deploy/Dockerfile"));
    for binary in COMPONENTS
        .iter()
        .map(|(name, _)| *name)
        .chain(["stack", "smm-reconcile"])
    {
        assert!(
            dockerfile.contains(&format!("--bin {binary} ")),
            "cargo build --bin {binary}"
        );
        assert!(
            dockerfile.contains(&format!("target/release/{binary} ")),
            "{binary} copied into the image"
        );
    }
    assert!(dockerfile.contains("USER 10001"));
    assert!(dockerfile.contains("chown app:app /app /app/data /keys"));
}

// ---- deploy/k8s ----------------------------------------------------------

/// The kinds the manifests may use, with their apiVersion.
const KINDS: [(&str, &str); 8] = [
    ("ConfigMap", "v1"),
    ("Service", "v1"),
    ("Deployment", "apps/v1"),
    ("PodDisruptionBudget", "policy/v1"),
    ("HorizontalPodAutoscaler", "autoscaling/v2"),
    ("NetworkPolicy", "networking.k8s.io/v1"),
    ("CronJob", "batch/v1"),
    ("Kustomization", "kustomize.config.k8s.io/v1beta1"),
];

struct Object {
    file: String,
    kind: String,
    name: String,
    doc: Value,
}

fn manifests() -> Vec<Object> {
    let dir = root().join("deploy/k8s");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
        .collect();
    files.sort();
    let mut objects = Vec::new();
    for path in files {
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let source = read(&path);
        for document in serde_norway::Deserializer::from_str(&source) {
            let doc: Value =
                serde::Deserialize::deserialize(document).unwrap_or_else(|e| panic!("{file}: {e}"));
            if doc.is_null() {
                continue;
            }
            let kind = text(&doc["kind"], &file).to_string();
            let api = text(&doc["apiVersion"], &file);
            let (_, expected) = KINDS
                .iter()
                .find(|(k, _)| *k == kind)
                .unwrap_or_else(|| panic!("{file}: unknown kind {kind}"));
            assert_eq!(api, *expected, "{file}: {kind}'s apiVersion");
            let name = if kind == "Kustomization" {
                file.clone()
            } else {
                let name = text(&doc["metadata"]["name"], &file).to_string();
                assert!(
                    !name.is_empty()
                        && name.len() <= 63
                        && name
                            .bytes()
                            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                    "{file}: metadata.name `{name}` is a DNS label"
                );
                name
            };
            objects.push(Object {
                file: file.clone(),
                kind,
                name,
                doc,
            });
        }
    }
    objects
}

fn find<'a>(objects: &'a [Object], kind: &str, name: &str) -> Option<&'a Object> {
    objects.iter().find(|o| o.kind == kind && o.name == name)
}

fn labels(value: &Value, what: &str) -> BTreeMap<String, String> {
    map_of_strings(value, what)
}

/// `selector` picks pods labelled `pod`.
fn selects(selector: &BTreeMap<String, String>, pod: &BTreeMap<String, String>) -> bool {
    !selector.is_empty() && selector.iter().all(|(k, v)| pod.get(k) == Some(v))
}

/// A pod spec's containers, each with the environment it gets: its
/// ConfigMaps' data and its `env`, secrets as placeholders.
fn containers(objects: &[Object], pod: &Value, what: &str) -> Vec<(String, Env, Value)> {
    let mut out = Vec::new();
    for container in seq(&pod["containers"], what) {
        let name = text(&container["name"], what).to_string();
        let what = format!("{what}/{name}");
        assert!(
            !text(&container["image"], &what).is_empty(),
            "{what}: image"
        );
        let mut env = Env::new();
        if let Some(from) = container.get("envFrom") {
            for source in seq(from, &what) {
                let map = text(&source["configMapRef"]["name"], &what);
                let config = find(objects, "ConfigMap", map)
                    .unwrap_or_else(|| panic!("{what}: no ConfigMap {map}"));
                env.extend(map_of_strings(&config.doc["data"], &config.name));
            }
        }
        if let Some(vars) = container.get("env") {
            for var in seq(vars, &what) {
                let key = text(&var["name"], &what).to_string();
                let value = match (var.get("value"), var.get("valueFrom")) {
                    (Some(v), None) => text(v, &key).to_string(),
                    (None, Some(from)) => {
                        let secret = &from["secretKeyRef"];
                        assert!(
                            secret["name"].as_str().is_some() && secret["key"].as_str().is_some(),
                            "{what}: {key} from a Secret by name and key"
                        );
                        if key.ends_with("DATABASE_URL") {
                            "postgres://app:password@postgres:5432/app".to_string()
                        } else {
                            SECRET.to_string()
                        }
                    }
                    _ => panic!("{what}: {key} needs value or valueFrom"),
                };
                env.retain(|(k, _)| *k != key);
                env.push((key, value));
            }
        }
        out.push((name, env, container.clone()));
    }
    out
}

#[test]
fn the_manifests_are_kubernetes_objects_for_every_component() {
    let objects = manifests();
    let mut seen = BTreeSet::new();
    for o in &objects {
        assert!(
            seen.insert((o.kind.clone(), o.name.clone())),
            "{}: two {} named {}",
            o.file,
            o.kind,
            o.name
        );
        assert_ne!(
            o.kind, "Secret",
            "{}: Secrets are referenced, never written",
            o.file
        );
    }
    // kubectl apply -k takes every file
    let kustomization =
        find(&objects, "Kustomization", "kustomization.yaml").expect("kustomization.yaml");
    let listed: BTreeSet<String> = seq(&kustomization.doc["resources"], "resources")
        .iter()
        .map(|r| text(r, "resources").to_string())
        .collect();
    let files: BTreeSet<String> = objects
        .iter()
        .filter(|o| o.kind != "Kustomization")
        .map(|o| o.file.clone())
        .collect();
    assert_eq!(listed, files, "kustomization.yaml lists every manifest");

    for (name, port) in COMPONENTS {
        let deployment =
            find(&objects, "Deployment", name).unwrap_or_else(|| panic!("no Deployment {name}"));
        let spec = &deployment.doc["spec"];
        let pod_labels = labels(&spec["template"]["metadata"]["labels"], name);
        let selector = labels(&spec["selector"]["matchLabels"], name);
        assert!(
            selects(&selector, &pod_labels),
            "{name}: selector picks its pods"
        );
        assert_eq!(
            pod_labels.get("app.kubernetes.io/name").map(String::as_str),
            Some(name)
        );

        let pod = &spec["template"]["spec"];
        let containers = containers(&objects, pod, name);
        assert_eq!(containers.len(), 1, "{name}: one container");
        let (_, env, container) = &containers[0];
        let command = text(&seq(&container["command"], name)[0], name);
        assert_eq!(command, name, "{name} runs its own binary");
        let ports: Vec<u64> = seq(&container["ports"], name)
            .iter()
            .filter_map(|p| p["containerPort"].as_u64())
            .collect();
        assert_eq!(ports, [u64::from(port)], "{name}'s containerPort");
        for probe in ["readinessProbe", "livenessProbe"] {
            let get = &container[probe]["httpGet"];
            assert_eq!(
                get["port"].as_u64(),
                Some(u64::from(port)),
                "{name} {probe}"
            );
            let path = text(&get["path"], probe);
            assert!(
                ["/readyz", "/healthz"].contains(&path),
                "{name} {probe}: {path}"
            );
        }
        if name != "gateway" {
            assert_eq!(
                container["readinessProbe"]["httpGet"]["path"].as_str(),
                Some("/readyz")
            );
        }
        for bound in ["requests", "limits"] {
            for resource in ["cpu", "memory"] {
                assert!(
                    scalar(&container["resources"][bound][resource]).is_some(),
                    "{name}: resources.{bound}.{resource}"
                );
            }
        }

        accepts(name, env).unwrap_or_else(|e| panic!("k8s {name}: {e}"));
        let up = name.to_uppercase();
        assert_eq!(
            get(env, &format!("{up}__LISTEN")),
            Some(format!("0.0.0.0:{port}").as_str())
        );
        // secrets come from Secrets, nothing secret sits in a ConfigMap
        let config =
            find(&objects, "ConfigMap", name).unwrap_or_else(|| panic!("no ConfigMap {name}"));
        let plain = map_of_strings(&config.doc["data"], name);
        let secret_keys: Vec<String> = seq(&container["env"], name)
            .iter()
            .filter(|v| v.get("valueFrom").is_some())
            .map(|v| text(&v["name"], name).to_string())
            .collect();
        for key in [
            "INTERNAL_SECRET",
            "DATABASE_URL",
            "API_KEY",
            "MERCHANT_ID",
            "CODE_HASH_KEY",
            "SIGNING_KEYS",
        ] {
            assert!(
                !plain.keys().any(|k| k.ends_with(key)),
                "{name}: {key} belongs in a Secret"
            );
        }
        assert!(
            secret_keys.contains(&format!("{up}__INTERNAL_SECRET")),
            "{name}: internal credential"
        );
        if name != "gateway" {
            assert!(
                secret_keys.contains(&format!("{up}__DATABASE_URL")),
                "{name}: database URL"
            );
        }

        let service =
            find(&objects, "Service", name).unwrap_or_else(|| panic!("no Service {name}"));
        let service_selector = labels(&service.doc["spec"]["selector"], name);
        assert!(
            selects(&service_selector, &pod_labels),
            "Service {name} selects its pods"
        );
        let service_ports = seq(&service.doc["spec"]["ports"], name);
        assert_eq!(service_ports.len(), 1);
        assert_eq!(service_ports[0]["port"].as_u64(), Some(u64::from(port)));
        assert_eq!(
            service_ports[0]["targetPort"].as_u64(),
            Some(u64::from(port))
        );
        let expected_type = if name == "gateway" {
            "LoadBalancer"
        } else {
            "ClusterIP"
        };
        assert_eq!(service.doc["spec"]["type"].as_str(), Some(expected_type));

        let pdb = find(&objects, "PodDisruptionBudget", name)
            .unwrap_or_else(|| panic!("no PodDisruptionBudget {name}"));
        assert!(selects(
            &labels(&pdb.doc["spec"]["selector"]["matchLabels"], name),
            &pod_labels
        ));

        let hpa = find(&objects, "HorizontalPodAutoscaler", name);
        if ["gateway", "chat"].contains(&name) {
            let hpa = hpa.unwrap_or_else(|| panic!("no HorizontalPodAutoscaler {name}"));
            let target = &hpa.doc["spec"]["scaleTargetRef"];
            assert_eq!(target["kind"].as_str(), Some("Deployment"));
            assert_eq!(target["name"].as_str(), Some(name));
            assert!(hpa.doc["spec"]["minReplicas"].as_u64() >= Some(2));
            assert!(
                spec.get("replicas").is_none(),
                "{name}: replicas are the HPA's"
            );
        } else {
            assert!(
                spec["replicas"].as_u64() >= Some(2),
                "{name}: two replicas at least"
            );
        }
    }

    // every other workload runs a component's binary with keys it accepts
    for cron in objects.iter().filter(|o| o.kind == "CronJob") {
        let pod = &cron.doc["spec"]["jobTemplate"]["spec"]["template"]["spec"];
        for (_, env, container) in containers(&objects, pod, &cron.name) {
            let binary = text(&seq(&container["command"], &cron.name)[0], &cron.name);
            let component = component_of_binary(binary);
            accepts(component, &env).unwrap_or_else(|e| panic!("k8s {}: {e}", cron.name));
        }
    }
    for hpa in objects
        .iter()
        .filter(|o| o.kind == "HorizontalPodAutoscaler")
    {
        let target = text(&hpa.doc["spec"]["scaleTargetRef"]["name"], &hpa.name);
        assert!(
            find(&objects, "Deployment", target).is_some(),
            "HPA {} targets {target}",
            hpa.name
        );
    }
}

#[test]
fn identity_starts_on_its_keys_mounted_read_only() {
    let objects = manifests();
    let deployment = find(&objects, "Deployment", "identity").unwrap();
    let pod = &deployment.doc["spec"]["template"]["spec"];
    let (_, env, container) = containers(&objects, pod, "identity").remove(0);
    assert_eq!(get(&env, "IDENTITY__GENERATE_KEYS"), Some("false"));
    let keys_dir = get(&env, "IDENTITY__KEYS_DIR").expect("keys_dir");
    let mount = seq(&container["volumeMounts"], "identity")
        .iter()
        .find(|m| m["mountPath"].as_str() == Some(keys_dir))
        .unwrap_or_else(|| panic!("a mount at {keys_dir}"));
    assert_eq!(mount["readOnly"].as_bool(), Some(true));
    let volume_name = text(&mount["name"], "mount");
    let volume = seq(&pod["volumes"], "volumes")
        .iter()
        .find(|v| v["name"].as_str() == Some(volume_name))
        .expect("the volume");
    assert_eq!(
        volume["secret"]["secretName"].as_str(),
        Some("identity-keys")
    );
    // nothing else in any pod may need writing but /tmp
    for o in objects.iter().filter(|o| o.kind == "Deployment") {
        let container = &o.doc["spec"]["template"]["spec"]["containers"][0];
        assert_eq!(
            container["securityContext"]["readOnlyRootFilesystem"].as_bool(),
            Some(true),
            "{}",
            o.name
        );
        assert_eq!(
            o.doc["spec"]["template"]["spec"]["securityContext"]["runAsUser"].as_u64(),
            Some(10001),
            "{} runs as the image's user",
            o.name
        );
    }
}

/// The pods a NetworkPolicy peer entry admits, by component name; `None`
/// for every pod.
fn admitted(from: Option<&Value>) -> Option<BTreeSet<String>> {
    let from = from?;
    let mut names = BTreeSet::new();
    for peer in seq(from, "from") {
        let Some(selector) = peer.get("podSelector") else {
            continue;
        };
        if let Some(name) = selector["matchLabels"]["app.kubernetes.io/name"].as_str() {
            names.insert(name.to_string());
        }
        for expr in selector["matchExpressions"]
            .as_sequence()
            .into_iter()
            .flatten()
        {
            if expr["key"].as_str() == Some("app.kubernetes.io/name")
                && expr["operator"].as_str() == Some("In")
            {
                for v in seq(&expr["values"], "values") {
                    names.insert(text(v, "values").to_string());
                }
            }
        }
    }
    Some(names)
}

#[test]
fn network_policies_let_through_exactly_the_calls_the_settings_make() {
    let objects = manifests();
    let policies: Vec<&Object> = objects
        .iter()
        .filter(|o| o.kind == "NetworkPolicy")
        .collect();
    let platform: BTreeMap<String, String> = [(
        "app.kubernetes.io/part-of".to_string(),
        "platform".to_string(),
    )]
    .into();
    let pod_of = |name: &str| {
        let mut labels = platform.clone();
        labels.insert("app.kubernetes.io/name".into(), name.into());
        labels
    };
    // who may reach `name` on its port: None means anyone
    let allowed = |name: &str| -> Option<BTreeSet<String>> {
        let port = u64::from(port_of(name));
        let mut callers = BTreeSet::new();
        let mut governed = false;
        for policy in &policies {
            let spec = &policy.doc["spec"];
            let selector = labels(&spec["podSelector"]["matchLabels"], &policy.name);
            if !selects(&selector, &pod_of(name)) {
                continue;
            }
            governed = true;
            for rule in spec["ingress"].as_sequence().into_iter().flatten() {
                let covers = seq(&rule["ports"], &policy.name).iter().any(|p| {
                    let from = p["port"].as_u64().unwrap_or(0);
                    let to = p["endPort"].as_u64().unwrap_or(from);
                    (from..=to).contains(&port)
                });
                let namespaced = seq(rule.get("from").unwrap_or(&Value::Sequence(vec![])), "from")
                    .iter()
                    .all(|p| p.get("namespaceSelector").is_some());
                if !covers || (rule.get("from").is_some() && namespaced) {
                    continue;
                }
                match admitted(rule.get("from")) {
                    None => return None,
                    Some(names) => callers.extend(names),
                }
            }
        }
        assert!(governed, "no NetworkPolicy selects {name}");
        Some(callers)
    };

    assert_eq!(allowed("gateway"), None, "the gateway is the public entry");
    let mut calls: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (name, _) in COMPONENTS {
        let deployment = find(&objects, "Deployment", name).unwrap();
        let pod = &deployment.doc["spec"]["template"]["spec"];
        let (_, env, _) = containers(&objects, pod, name).remove(0);
        for peer in peers(name, &env, "k8s") {
            calls.entry(peer).or_default().insert(name.to_string());
        }
    }
    for (name, _) in &COMPONENTS[1..] {
        let callers = allowed(name).unwrap_or_else(|| panic!("{name} is open to every pod"));
        let expected = calls.remove(*name).unwrap_or_default();
        assert_eq!(
            callers, expected,
            "who may reach {name}: the gateway and its callers"
        );
        assert!(callers.contains("gateway"), "the gateway reaches {name}");
    }
}

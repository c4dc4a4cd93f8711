//! One run: start, flows, faults, memory, stop. Returns the problems
//! found (empty: everything passed and nothing was lost); an `Err` is a
//! flow that could not go on.

use crate::chatclient::Client;
use crate::faults::{retry, Traffic};
use crate::flows::{self, check, Api, Body, Res};
use crate::procs::Procs;
use crate::standins::StandIns;
use crate::stores::{self, Databases, Stores};
use crate::topology::Topology;
use futures_util::{SinkExt, StreamExt};
use reqwest::Method;
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};
use tokio_tungstenite::tungstenite::Message;

/// Starts PostgreSQL and Redis again when dropped: declared after the
/// databases, so they are back before the databases are dropped.
struct Restore<'a>(&'a Stores);

impl Drop for Restore<'_> {
    fn drop(&mut self) {
        self.0.restore();
    }
}

const SERVICES: [&str; 6] = [
    "identity",
    "social",
    "chat",
    "smm",
    "invoicing",
    "buildings",
];

pub async fn run(stores: &Stores) -> Res<Vec<String>> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let bin_dir = exe.parent().ok_or("no binary directory")?.to_path_buf();
    let profile = bin_dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    for bin in [
        "gateway",
        "identity",
        "social",
        "chat",
        "smm",
        "invoicing",
        "buildings",
    ] {
        check(bin_dir.join(bin).exists(), || {
            format!(
                "{} missing: run `cargo build{} --bins` first",
                bin_dir.join(bin).display(),
                if profile == "release" {
                    " --release"
                } else {
                    ""
                }
            )
        })?;
    }
    let logs = bin_dir.join("topology-logs");
    let _ = std::fs::remove_dir_all(&logs);
    std::fs::create_dir_all(&logs).map_err(|e| e.to_string())?;
    let scratch = tempfile::tempdir().map_err(|e| e.to_string())?;
    let keys = scratch.path().join("keys");
    let cwd = scratch.path().join("cwd");
    std::fs::create_dir_all(&keys).map_err(|e| e.to_string())?;
    std::fs::create_dir_all(&cwd).map_err(|e| e.to_string())?;
    println!(
        "topology: {profile} binaries from {}, logs in {}",
        bin_dir.display(),
        logs.display()
    );

    let stand_ins = StandIns::start().await;
    let dbs = Databases::create(&SERVICES)?;
    let _restore = Restore(stores);
    let procs = Procs::new(bin_dir, logs.clone(), cwd);
    let started = Instant::now();
    let mut topo = Topology::start(procs, &dbs, &keys, &stand_ins).await?;
    println!(
        "topology: 10 processes ready in {} ms",
        started.elapsed().as_millis()
    );
    let outcome = exercise(&mut topo, &stand_ins, stores).await;
    print_memory(&topo);
    topo.procs.stop_all().await;
    if outcome.is_err() {
        println!("topology: the components' logs are in {}", logs.display());
    }
    outcome
}

async fn exercise(topo: &mut Topology, stand_ins: &StandIns, stores: &Stores) -> Res<Vec<String>> {
    let mut problems = Vec::new();
    let api = Api::new(&topo.gw1);
    let (operator, user, seller, buyer) = flows::timed(
        "sign-up and login (panel, bazaar)",
        flows::sign_up_and_log_in(&api, stand_ins),
    )
    .await?;
    let balance = flows::timed("profile GET /api/v1/user", flows::profile(&api, &user)).await?;
    check(balance == 0, || {
        format!("a new user's balance is {balance}")
    })?;
    flows::timed("invoicing customer", flows::invoicing_customer(&api, &user)).await?;
    flows::timed(
        "buildings AddContact",
        flows::add_contact(&api, &operator, &user),
    )
    .await?;
    let top_up = 50_000;
    flows::timed(
        "smm top-up (Zarinpal stand-in)",
        flows::top_up(&api, stand_ins, &user, top_up),
    )
    .await?;
    let (service, category) = flows::timed(
        "smm order, sent and synced to completed",
        flows::order(&api, stand_ins, &operator, &user),
    )
    .await?;
    let store = flows::timed(
        "social like and store message",
        flows::social(&api, &operator, &seller, &buyer),
    )
    .await?;
    let ws1 = topo.gw1.replace("http://", "ws://");
    let ws2 = topo.gw2.replace("http://", "ws://");
    let (chat, buyer_socket) = flows::timed(
        "chat across replicas (gateway-1/chat-1 ↔ gateway-2/chat-2)",
        chat_flow(&api, &ws1, &ws2, &buyer, &seller, store),
    )
    .await?;
    let mut world = flows::World {
        operator,
        user,
        seller,
        buyer,
        chat,
        api_service: service,
        category,
        balance: top_up - 1000,
    };

    let traffic = Traffic::start(&topo.front, &world.buyer);
    tokio::time::sleep(Duration::from_secs(1)).await;
    let baseline = Instant::now();
    tokio::time::sleep(Duration::from_secs(1)).await;
    let before = traffic.report(
        "(none: baseline)",
        baseline - Duration::from_secs(1),
        Instant::now(),
    );
    if before > 0 {
        problems.push(format!("{before} client errors before any fault"));
    }

    kill_gateway(topo, &traffic).await?;
    problems.extend(kill_chat(topo, &traffic, &world, &buyer_socket).await?);
    problems.extend(kill_smm(topo, &traffic, stand_ins, &mut world).await?);
    problems.extend(restart_redis(topo, &traffic, stand_ins, stores, &world, &buyer_socket).await?);
    problems.extend(restart_postgres(topo, &traffic, stores, &world).await?);
    traffic.stop();
    let sent = traffic.sent.lock().map(|n| *n).unwrap_or(0);
    let failed = traffic.failures.lock().map(|f| f.len()).unwrap_or(0);
    println!("traffic: {sent} requests through the front balancer, {failed} failed in all");
    Ok(problems)
}

/// The buyer's socket through gateway-1 (chat-1), a message sent on the
/// seller's socket through gateway-2 (chat-2), pushed across by Redis.
async fn chat_flow(
    api: &Api,
    ws1: &str,
    ws2: &str,
    buyer: &str,
    seller: &str,
    store: i64,
) -> Res<(i64, Client)> {
    let chat = flows::open_chat(api, buyer, seller, store).await?;
    let client = Client::start(ws1.to_string(), buyer.to_string(), chat);
    wait_for(Duration::from_secs(10), || client.connected()).await?;
    let url = format!("{ws2}/ws?access_token={seller}");
    let (mut ws, _) = tokio_tungstenite::connect_async(url)
        .await
        .map_err(|e| format!("seller's socket: {e}"))?;
    let frame = json!({"id": 1, "type": "send", "chat": chat, "text": "سلام، موجود است", "client_id": "topology-hello"});
    ws.send(Message::text(frame.to_string()))
        .await
        .map_err(|e| e.to_string())?;
    let seq = loop {
        let next = tokio::time::timeout(Duration::from_secs(5), ws.next())
            .await
            .map_err(|_| "no `sent` within 5 s")?;
        let Some(Ok(Message::Text(text))) = next else {
            return Err("the seller's socket closed".into());
        };
        let v: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
        if v["type"] == "sent" {
            break v["message"]["seq"].as_i64().ok_or("no seq")?;
        }
    };
    let _ = ws.close(None).await;
    wait_for(Duration::from_secs(5), || client.has(seq)).await?;
    Ok((chat, client))
}

async fn wait_for(limit: Duration, ok: impl Fn() -> bool) -> Res<Duration> {
    let started = Instant::now();
    while !ok() {
        if started.elapsed() > limit {
            return Err(format!("not within {limit:?}"));
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    Ok(started.elapsed())
}

async fn restart(topo: &mut Topology, name: &str) -> Res<()> {
    topo.procs.start(name)?;
    let took = topo.procs.ready(name, Duration::from_secs(60)).await?;
    println!(
        "fault  {:<38} restarted, ready in {} ms",
        name,
        took.as_millis()
    );
    Ok(())
}

async fn kill_gateway(topo: &mut Topology, traffic: &Traffic) -> Res<()> {
    let t0 = Instant::now();
    topo.procs.kill("gateway-2").await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    traffic.report("kill -9 gateway-2", t0, Instant::now());
    restart(topo, "gateway-2").await
}

/// chat-1 killed while the seller sends through both gateways and the
/// buyer's socket sits on chat-1.
async fn kill_chat(
    topo: &mut Topology,
    traffic: &Traffic,
    world: &flows::World,
    buyer: &Client,
) -> Res<Vec<String>> {
    let mut problems = Vec::new();
    let sends = 40;
    let (gw1, gw2) = (Api::new(&topo.gw1), Api::new(&topo.gw2));
    let (seller, chat) = (world.seller.clone(), world.chat);
    let sender = tokio::spawn(async move {
        let mut acked = BTreeMap::new();
        let mut retries = 0;
        for i in 0..sends {
            let api = if i % 2 == 0 { &gw1 } else { &gw2 };
            let client_id = format!("topology-kill-chat-{i}");
            let (seq, failed) = retry(Duration::from_secs(20), || {
                let (api, seller, client_id) = (api.clone(), seller.clone(), client_id.clone());
                async move {
                    flows::say(&api, &seller, chat, &format!("پیام {i}"), &client_id).await
                }
            })
            .await;
            retries += failed;
            if let Ok(seq) = seq {
                acked.insert(client_id, seq);
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        (acked, retries)
    });
    tokio::time::sleep(Duration::from_millis(1000)).await;
    let reconnects = buyer.seen.lock().map(|s| s.reconnects).unwrap_or(0);
    let t0 = Instant::now();
    topo.procs.kill("chat-1").await;
    let (acked, retries) = sender.await.map_err(|e| e.to_string())?;
    let seqs: BTreeSet<i64> = acked.values().copied().collect();
    let resumed = wait_for(Duration::from_secs(15), || {
        seqs.iter().all(|s| buyer.has(*s))
    })
    .await
    .map(|_| t0.elapsed());
    let missing: Vec<i64> = seqs.iter().filter(|s| !buyer.has(**s)).copied().collect();
    let reconnected = buyer.seen.lock().map(|s| s.reconnects).unwrap_or(0) - reconnects;
    let back_after = buyer
        .seen
        .lock()
        .ok()
        .and_then(|s| s.subscribed_at)
        .filter(|at| *at > t0)
        .map_or("never".into(), |at| {
            format!("{} ms", at.duration_since(t0).as_millis())
        });
    traffic.report("kill -9 chat-1", t0, Instant::now());
    println!(
        "fault  {:<38} chat: {} of {sends} sends acknowledged ({} distinct seqs), {retries} send attempts failed and were retried with their client_id; buyer's socket reconnected {reconnected}× (subscribed again {back_after} after the kill), {} after the kill it had every message; lost {}",
        "kill -9 chat-1",
        acked.len(),
        seqs.len(),
        resumed.map_or("never".into(), |d| format!("{} ms", d.as_millis())),
        missing.len()
    );
    if acked.len() != sends || seqs.len() != sends {
        problems.push(format!(
            "chat: {} of {sends} sends acknowledged, {} distinct",
            acked.len(),
            seqs.len()
        ));
    }
    if !missing.is_empty() {
        problems.push(format!("chat: the buyer never got seqs {missing:?}"));
    }
    restart(topo, "chat-1").await?;
    // back on chat-1 through gateway-1, for the Redis fault
    buyer.reconnect();
    tokio::time::sleep(Duration::from_millis(300)).await;
    wait_for(Duration::from_secs(10), || buyer.connected()).await?;
    Ok(problems)
}

/// smm-1 killed while orders are placed through both gateways: every
/// order must reach the provider exactly once.
async fn kill_smm(
    topo: &mut Topology,
    traffic: &Traffic,
    stand_ins: &StandIns,
    world: &mut flows::World,
) -> Res<Vec<String>> {
    let mut problems = Vec::new();
    let count = 30;
    let front = Api::new(&topo.front);
    let (user, service, category) = (
        world.user.clone(),
        world.api_service.clone(),
        world.category.clone(),
    );
    let placer = tokio::spawn(async move {
        let mut ids = BTreeMap::new();
        let mut failed_attempts = 0;
        for i in 0..count {
            let key = format!("topology-order-{i}");
            let link = format!("https://instagram.com/p/topology-{i}");
            let body = json!({"service_id": service, "category_id": category, "quantity": 100, "link": link});
            let (id, failed) = retry(Duration::from_secs(30), || {
                let (front, user, key, body) =
                    (front.clone(), user.clone(), key.clone(), body.clone());
                async move {
                    let r = front
                        .call(
                            Method::POST,
                            "/api/v1/order",
                            Some(&user),
                            Body::Json(body.clone()),
                            &[("Idempotency-Key", &key)],
                        )
                        .await?;
                    check(r.status == 201, || format!("{} {}", r.status, r.text))?;
                    r.body["order"]["id"].as_i64().ok_or_else(|| r.text.clone())
                }
            })
            .await;
            failed_attempts += failed;
            if let Ok(id) = id {
                ids.insert(link, id);
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        (ids, failed_attempts)
    });
    tokio::time::sleep(Duration::from_millis(1000)).await;
    let t0 = Instant::now();
    topo.procs.kill("smm-1").await;
    let (ids, failed_attempts) = placer.await.map_err(|e| e.to_string())?;
    let api = Api::new(&topo.gw1);
    let mut review = 0;
    for id in ids.values() {
        let o = flows::wait_order(&api, &world.user, *id, |o| {
            o["forward"] == "sent" || o["forward"] == "review"
        })
        .await?;
        if o["forward"] == "review" {
            review += 1;
        }
    }
    let forwarded = t0.elapsed();
    let mut adds: BTreeMap<String, usize> = BTreeMap::new();
    for add in stand_ins.provider.adds() {
        *adds
            .entry(add.get("link").cloned().unwrap_or_default())
            .or_default() += 1;
    }
    let twice: Vec<&String> = ids
        .keys()
        .filter(|l| adds.get(*l).copied().unwrap_or(0) > 1)
        .collect();
    let never: Vec<&String> = ids
        .keys()
        .filter(|l| adds.get(*l).copied().unwrap_or(0) == 0)
        .collect();
    // the provider finishes them all; the surviving replica syncs them
    for id in ids.values() {
        let o = flows::wait_order(&api, &world.user, *id, |o| o["api_order_id"].is_i64()).await;
        if let Some(upstream) = o.ok().and_then(|o| o["api_order_id"].as_i64()) {
            stand_ins.provider.set(upstream, "Completed", "0");
        }
    }
    let mut completed = 0;
    for id in ids.values() {
        if flows::wait_order(&api, &world.user, *id, |o| o["status"] == "completed")
            .await
            .is_ok()
        {
            completed += 1;
        }
    }
    traffic.report("kill -9 smm-1", t0, Instant::now());
    world.balance -= 100 * ids.len() as i64;
    let balance = flows::profile(&api, &world.user).await?;
    let books = api.get("/api/v1/admin/reconcile", &world.operator).await?;
    println!(
        "fault  {:<38} orders: {} of {count} placed ({failed_attempts} attempts failed, retried with their Idempotency-Key); every order forwarded {} ms after the kill; sent twice {}, never sent {}, in review {review}; {completed} synced to completed; balance {balance} (expected {}); books differences {}",
        "kill -9 smm-1",
        ids.len(),
        forwarded.as_millis(),
        twice.len(),
        never.len(),
        world.balance,
        books.body["report"]["differences"]
    );
    if ids.len() != count
        || !twice.is_empty()
        || !never.is_empty()
        || review > 0
        || completed != count
    {
        problems.push(format!(
            "smm: {} placed of {count}, {} sent twice, {} never sent, {review} in review, {completed} completed",
            ids.len(),
            twice.len(),
            never.len()
        ));
    }
    if balance != world.balance {
        problems.push(format!(
            "smm: balance {balance}, expected {}",
            world.balance
        ));
    }
    if books.body["report"]["differences"] != json!([]) {
        problems.push(format!("smm: books differ: {}", books.text));
    }
    restart(topo, "smm-1").await?;
    Ok(problems)
}

/// `RateLimit-Remaining` of the `auth` policy through gateway-1, then
/// gateway-2: one less when the two share the limit in Redis.
async fn shared_limit(topo: &Topology, world: &flows::World) -> Res<(i64, i64)> {
    let mut seen = Vec::new();
    for gw in [&topo.gw1, &topo.gw2] {
        let r = Api::new(gw)
            .post(
                "/web/user/islogin",
                None,
                flows::form(&[("username", flows::BUYER), ("token", &world.buyer)]),
            )
            .await?;
        let remaining = r
            .headers
            .get("ratelimit-remaining")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| format!("no RateLimit-Remaining: {} {}", r.status, r.text))?;
        seen.push(remaining);
    }
    Ok((seen[0], seen[1]))
}

fn gateway_keys_in_redis() -> usize {
    let pattern = format!("topology{}:gw:*", std::process::id());
    std::process::Command::new("redis-cli")
        .args(["-u", &stores::redis_url(), "--scan", "--pattern", &pattern])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).lines().count())
        .unwrap_or(0)
}

async fn restart_redis(
    topo: &mut Topology,
    traffic: &Traffic,
    stand_ins: &StandIns,
    stores: &Stores,
    world: &flows::World,
    buyer: &Client,
) -> Res<Vec<String>> {
    let mut problems = Vec::new();
    let (a, b) = shared_limit(topo, world).await?;
    println!("fault  {:<38} before: auth limit remaining {a} through gateway-1, then {b} through gateway-2", "restart Redis");
    let gw2 = Api::new(&topo.gw2);
    let mut acked = BTreeSet::new();
    let t0 = Instant::now();
    stores.stop_redis()?;
    // messages sent while Redis is down: stored, but not pushed across
    for i in 0..3 {
        let (text, client_id) = (format!("بدون ردیس {i}"), format!("topology-redis-down-{i}"));
        let (seq, _) = retry(Duration::from_secs(5), || {
            flows::say(&gw2, &world.seller, world.chat, &text, &client_id)
        })
        .await;
        if let Ok(seq) = seq {
            acked.insert(seq);
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    let down_for = t0.elapsed();
    stores.start_redis()?;
    let t1 = Instant::now();
    println!(
        "fault  {:<38} Redis down for {} ms",
        "restart Redis",
        down_for.as_millis()
    );
    // the gateways' buckets written to Redis again
    let limits = wait_for(Duration::from_secs(30), gateway_keys_in_redis_nonzero).await;
    // fan-out: a message sent on chat-2 pushed to the socket on chat-1
    let mut fan_out = None;
    for i in 0..60 {
        let seq = flows::say(
            &gw2,
            &world.seller,
            world.chat,
            &format!("بعد از ردیس {i}"),
            &format!("topology-redis-up-{i}"),
        )
        .await;
        if let Ok(seq) = seq {
            acked.insert(seq);
            if wait_for(Duration::from_millis(500), || buyer.has(seq))
                .await
                .is_ok()
            {
                fan_out = Some(t1.elapsed());
                break;
            }
        }
    }
    let all = wait_for(Duration::from_secs(10), || {
        acked.iter().all(|s| buyer.has(*s))
    })
    .await;
    let lost: Vec<i64> = acked.iter().filter(|s| !buyer.has(**s)).copied().collect();
    let gap_fills = buyer.seen.lock().map(|s| s.gap_fills).unwrap_or(0);
    let (a, b) = shared_limit(topo, world).await?;
    let gw1 = Api::new(&topo.gw1);
    let identity = retry(Duration::from_secs(10), || {
        flows::panel_login(&gw1, stand_ins, "09120000905")
    })
    .await;
    traffic.report("restart Redis", t0, Instant::now());
    let ms = |d: Res<Duration>| d.map_or("never".into(), |d| format!("{} ms", d.as_millis()));
    println!(
        "fault  {:<38} after: rate-limit buckets in Redis again {} after the start; auth limit remaining {a} through gateway-1, then {b} through gateway-2; chat fan-out across replicas again {} after the start; {} messages sent around the outage, the buyer had all {}, after {gap_fills} gap fill(s) by seq; lost {}; identity code login after the restart: {}",
        "restart Redis",
        ms(limits),
        fan_out.map_or("never".into(), |d| format!("{} ms", d.as_millis())),
        acked.len(),
        ms(all),
        lost.len(),
        identity.0.as_ref().map_or_else(|e| format!("FAILED {e}"), |_| format!("ok ({} failed attempts first)", identity.1))
    );
    if b != a - 1 {
        problems.push(format!(
            "rate limit not shared after the Redis restart: {a} then {b}"
        ));
    }
    if fan_out.is_none() {
        problems.push("chat fan-out did not resume after the Redis restart".into());
    }
    if !lost.is_empty() {
        problems.push(format!("chat: lost {lost:?} around the Redis restart"));
    }
    if let Err(e) = identity.0 {
        problems.push(format!("identity after the Redis restart: {e}"));
    }
    Ok(problems)
}

fn gateway_keys_in_redis_nonzero() -> bool {
    gateway_keys_in_redis() > 0
}

/// PostgreSQL stopped for a few seconds: each service answers 503 (its
/// `/readyz` and a route of its own through the gateway), then recovers
/// without a restart.
async fn restart_postgres(
    topo: &mut Topology,
    traffic: &Traffic,
    stores: &Stores,
    world: &flows::World,
) -> Res<Vec<String>> {
    let mut problems = Vec::new();
    let routes: Vec<(&str, String, Option<&str>)> = vec![
        ("identity", "/api/v1/user".into(), Some(world.user.as_str())),
        (
            "social",
            format!("/web/store-user-likes?token={}", world.buyer),
            None,
        ),
        ("chat", "/web/chats".into(), Some(world.buyer.as_str())),
        ("smm", "/api/v1/order".into(), Some(world.user.as_str())),
        (
            "invoicing",
            format!("/v1/customers?access_token={}", world.user),
            None,
        ),
        (
            "buildings",
            "/omartyapis/contacts".into(),
            Some(world.user.as_str()),
        ),
    ];
    let gw = Api::new(&topo.gw1);
    let direct: Vec<(String, u16)> = topo
        .procs
        .list
        .iter()
        .filter(|p| p.component != "gateway")
        .map(|p| (p.name.clone(), p.port))
        .collect();
    let t0 = Instant::now();
    stores.stop_postgres()?;
    let mut while_down: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut slowest: BTreeMap<String, Duration> = BTreeMap::new();
    // every probe at once: each waits out the pool's connect timeout
    let down_until = Instant::now() + Duration::from_secs(3);
    while Instant::now() < down_until {
        let mut probes = Vec::new();
        for (name, path, token) in &routes {
            let (gw, label) = (&gw, format!("{name} via gateway"));
            probes.push(Box::pin(async move {
                let asked = Instant::now();
                let r = gw.call(Method::GET, path, *token, Body::None, &[]).await;
                (
                    label,
                    r.map_or_else(|_| "error".to_string(), |r| r.status.to_string()),
                    asked.elapsed(),
                )
            })
                as std::pin::Pin<
                    Box<dyn std::future::Future<Output = (String, String, Duration)> + Send + '_>,
                >);
        }
        for (name, port) in &direct {
            probes.push(Box::pin(async move {
                let asked = Instant::now();
                let r = Api::new(&format!("http://127.0.0.1:{port}"))
                    .call(Method::GET, "/readyz", None, Body::None, &[])
                    .await;
                (
                    format!("{name} /readyz"),
                    r.map_or_else(|_| "error".to_string(), |r| r.status.to_string()),
                    asked.elapsed(),
                )
            }));
        }
        for (label, seen, took) in futures_util::future::join_all(probes).await {
            while_down.entry(label.clone()).or_default().insert(seen);
            let slowest = slowest.entry(label).or_default();
            *slowest = (*slowest).max(took);
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    stores.start_postgres()?;
    let t1 = Instant::now();
    println!(
        "fault  {:<38} PostgreSQL down for {} ms",
        "restart PostgreSQL",
        t1.duration_since(t0).as_millis()
    );
    for (what, statuses) in &while_down {
        let statuses: Vec<&str> = statuses.iter().map(String::as_str).collect();
        let took = slowest.get(what).copied().unwrap_or_default().as_millis();
        println!(
            "fault  {:<38} while down: {what:<22} answered {} (slowest answer {took} ms)",
            "restart PostgreSQL",
            statuses.join(", ")
        );
        if statuses.iter().any(|s| *s != "503") {
            problems.push(format!(
                "with PostgreSQL down, {what} answered {statuses:?}, not only 503"
            ));
        }
    }
    for (name, path, token) in &routes {
        let back = wait_for_async(Duration::from_secs(60), async || {
            gw.call(Method::GET, path, *token, Body::None, &[])
                .await
                .is_ok_and(|r| r.status == 200)
        })
        .await;
        match back {
            Some(_) => println!(
                "fault  {:<38} {name:<10} answers 200 again {} ms after the start",
                "restart PostgreSQL",
                t1.elapsed().as_millis()
            ),
            None => {
                println!(
                    "fault  {:<38} {name:<10} did NOT recover within 60 s",
                    "restart PostgreSQL"
                );
                problems.push(format!("{name} did not recover after PostgreSQL restarted"));
            }
        }
    }
    traffic.report("restart PostgreSQL", t0, Instant::now());
    Ok(problems)
}

/// Polls `ok` until it is true; returns how long that took.
async fn wait_for_async(limit: Duration, mut ok: impl AsyncFnMut() -> bool) -> Option<Duration> {
    let started = Instant::now();
    loop {
        if ok().await {
            return Some(started.elapsed());
        }
        if started.elapsed() > limit {
            return None;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn print_memory(topo: &Topology) {
    let memory = topo
        .procs
        .memory
        .lock()
        .map(|m| m.clone())
        .unwrap_or_default();
    println!("memory (RSS from /proc, MiB): process        peak   at the end");
    for (name, (peak, last)) in &memory {
        println!(
            "memory {name:<22} {:>6.1} {:>8.1}",
            *peak as f64 / 1024.0,
            *last as f64 / 1024.0
        );
    }
}

//! `chat-bench`: many WebSockets through the gateway to the chat service
//! (issue 14): how many it holds, the memory each costs in the gateway and
//! in chat separately, and delivery latency at a steady message rate.
//!
//! cargo build --release -p gateway -p chat --bin gateway --bin chat
//! cargo run --release -p bench --bin chat-bench -- [--sockets 10000] [--rate 1000] [--seconds 10] [--senders 16] [--connect 64] [--gateways 1] [--database postgres://postgres@127.0.0.1:5432/postgres | sqlite] [--bin-dir target/release]
//!
//! 1. The gateway and chat run as child processes of their release
//!    binaries (next to this one, or in `--bin-dir`), configured by
//!    environment only (`GATEWAY__…`, `CHAT__…`, defaults otherwise: a
//!    worker per core, in-process fan-out), chat on a new PostgreSQL
//!    database (dropped at the end; `BENCH_DATABASE_URL` or `--database`)
//!    or SQLite. Identity is `platform_testkit`'s stand-in (keys and
//!    logout feed); social, identity's user cards and buildings' feed are
//!    a stand-in here (`peers.rs`). The bench raises its open-file limit
//!    (the children inherit it) to what the sockets need, where it may: a
//!    gateway holds two descriptors a socket (client and chat), so a hard
//!    limit of 20,000 caps one gateway near 9,970 sockets. `--gateways N`
//!    runs N replicas (the sockets in turn over them, memory summed), as
//!    production would spread them.
//! 2. `--sockets` buyers (users 1, 2, …) each start a chat with one of
//!    `--senders` stores (straight at chat, not timed); each store's
//!    manager opens one socket through the gateway.
//! 3. Memory of both (VmRSS) is read, every buyer opens `/ws` through the
//!    gateway (one socket per user: the per-user cap is not in the way)
//!    and subscribes to its chat, `--connect` handshakes at a time; memory
//!    is read again: (after − before) / sockets is the cost of one.
//! 4. For `--seconds`, `--rate` messages a second go from the managers'
//!    sockets to the chats in turn (each message to one buyer); the time
//!    from a message's intended send to its push on the buyer's socket is
//!    its delivery latency (the pacer does not wait for replies, so a slow
//!    service shows as latency). Lost: acknowledged (`sent`) but never
//!    pushed.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a benchmark stops at its first failure, with the reason"
)]

#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "../common/mod.rs"]
#[expect(
    dead_code,
    reason = "chat makes its database with the shared helper but connects through the service"
)]
mod common;
mod database;
mod peers;
mod processes;
mod sockets;
mod traffic;

use common::flags;
use futures_util::StreamExt;
use hdrhistogram::Histogram;
use platform_testkit::{StandInIdentity, INTERNAL_SECRET};
use processes::Service;
use sockets::Inbox;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, Instant};
use traffic::Replies;

struct Args {
    sockets: usize,
    rate: u64,
    seconds: u64,
    senders: usize,
    connect: usize,
    gateways: usize,
    database: String,
    bin_dir: Option<PathBuf>,
}

fn args() -> Args {
    let mut a = Args {
        sockets: 10_000,
        rate: 1000,
        seconds: 10,
        senders: 16,
        connect: 64,
        gateways: 1,
        database: flags::database(),
        bin_dir: None,
    };
    for (flag, value) in flags::pairs() {
        match flag.as_str() {
            "--sockets" => a.sockets = flags::number(&flag, &value, "a number"),
            "--rate" => a.rate = flags::number(&flag, &value, "a number (messages per second)"),
            "--seconds" => a.seconds = flags::number(&flag, &value, "a number"),
            "--senders" => a.senders = flags::number(&flag, &value, "a number (stores)"),
            "--connect" => {
                a.connect = flags::number(&flag, &value, "a number (handshakes at a time)")
            }
            "--gateways" => a.gateways = flags::number(&flag, &value, "a number (replicas)"),
            "--database" => a.database = value,
            "--bin-dir" => a.bin_dir = Some(value.into()),
            other => panic!("unknown flag {other}"),
        }
    }
    assert!(a.sockets > 0 && a.senders > 0 && a.rate > 0 && a.connect > 0 && a.gateways > 0);
    a
}

fn env(pairs: &[(&str, String)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_string(), v.clone()))
        .collect()
}

fn ms(us: u64) -> f64 {
    us as f64 / 1000.0
}

fn percentiles(h: &Histogram<u64>) -> String {
    format!(
        "p50 {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, p99.9 {:.2} ms, max {:.2} ms (n = {})",
        ms(h.value_at_quantile(0.50)),
        ms(h.value_at_quantile(0.90)),
        ms(h.value_at_quantile(0.99)),
        ms(h.value_at_quantile(0.999)),
        ms(h.max()),
        h.len()
    )
}

fn tally(counts: &BTreeMap<String, usize>) -> String {
    counts
        .iter()
        .map(|(why, n)| format!("{n} × {why}"))
        .collect::<Vec<_>>()
        .join("; ")
}

struct Memory {
    gateways: u64,
    chat: u64,
}

fn memory(gateways: &[Service], chat: &Service) -> Memory {
    Memory {
        gateways: gateways.iter().map(Service::rss_kib).sum(),
        chat: chat.rss_kib(),
    }
}

fn open_files(gateways: &[Service]) -> usize {
    gateways.iter().map(Service::open_files).sum()
}

/// Each buyer's chat with its store, straight at chat: (chat id, store index).
async fn start_chats(identity: &StandInIdentity, chat: &str, args: &Args) -> Vec<(i64, usize)> {
    let http = reqwest::Client::new();
    let began = Instant::now();
    let mut chats: Vec<(usize, i64, usize)> = futures_util::stream::iter(0..args.sockets)
        .map(|i| {
            let http = http.clone();
            let token = identity.token(&(i + 1).to_string());
            let store = i % args.senders;
            async move {
                let res = http
                    .post(format!("{chat}/web/chats/start?store={}", store + 1))
                    .bearer_auth(token)
                    .send()
                    .await
                    .expect("chat answers");
                let status = res.status();
                let body: serde_json::Value = res.json().await.expect("a JSON answer");
                assert!(status.is_success(), "start a chat: {status} {body}");
                (
                    i,
                    body["data"]["id"].as_i64().expect("the chat's id"),
                    store,
                )
            }
        })
        .buffer_unordered(32)
        .collect()
        .await;
    chats.sort_unstable();
    println!(
        "setup: {} chats started in {:.1} s (straight at chat, not part of the figures)",
        chats.len(),
        began.elapsed().as_secs_f64()
    );
    chats
        .into_iter()
        .map(|(_, id, store)| (id, store))
        .collect()
}

/// Opens every buyer's socket through a gateway (buyer `i` through
/// `gateways[i % len]`) and subscribes it; the chats whose buyer holds one.
async fn open_sockets(
    identity: &StandInIdentity,
    gateways: &[String],
    chats: &[(i64, usize)],
    inbox: &Arc<Inbox>,
    connect: usize,
) -> Vec<(i64, usize)> {
    let began = Instant::now();
    let mut open = Vec::with_capacity(chats.len());
    let mut failed: BTreeMap<String, usize> = BTreeMap::new();
    let mut attempts = futures_util::stream::iter(chats.iter().enumerate())
        .map(|(i, &(chat, store))| {
            let token = identity.token(&(i + 1).to_string());
            let gateway = &gateways[i % gateways.len()];
            async move {
                let mut ws = sockets::connect(gateway, &token).await?;
                sockets::subscribe(&mut ws, chat).await?;
                Ok::<_, String>((ws, chat, store))
            }
        })
        .buffer_unordered(connect);
    while let Some(attempt) = attempts.next().await {
        match attempt {
            Ok((ws, chat, store)) => {
                open.push((chat, store));
                tokio::spawn(sockets::receive(ws, Arc::clone(inbox)));
                if open.len() % 1000 == 0 {
                    println!(
                        "  {} sockets open and subscribed ({:.1} s)",
                        open.len(),
                        began.elapsed().as_secs_f64()
                    );
                }
            }
            Err(why) => *failed.entry(why).or_default() += 1,
        }
    }
    let secs = began.elapsed().as_secs_f64();
    println!(
        "opened {} of {} sockets in {secs:.1} s ({:.0} handshakes + subscribes a second)",
        open.len(),
        chats.len(),
        open.len() as f64 / secs
    );
    if !failed.is_empty() {
        println!("FAILED to open: {}", tally(&failed));
    }
    open
}

#[tokio::main]
async fn main() {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).init();
    let args = args();
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "chat-bench: {} sockets through {} gateway(s), {} messages/s for {} s, {} senders; {} cores, load average {}",
        args.sockets,
        args.gateways,
        args.rate,
        args.seconds,
        args.senders,
        std::thread::available_parallelism().map_or(0, usize::from),
        load.split_whitespace().take(3).collect::<Vec<_>>().join(" ")
    );

    // open files: this process and chat hold a descriptor a socket, a
    // gateway two (client and chat); children inherit this process's limit
    let per_gateway = 2 * (args.sockets.div_ceil(args.gateways) + args.senders) + 64;
    let need = (per_gateway.max(args.sockets + args.senders + 1024) + 4096) as u64;
    let before = processes::file_limit("self");
    let (soft, hard) = processes::raise_file_limit(need);
    println!(
        "open-file limit: {} (hard {}) before, {soft} (hard {hard}) now; each gateway needs about {per_gateway}",
        before.0, before.1
    );

    let gateway_bin = processes::binary(args.bin_dir.as_deref(), "gateway");
    let chat_bin = processes::binary(args.bin_dir.as_deref(), "chat");
    let dir = tempfile::tempdir().expect("a folder for the run");
    let identity = StandInIdentity::start().await;
    let peers = peers::start();
    let db = database::Database::create(&args.database, dir.path());
    println!("chat's database: {}", db.describe());

    let mut chat = Service::start(
        "chat",
        &chat_bin,
        dir.path(),
        &env(&[
            ("CHAT__LISTEN", "127.0.0.1:0".into()),
            ("CHAT__DATABASE_URL", db.url().into()),
            ("CHAT__JWKS_URL", identity.jwks_url()),
            ("CHAT__REVOCATIONS_URL", identity.revocations_url()),
            ("CHAT__INTERNAL_SECRET", INTERNAL_SECRET.into()),
            ("CHAT__SOCIAL_URL", peers.clone()),
            ("CHAT__IDENTITY_URL", peers.clone()),
            ("CHAT__BUILDINGS_URL", peers.clone()),
        ]),
    );
    let chat_url = format!("http://127.0.0.1:{}", chat.port);
    let mut gw_env = env(&[
        ("GATEWAY__LISTEN", "127.0.0.1:0".to_string()),
        ("GATEWAY__JWKS_URL", identity.jwks_url()),
        ("GATEWAY__REVOCATIONS_URL", identity.revocations_url()),
        ("GATEWAY__INTERNAL_SECRET", INTERNAL_SECRET.into()),
        ("GATEWAY__UPSTREAMS__CHAT", chat_url.clone()),
    ]);
    // the route table names every upstream; only chat is called
    for other in ["IDENTITY", "SOCIAL", "SMM", "INVOICING", "BUILDINGS"] {
        gw_env.push((format!("GATEWAY__UPSTREAMS__{other}"), peers.clone()));
    }
    let mut gateways: Vec<Service> = (0..args.gateways)
        .map(|_| Service::start("gateway", &gateway_bin, dir.path(), &gw_env))
        .collect();
    let gateway_ws: Vec<String> = gateways
        .iter()
        .map(|g| format!("ws://127.0.0.1:{}", g.port))
        .collect();
    for s in gateways.iter().chain([&chat]) {
        let (soft, hard) = s.file_limit();
        println!(
            "{}: pid {}, port {}, open-file limit {soft} (hard {hard})",
            s.name,
            s.pid(),
            s.port
        );
    }
    let (gw_soft, _) = gateways[0].file_limit();
    if (gw_soft as usize) < per_gateway {
        println!(
            "NOTE: a gateway's open-file limit of {gw_soft} allows it about {} sockets (two descriptors each)",
            (gw_soft as usize).saturating_sub(64) / 2
        );
    }

    let chats = start_chats(&identity, &chat_url, &args).await;

    // the managers' sockets (through the first gateway), before the
    // figures' first reading
    let epoch = Instant::now();
    let replies = Arc::new(Replies::new(epoch, args.rate));
    let mut senders = Vec::with_capacity(args.senders);
    for s in 0..args.senders {
        let manager = peers::MANAGER_BASE + s as i64 + 1;
        let ws = sockets::connect(&gateway_ws[0], &identity.token(&manager.to_string()))
            .await
            .expect("a manager's socket");
        senders.push(traffic::sender(ws, Arc::clone(&replies)));
    }

    tokio::time::sleep(Duration::from_secs(1)).await;
    let idle = memory(&gateways, &chat);
    let (gw_files, chat_files) = (open_files(&gateways), chat.open_files());
    println!(
        "before: gateway {} KiB, chat {} KiB resident",
        idle.gateways, idle.chat
    );

    let total = (args.rate * args.seconds) as usize;
    let inbox = Arc::new(Inbox::new(epoch, total));
    let held = open_sockets(&identity, &gateway_ws, &chats, &inbox, args.connect).await;
    let opened = held.len();
    assert!(opened > 0, "no socket opened");
    tokio::time::sleep(Duration::from_secs(2)).await;
    let held_open = opened - inbox.closed_count.load(Ordering::Relaxed) as usize;
    let full = memory(&gateways, &chat);
    let per =
        |after: u64, before: u64| (after as f64 - before as f64) * 1024.0 / opened as f64 / 1000.0;
    let gw_now = open_files(&gateways);
    println!(
        "after:  gateway {} KiB, chat {} KiB resident; open files gateway {gw_now} (+{}), chat {} (+{})",
        full.gateways,
        full.chat,
        gw_now.saturating_sub(gw_files),
        chat.open_files(),
        chat.open_files().saturating_sub(chat_files)
    );
    println!(
        "threads: gateway {}, chat {}",
        gateways.iter().map(Service::threads).sum::<u64>(),
        chat.threads()
    );
    println!(
        "sockets held: {held_open} of {} (target 10000)",
        args.sockets
    );
    println!(
        "memory per socket: gateway {:.1} KB, chat {:.1} KB (target <= 30 KB), both {:.1} KB",
        per(full.gateways, idle.gateways),
        per(full.chat, idle.chat),
        per(full.gateways + full.chat, idle.gateways + idle.chat)
    );

    // the steady rate
    let gw_cpu = |gws: &[Service]| gws.iter().map(Service::cpu_secs).sum::<f64>();
    let cpu_before = (gw_cpu(&gateways), chat.cpu_secs(), Instant::now());
    let other_before = (
        processes::postgres_cpu_secs(),
        processes::cpu_secs("self"),
        processes::machine_busy_secs(),
    );
    let took = traffic::pace(&held, &senders, &replies, args.rate, args.seconds).await;
    let written = total as u64;
    let drain = Instant::now();
    while drain.elapsed() < Duration::from_secs(10) {
        let answered =
            replies.sent.load(Ordering::Relaxed) + replies.refused.load(Ordering::Relaxed);
        if answered >= written
            && inbox.received.load(Ordering::Relaxed) >= replies.sent.load(Ordering::Relaxed)
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let wall = cpu_before.2.elapsed().as_secs_f64();
    let cpu = |now: f64, then: f64| 100.0 * (now - then) / wall;
    let sent = replies.sent.load(Ordering::Relaxed);
    let refused = replies.refused.load(Ordering::Relaxed);
    let received = inbox.received.load(Ordering::Relaxed);
    println!(
        "messages: {written} written in {:.2} s ({:.0}/s), {sent} acknowledged, {refused} refused, {} unanswered",
        took.as_secs_f64(),
        written as f64 / took.as_secs_f64(),
        written.saturating_sub(sent + refused)
    );
    if refused > 0 {
        println!("refused: {}", tally(&replies.errors.lock().unwrap()));
    }
    println!(
        "received at the sockets: {received}; lost (acknowledged, never pushed): {}; duplicates: {}",
        sent.saturating_sub(received),
        inbox.duplicates.load(Ordering::Relaxed)
    );
    println!(
        "delivery latency (intended send -> push on the buyer's socket): {}",
        percentiles(&inbox.latency.lock().unwrap())
    );
    println!(
        "send -> `sent` reply on the manager's socket: {}",
        percentiles(&replies.ack.lock().unwrap())
    );
    let end = memory(&gateways, &chat);
    let (gw_now, chat_now) = (gw_cpu(&gateways), chat.cpu_secs());
    let ours = (gw_now - cpu_before.0)
        + (chat_now - cpu_before.1)
        + (processes::postgres_cpu_secs() - other_before.0)
        + (processes::cpu_secs("self") - other_before.1);
    let machine = processes::machine_busy_secs() - other_before.2;
    println!(
        "CPU during the messages (% of one core): gateway {:.0}, chat {:.0}, PostgreSQL {:.0} (all its processes), this bench {:.0}; the machine {:.0} of {}, so {:.0} by others",
        cpu(gw_now, cpu_before.0),
        cpu(chat_now, cpu_before.1),
        cpu(processes::postgres_cpu_secs(), other_before.0),
        cpu(processes::cpu_secs("self"), other_before.1),
        100.0 * machine / wall,
        100 * std::thread::available_parallelism().map_or(1, usize::from),
        (100.0 * (machine - ours) / wall).max(0.0)
    );
    println!(
        "resident after the messages: gateway {} KiB (peak {}), chat {} KiB (peak {})",
        end.gateways,
        gateways.iter().map(Service::peak_kib).sum::<u64>(),
        end.chat,
        chat.peak_kib()
    );
    let closed = inbox.closed_count.load(Ordering::Relaxed) as usize;
    println!("sockets still held at the end: {}", opened - closed);
    if closed > 0 {
        println!(
            "sockets that closed: {}",
            tally(&inbox.closed.lock().unwrap())
        );
    }
    for s in gateways.iter_mut().chain([&mut chat]) {
        let logged = s.logged.load(Ordering::Relaxed);
        if !s.running() {
            println!("{} EXITED during the run", s.name);
        }
        if logged > 0 {
            println!(
                "{} (pid {}) logged {logged} warning or error lines (the first ones above)",
                s.name,
                s.pid()
            );
        }
    }
    replies.over.store(true, Ordering::Relaxed);
    drop(gateways);
    drop(chat);
    // the database is dropped once chat is gone
    drop(db);
}

//! `topology`: the production shape run for real on this machine (issue
//! 16). Every component from its own binary as its own process (two
//! gateways, two chat and two smm replicas), each service with a fresh
//! PostgreSQL database, the machine's Redis, configured only by the
//! environment variables docker-compose.yml uses; the end-to-end flows
//! through a gateway; then the faults, with what each cost the clients.
//!
//!   cargo build --bins && cargo run -p topology
//!
//! It runs the binaries next to its own (target/debug, or target/release
//! with `cargo build --release --bins && cargo run --release -p topology`).
//! It stops and starts the machine's PostgreSQL and Redis, and always
//! starts them again. Exit 1 when a flow fails or anything is lost.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a test run stops at its first broken invariant, with the reason"
)]

mod balancer;
mod chatclient;
mod faults;
mod flows;
mod procs;
mod run;
mod standins;
mod stores;
mod topology;

use std::process::ExitCode;
use std::time::Duration;
use stores::Stores;

#[tokio::main]
async fn main() -> ExitCode {
    let stores = Stores::new();
    if !stores::pg_ready() || !stores::redis_ready() {
        stores.restore();
    }
    let mut term = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("topology: {e}");
            return ExitCode::from(2);
        }
    };
    let outcome = tokio::select! {
        r = tokio::time::timeout(Duration::from_secs(600), run::run(&stores)) => {
            r.unwrap_or_else(|_| Err("the run took over 10 minutes".into()))
        }
        _ = tokio::signal::ctrl_c() => Err("interrupted".into()),
        _ = term.recv() => Err("terminated".into()),
    };
    // the run's children are killed and its databases dropped by now
    stores.restore();
    match outcome {
        Ok(problems) if problems.is_empty() => {
            println!("topology: every flow passed, nothing lost");
            ExitCode::SUCCESS
        }
        Ok(problems) => {
            for p in &problems {
                println!("topology: PROBLEM {p}");
            }
            ExitCode::FAILURE
        }
        Err(e) => {
            println!("topology: FAILED {e}");
            ExitCode::FAILURE
        }
    }
}

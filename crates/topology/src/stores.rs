//! The machine's PostgreSQL and Redis: a fresh database per service,
//! dropped at the end, and the two restarts, with a guard that starts
//! either again whatever happens to the run.

use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// The server's URL without a database (`TOPOLOGY_DATABASE_URL`, else
/// `TEST_DATABASE_URL`, else the machine's trust-auth default).
pub fn server_url() -> String {
    std::env::var("TOPOLOGY_DATABASE_URL")
        .or_else(|_| std::env::var("TEST_DATABASE_URL"))
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

/// `server_url` with its database replaced by `db`.
pub fn database_url(db: &str) -> String {
    let base = server_url();
    match base.rfind('/') {
        Some(i) if i > "postgres://".len() => format!("{}/{db}", &base[..i]),
        _ => format!("{base}/{db}"),
    }
}

pub fn redis_url() -> String {
    std::env::var("TOPOLOGY_REDIS_URL")
        .or_else(|_| std::env::var("TEST_REDIS_URL"))
        .unwrap_or_else(|_| "redis://127.0.0.1:6379".into())
}

fn run(program: &str, args: &[&str]) -> Result<String, String> {
    let out = Command::new(program)
        .args(args)
        .output()
        .map_err(|e| format!("{program}: {e}"))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(format!(
            "{program} {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}

fn psql(sql: &str) -> Result<String, String> {
    run("psql", &[&server_url(), "-qtAc", sql])
}

/// Databases named `t_topology_<pid>_<service>`: CI's clean-up of `t_%`
/// databases takes those of a run that was killed.
pub struct Databases {
    names: Vec<String>,
}

impl Databases {
    pub fn create(services: &[&str]) -> Result<Databases, String> {
        let mut dbs = Databases { names: Vec::new() };
        for service in services {
            let name = format!("t_topology_{}_{service}", std::process::id());
            psql(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))?;
            psql(&format!("CREATE DATABASE \"{name}\""))?;
            dbs.names.push(name);
        }
        Ok(dbs)
    }

    pub fn url(&self, service: &str) -> String {
        let suffix = format!("_{service}");
        let name = self
            .names
            .iter()
            .find(|n| n.ends_with(&suffix))
            .cloned()
            .unwrap_or_default();
        database_url(&name)
    }
}

impl Drop for Databases {
    fn drop(&mut self) {
        // PostgreSQL may be down if the run failed mid-restart: the guard
        // (declared after, dropped before) has started it again
        for name in &self.names {
            if let Err(e) = psql(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)")) {
                eprintln!("topology: could not drop {name}: {e}");
            }
        }
    }
}

/// Stops and starts the machine's PostgreSQL and Redis, and makes sure
/// both run again when it is dropped, however the run ended.
pub struct Stores {
    pg_stopped: AtomicBool,
    redis_stopped: AtomicBool,
}

fn pg_version() -> Result<String, String> {
    let versions = run("ls", &["/etc/postgresql"])?;
    versions
        .split_whitespace()
        .last()
        .map(str::to_string)
        .ok_or_else(|| "no cluster under /etc/postgresql".into())
}

pub fn pg_ready() -> bool {
    psql("select 1").is_ok()
}

pub fn redis_ready() -> bool {
    let url = redis_url();
    run("redis-cli", &["-u", &url, "ping"]).is_ok_and(|out| out.trim() == "PONG")
}

impl Stores {
    pub fn new() -> Stores {
        Stores {
            pg_stopped: AtomicBool::new(false),
            redis_stopped: AtomicBool::new(false),
        }
    }

    pub fn stop_postgres(&self) -> Result<(), String> {
        self.pg_stopped.store(true, Ordering::SeqCst);
        let v = pg_version()?;
        run(
            "pg_ctlcluster",
            &[
                "--skip-systemctl-redirect",
                &v,
                "main",
                "stop",
                "-m",
                "fast",
            ],
        )?;
        Ok(())
    }

    pub fn start_postgres(&self) -> Result<(), String> {
        let v = pg_version()?;
        run(
            "pg_ctlcluster",
            &["--skip-systemctl-redirect", &v, "main", "start"],
        )?;
        for _ in 0..100 {
            if pg_ready() {
                self.pg_stopped.store(false, Ordering::SeqCst);
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Err("PostgreSQL did not come back within 10 s".into())
    }

    pub fn stop_redis(&self) -> Result<(), String> {
        self.redis_stopped.store(true, Ordering::SeqCst);
        let url = redis_url();
        // `shutdown` closes the connection: its "error" is the success
        let _ = run("redis-cli", &["-u", &url, "shutdown", "nosave"]);
        for _ in 0..50 {
            if !redis_ready() {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Err("Redis did not stop".into())
    }

    /// The machine's own start command (/work/.library/env/machines).
    pub fn start_redis(&self) -> Result<(), String> {
        let _ = std::fs::create_dir_all("/var/lib/redis");
        let _ = std::fs::create_dir_all("/var/log/redis");
        run(
            "redis-server",
            &[
                "--daemonize",
                "yes",
                "--bind",
                "127.0.0.1",
                "-::1",
                "--port",
                "6379",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                "/var/lib/redis",
                "--logfile",
                "/var/log/redis/ci.log",
            ],
        )?;
        for _ in 0..100 {
            if redis_ready() {
                self.redis_stopped.store(false, Ordering::SeqCst);
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Err("Redis did not come back within 10 s".into())
    }

    /// Starts whichever of the two this run stopped, or finds down.
    pub fn restore(&self) {
        if self.pg_stopped.load(Ordering::SeqCst) || !pg_ready() {
            match self.start_postgres() {
                Ok(()) => eprintln!("topology: PostgreSQL started again"),
                Err(e) => eprintln!("topology: PostgreSQL NOT restored: {e}"),
            }
        }
        if self.redis_stopped.load(Ordering::SeqCst) || !redis_ready() {
            match self.start_redis() {
                Ok(()) => eprintln!("topology: Redis started again"),
                Err(e) => eprintln!("topology: Redis NOT restored: {e}"),
            }
        }
    }
}

impl Drop for Stores {
    fn drop(&mut self) {
        self.restore();
    }
}

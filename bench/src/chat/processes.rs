//! The gateway and chat as child processes of their release binaries,
//! configured by environment only, so each one's memory is its own
//! (`/proc/<pid>/status`); and the open-file limit they inherit.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Log lines of a child shown before they are only counted.
const SHOWN: usize = 20;

/// `name`'s binary in `dir`, or next to this one (`target/release`).
pub fn binary(dir: Option<&Path>, name: &str) -> PathBuf {
    let dir = dir.map_or_else(
        || {
            std::env::current_exe()
                .expect("the bench's own path")
                .parent()
                .expect("a folder")
                .to_path_buf()
        },
        Path::to_path_buf,
    );
    let path = dir.join(name);
    assert!(
        path.is_file(),
        "{} not found: cargo build --release -p gateway -p chat --bin gateway --bin chat (or --bin-dir DIR)",
        path.display()
    );
    path
}

pub struct Service {
    pub name: &'static str,
    child: std::process::Child,
    pub port: u16,
    /// Lines it logged besides its listening line (warnings and errors).
    pub logged: Arc<AtomicUsize>,
}

impl Service {
    /// Starts `binary` in `dir` with `env` (and no other `<NAME>__` variable
    /// of ours), logging at `warn`; waits for its listening line.
    pub fn start(
        name: &'static str,
        binary: &Path,
        dir: &Path,
        env: &[(String, String)],
    ) -> Service {
        let prefix = format!("{}__", name.to_uppercase());
        let mut cmd = Command::new(binary);
        cmd.current_dir(dir)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        for (key, _) in std::env::vars() {
            if key.starts_with(&prefix) {
                cmd.env_remove(key);
            }
        }
        cmd.env("RUST_LOG", "warn,platform_service=info");
        cmd.envs(env.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        let mut child = cmd
            .spawn()
            .unwrap_or_else(|e| panic!("{}: {e}", binary.display()));
        let stderr = child.stderr.take().expect("piped");
        let (tx, rx) = std::sync::mpsc::channel();
        let logged = Arc::new(AtomicUsize::new(0));
        let count = Arc::clone(&logged);
        std::thread::spawn(move || {
            let mut tx = Some(tx);
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                if let Some(port) = line.split("listening on port ").nth(1) {
                    if let (Some(tx), Ok(port)) = (tx.take(), port.trim().parse::<u16>()) {
                        let _ = tx.send(port);
                        continue;
                    }
                }
                if count.fetch_add(1, Ordering::Relaxed) < SHOWN {
                    eprintln!("  [{name}] {line}");
                }
            }
        });
        let Ok(port) = rx.recv_timeout(Duration::from_secs(60)) else {
            let _ = child.kill();
            panic!("{name} did not start (its log above)");
        };
        Service {
            name,
            child,
            port,
            logged,
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// Resident memory, KiB.
    pub fn rss_kib(&self) -> u64 {
        status_kib(self.pid(), "VmRSS:")
    }

    /// Peak resident memory, KiB.
    pub fn peak_kib(&self) -> u64 {
        status_kib(self.pid(), "VmHWM:")
    }

    pub fn threads(&self) -> u64 {
        status_kib(self.pid(), "Threads:")
    }

    pub fn open_files(&self) -> usize {
        std::fs::read_dir(format!("/proc/{}/fd", self.pid())).map_or(0, Iterator::count)
    }

    /// User + system CPU time so far, seconds (at 100 ticks a second).
    pub fn cpu_secs(&self) -> f64 {
        let stat =
            std::fs::read_to_string(format!("/proc/{}/stat", self.pid())).unwrap_or_default();
        let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
        let fields: Vec<&str> = after.split_whitespace().collect();
        let ticks = |i: usize| {
            fields
                .get(i)
                .and_then(|v| v.parse::<u64>().ok())
                .unwrap_or(0)
        };
        (ticks(11) + ticks(12)) as f64 / 100.0
    }

    pub fn file_limit(&self) -> (u64, u64) {
        file_limit(&self.pid().to_string())
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// User + system CPU time of `pid` so far, seconds (at 100 ticks a
/// second, Linux's USER_HZ), with `children` that of its children that
/// ended too; with its name (`comm`).
fn cpu_of(pid: &str, children: bool) -> (String, f64) {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let name = stat
        .split_once('(')
        .and_then(|(_, rest)| rest.rsplit_once(')'))
        .map_or("", |(name, _)| name)
        .to_string();
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(0)
    };
    let mut total = ticks(11) + ticks(12);
    if children {
        total += ticks(13) + ticks(14);
    }
    (name, total as f64 / 100.0)
}

pub fn cpu_secs(pid: &str) -> f64 {
    cpu_of(pid, false).1
}

/// CPU seconds of every process named `postgres` (the server and its
/// backends, whoever they serve), with those of backends that ended
/// (counted in the server's children's time).
pub fn postgres_cpu_secs() -> f64 {
    std::fs::read_dir("/proc")
        .map(|dir| {
            dir.filter_map(Result::ok)
                .filter_map(|e| e.file_name().to_str().map(str::to_string))
                .filter(|name| name.bytes().all(|b| b.is_ascii_digit()))
                .map(|pid| cpu_of(&pid, true))
                .filter(|(name, _)| name == "postgres")
                .map(|(_, secs)| secs)
                .sum()
        })
        .unwrap_or(0.0)
}

/// CPU seconds the whole machine has been busy (all cores, everything).
pub fn machine_busy_secs() -> f64 {
    let stat = std::fs::read_to_string("/proc/stat").unwrap_or_default();
    let line = stat.lines().next().unwrap_or_default();
    let ticks: Vec<u64> = line
        .split_whitespace()
        .skip(1)
        .map(|v| v.parse().unwrap_or(0))
        .collect();
    // user nice system idle iowait irq softirq steal
    let busy: u64 = ticks
        .iter()
        .take(8)
        .enumerate()
        .filter(|(i, _)| *i != 3 && *i != 4)
        .map(|(_, t)| t)
        .sum();
    busy as f64 / 100.0
}

fn status_kib(pid: u32, key: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix(key))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

/// (soft, hard) open-file limit of `pid` (`self` for this process).
pub fn file_limit(pid: &str) -> (u64, u64) {
    let limits = std::fs::read_to_string(format!("/proc/{pid}/limits")).unwrap_or_default();
    let line = limits
        .lines()
        .find(|l| l.starts_with("Max open files"))
        .unwrap_or_default();
    let mut values = line["Max open files".len().min(line.len())..]
        .split_whitespace()
        .map(|v| v.parse::<u64>().unwrap_or(u64::MAX));
    (values.next().unwrap_or(0), values.next().unwrap_or(0))
}

/// Raises this process's open-file limit to `need` when lower (children
/// started afterwards inherit it), with `prlimit`: beyond the hard limit
/// only root may. The limit after.
pub fn raise_file_limit(need: u64) -> (u64, u64) {
    let (soft, hard) = file_limit("self");
    if soft >= need {
        return (soft, hard);
    }
    let status = Command::new("prlimit")
        .arg("--pid")
        .arg(std::process::id().to_string())
        .arg(format!("--nofile={need}:{}", need.max(hard)))
        .status();
    if !matches!(status, Ok(s) if s.success()) {
        println!(
            "could not raise the open-file limit to {need} (prlimit: {status:?}); it stays {soft}"
        );
    }
    file_limit("self")
}

//! Child processes: each component's binary started with its environment
//! only (no inherited variables, no config file: its working directory is
//! empty), its log in a file, killed when dropped; and their memory read
//! from /proc while the run goes.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::process::{Child, Command};

pub struct Proc {
    /// `chat-1`, `gateway-2`, `identity`, …
    pub name: String,
    /// the binary, and the `<NAME>__` of its settings
    pub component: &'static str,
    pub port: u16,
    pub env: Vec<(String, String)>,
    child: Option<Child>,
}

/// Peak and last RSS in KiB per process name.
pub type Memory = Arc<Mutex<BTreeMap<String, (u64, u64)>>>;

pub struct Procs {
    pub list: Vec<Proc>,
    bin_dir: PathBuf,
    logs: PathBuf,
    cwd: PathBuf,
    pids: Arc<Mutex<BTreeMap<String, u32>>>,
    pub memory: Memory,
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or(0)
}

fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

impl Procs {
    pub fn new(bin_dir: PathBuf, logs: PathBuf, cwd: PathBuf) -> Procs {
        let procs = Procs {
            list: Vec::new(),
            bin_dir,
            logs,
            cwd,
            pids: Arc::default(),
            memory: Arc::default(),
        };
        let (pids, memory) = (Arc::clone(&procs.pids), Arc::clone(&procs.memory));
        tokio::spawn(async move {
            loop {
                let now: Vec<(String, u32)> = pids
                    .lock()
                    .map(|p| p.iter().map(|(k, v)| (k.clone(), *v)).collect())
                    .unwrap_or_default();
                for (name, pid) in now {
                    if let Some(kib) = rss_kib(pid) {
                        if let Ok(mut m) = memory.lock() {
                            let entry = m.entry(name).or_insert((0, 0));
                            entry.0 = entry.0.max(kib);
                            entry.1 = kib;
                        }
                    }
                }
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        });
        procs
    }

    pub fn add(&mut self, name: &str, component: &'static str, port: u16) {
        self.list.push(Proc {
            name: name.into(),
            component,
            port,
            env: Vec::new(),
            child: None,
        });
    }

    pub fn get_mut(&mut self, name: &str) -> &mut Proc {
        let i = self.list.iter().position(|p| p.name == name);
        &mut self.list[i.unwrap_or_else(|| panic!("no process {name}"))]
    }

    pub fn get(&self, name: &str) -> &Proc {
        let i = self.list.iter().position(|p| p.name == name);
        &self.list[i.unwrap_or_else(|| panic!("no process {name}"))]
    }

    pub fn start(&mut self, name: &str) -> Result<(), String> {
        let (bin_dir, logs, cwd) = (self.bin_dir.clone(), self.logs.clone(), self.cwd.clone());
        let p = self.get_mut(name);
        let bin = bin_dir.join(p.component);
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(logs.join(format!("{}.log", p.name)))
            .map_err(|e| format!("{}: log: {e}", p.name))?;
        let err = log.try_clone().map_err(|e| e.to_string())?;
        let child = Command::new(&bin)
            .env_clear()
            .envs(p.env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .current_dir(&cwd)
            .stdin(Stdio::null())
            .stdout(log)
            .stderr(err)
            .kill_on_drop(true)
            .spawn()
            .map_err(|e| format!("{}: {}: {e}", p.name, bin.display()))?;
        let pid = child.id().unwrap_or(0);
        p.child = Some(child);
        let name = p.name.clone();
        if let Ok(mut pids) = self.pids.lock() {
            pids.insert(name, pid);
        }
        Ok(())
    }

    /// SIGKILL: the crash of a replica, no graceful shutdown.
    pub async fn kill(&mut self, name: &str) {
        if let Ok(mut pids) = self.pids.lock() {
            pids.remove(name);
        }
        if let Some(mut child) = self.get_mut(name).child.take() {
            let _ = child.start_kill();
            let _ = child.wait().await;
        }
    }

    /// SIGTERM to every child (graceful), then SIGKILL after 10 s.
    pub async fn stop_all(&mut self) {
        for p in &self.list {
            if let Some(pid) = p.child.as_ref().and_then(Child::id) {
                let _ = std::process::Command::new("kill")
                    .args(["-TERM", &pid.to_string()])
                    .status();
            }
        }
        let until = Instant::now() + Duration::from_secs(10);
        for p in &mut self.list {
            if let Some(mut child) = p.child.take() {
                let left = until.saturating_duration_since(Instant::now());
                if tokio::time::timeout(left, child.wait()).await.is_err() {
                    let _ = child.start_kill();
                    let _ = child.wait().await;
                }
            }
        }
        if let Ok(mut pids) = self.pids.lock() {
            pids.clear();
        }
    }

    /// Waits until `name` answers 200 on `/readyz`.
    pub async fn ready(&mut self, name: &str, limit: Duration) -> Result<Duration, String> {
        let started = Instant::now();
        let http = reqwest::Client::new();
        let url = format!("http://127.0.0.1:{}/readyz", self.get(name).port);
        loop {
            if let Some(child) = self.get_mut(name).child.as_mut() {
                if let Ok(Some(status)) = child.try_wait() {
                    return Err(format!("{name} exited at start-up: {status}"));
                }
            }
            if let Ok(r) = http.get(&url).timeout(Duration::from_secs(2)).send().await {
                if r.status() == 200 {
                    return Ok(started.elapsed());
                }
            }
            if started.elapsed() > limit {
                return Err(format!("{name} not ready within {limit:?}"));
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

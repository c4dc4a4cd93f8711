//! CPU time spent by everything a scenario runs on: this process (load
//! generator, upstream, gateways), nginx's processes and Redis. Per request,
//! less scenario (a)'s, it is what the proxy in between costs, whichever of
//! them is the bottleneck at saturation.

use std::time::Duration;

/// The clock-tick length of `/proc/<pid>/stat` times (`getconf CLK_TCK`,
/// 100 on Linux everywhere in practice).
const TICK: Duration = Duration::from_millis(10);

#[derive(Clone)]
pub struct CpuClock {
    nginx_master: Option<u32>,
    redis: Option<redis::Client>,
}

impl CpuClock {
    pub fn new(nginx_master: Option<u32>, redis_url: &str) -> CpuClock {
        CpuClock {
            nginx_master,
            redis: redis::Client::open(redis_url).ok(),
        }
    }

    /// [`CpuClock::now`] on the blocking pool: reading `/proc` and asking
    /// Redis must not hold up the load generator, which shares this thread,
    /// right at the edges of the measured window.
    pub async fn read(&self) -> Duration {
        let clock = self.clone();
        tokio::task::spawn_blocking(move || clock.now())
            .await
            .unwrap_or_default()
    }

    /// CPU time used so far by all of them (what cannot be read counts 0).
    fn now(&self) -> Duration {
        let mut total = ticks("/proc/self/stat");
        if let Some(master) = self.nginx_master {
            total += ticks(&format!("/proc/{master}/stat"));
            total += children_of(master)
                .map(|pid| ticks(&format!("/proc/{pid}/stat")))
                .sum::<Duration>();
        }
        total + self.redis_cpu()
    }

    /// Redis's own count (`INFO cpu`), so a Redis elsewhere counts too.
    fn redis_cpu(&self) -> Duration {
        let Some(client) = &self.redis else {
            return Duration::ZERO;
        };
        let info: Option<String> = client
            .get_connection_with_timeout(Duration::from_millis(200))
            .ok()
            .and_then(|mut c| redis::cmd("INFO").arg("cpu").query(&mut c).ok());
        let seconds: f64 = info
            .iter()
            .flat_map(|i| i.lines())
            .filter_map(|l| {
                l.strip_prefix("used_cpu_user:")
                    .or_else(|| l.strip_prefix("used_cpu_sys:"))
            })
            .filter_map(|v| v.trim().parse::<f64>().ok())
            .sum();
        Duration::from_secs_f64(seconds)
    }
}

/// utime + stime of a process (all its threads) from its `stat` file.
fn ticks(path: &str) -> Duration {
    let Ok(stat) = std::fs::read_to_string(path) else {
        return Duration::ZERO;
    };
    // fields after the command name, which is in parentheses and may hold spaces
    let Some((_, rest)) = stat.rsplit_once(')') else {
        return Duration::ZERO;
    };
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the line; here, after the
    // name, counting from 0, they are 11 and 12
    let used: u64 = [11, 12]
        .iter()
        .filter_map(|&i| fields.get(i).and_then(|f| f.parse::<u64>().ok()))
        .sum();
    TICK * used as u32
}

fn children_of(parent: u32) -> impl Iterator<Item = u32> {
    std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(move |pid| {
            std::fs::read_to_string(format!("/proc/{pid}/stat"))
                .ok()
                .and_then(|s| {
                    let rest = s.rsplit_once(')')?.1.to_string();
                    rest.split_whitespace().nth(1)?.parse::<u32>().ok()
                })
                == Some(parent)
        })
}

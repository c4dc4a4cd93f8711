use crate::cpu::CpuClock;
use hdrhistogram::Histogram;
use std::time::{Duration, Instant};

/// What one scenario measured.
pub struct Measured {
    pub requests: u64,
    pub errors: u64,
    pub seconds: f64,
    pub latency_us: Histogram<u64>,
    /// CPU time used while measuring, by all the processes involved.
    pub cpu: Duration,
}

impl Measured {
    pub fn rps(&self) -> f64 {
        self.requests as f64 / self.seconds
    }

    /// Adds another round of the same scenario.
    pub fn absorb(&mut self, other: Measured) {
        self.requests += other.requests;
        self.errors += other.errors;
        self.seconds += other.seconds;
        self.latency_us.add(&other.latency_us).expect("same bounds");
        self.cpu += other.cpu;
    }

    /// CPU microseconds per request, all processes together.
    pub fn cpu_us_per_request(&self) -> f64 {
        self.cpu.as_secs_f64() * 1e6 / self.requests.max(1) as f64
    }

    pub fn percentile_ms(&self, q: f64) -> f64 {
        self.latency_us.value_at_quantile(q) as f64 / 1000.0
    }
}

/// `connections` keep-alive connections, each sending one request after
/// another for `warmup + duration`; only the `duration` part is counted.
/// With `rate` (requests per second in all), each connection paces itself
/// to its share, so latency is measured below saturation, not queueing.
pub async fn run(
    cpu: &CpuClock,
    url: &str,
    token: Option<&str>,
    connections: usize,
    rate: Option<u64>,
    warmup: Duration,
    duration: Duration,
) -> Measured {
    let interval = rate.map(|r| Duration::from_secs_f64(connections as f64 / r.max(1) as f64));
    let started = Instant::now();
    let measure_from = started + warmup;
    let until = measure_from + duration;
    let mut tasks = Vec::with_capacity(connections);
    for i in 0..connections {
        // one client each, so each task holds its own connection
        let client = reqwest::Client::builder()
            .pool_max_idle_per_host(1)
            .no_proxy()
            .tcp_nodelay(true)
            .build()
            .expect("client");
        let url = url.to_string();
        let auth = token.map(|t| format!("Bearer {t}"));
        tasks.push(tokio::spawn(async move {
            let mut hist = Histogram::<u64>::new_with_bounds(1, 60_000_000, 3).expect("histogram");
            let (mut ok, mut errors) = (0u64, 0u64);
            // staggered, so the connections' requests are spread over the
            // interval instead of arriving together as one burst
            let mut next = Instant::now()
                + interval.map_or(Duration::ZERO, |every| {
                    every.mul_f64(i as f64 / connections as f64)
                });
            loop {
                if let Some(every) = interval {
                    tokio::time::sleep_until(next.into()).await;
                    next += every;
                }
                let t0 = Instant::now();
                if t0 >= until {
                    break;
                }
                let mut req = client.get(&url);
                if let Some(a) = &auth {
                    req = req.header("authorization", a);
                }
                let good = match req.send().await {
                    Ok(res) => {
                        let status = res.status();
                        res.bytes().await.is_ok() && status.is_success()
                    }
                    Err(_) => false,
                };
                if t0 >= measure_from {
                    if good {
                        ok += 1;
                        hist.saturating_record(t0.elapsed().as_micros() as u64);
                    } else {
                        errors += 1;
                    }
                }
            }
            (hist, ok, errors)
        }));
    }
    tokio::time::sleep_until(measure_from.into()).await;
    let cpu_from = cpu.read().await;
    tokio::time::sleep_until(until.into()).await;
    let cpu_used = cpu.read().await.saturating_sub(cpu_from);
    let mut total = Histogram::<u64>::new_with_bounds(1, 60_000_000, 3).expect("histogram");
    let (mut requests, mut errors) = (0, 0);
    for t in tasks {
        let (h, ok, err) = t.await.expect("load task");
        total.add(&h).expect("same bounds");
        requests += ok;
        errors += err;
    }
    Measured {
        requests,
        errors,
        seconds: duration.as_secs_f64(),
        latency_us: total,
        cpu: cpu_used,
    }
}

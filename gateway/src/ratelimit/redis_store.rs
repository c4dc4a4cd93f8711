use super::gcra::{self, Decision};
use super::lease::{Ended, Leases, Report, Take};
use crate::settings::Policy;
use futures_util::stream::FuturesUnordered;
use futures_util::StreamExt;
use redis::aio::MultiplexedConnection;
use redis::AsyncConnectionConfig;
use std::sync::{Arc, LazyLock, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::{mpsc, oneshot};

/// GCRA for a batch of buckets in one atomic script, with Redis's clock, so
/// every gateway replica shares one exact limit. A bucket is a hash: `tat`
/// (its theoretical arrival time, counting the requests that passed),
/// `leased` (tokens leased out to replicas and not reported back yet;
/// `lease.rs`) and `leased_at` (the last grant). `ARGV[1]` is how long a
/// lease may be spent, in ms, which keeps the key at least that long after
/// a grant; leased tokens not reported a second after that count as spent. Then per bucket
/// (`KEYS[i]`) six arguments: `t` and `tau`; how many checks the batch has
/// for it (`n`: counted together, with the same result as `n` single steps
/// in a row, `gcra::counted_together`); how many tokens to lease besides
/// (`want`); and the leases of the bucket that ended since (`ended` tokens,
/// of which `spent` were spent), applied first. Checks count every token
/// still leased out as spent. A lease is granted only when all `n` checks
/// pass and the bucket keeps at least 16 times the lease afterwards; it is
/// never smaller than `min(8, want)`. Answers, per bucket: how many checks
/// passed, the debt before them, and the tokens leased. (Several keys in
/// one script needs them on one node: fine for one Redis, not for a Redis
/// Cluster.)
static SCRIPT: LazyLock<redis::Script> = LazyLock::new(|| {
    redis::Script::new(
        r#"
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
local hold = tonumber(ARGV[1])
local out = {}
for i, key in ipairs(KEYS) do
  local a = 6 * (i - 1) + 1
  local t = tonumber(ARGV[a + 1])
  local tau = tonumber(ARGV[a + 2])
  local n = tonumber(ARGV[a + 3])
  local want = tonumber(ARGV[a + 4])
  local ended = tonumber(ARGV[a + 5])
  local spent = tonumber(ARGV[a + 6])
  local state = redis.call('HMGET', key, 'tat', 'leased', 'leased_at')
  local tat = tonumber(state[1]) or now
  local leased = tonumber(state[2]) or 0
  local leased_at = tonumber(state[3]) or now
  if tat < now then tat = now end
  -- ended leases: their tokens are free again, and those spent count now
  leased = math.max(0, leased - ended)
  tat = tat + spent * t
  local changed = ended + spent > 0
  -- a lease is spent within `hold` of the last grant and reported at once
  -- after: tokens still out a second later were never reported (a replica
  -- died, or Redis lost the report), so they count as spent, once
  if leased > 0 and now > leased_at + (hold + 1000) * 1000 then
    tat = tat + leased * t
    leased = 0
    changed = true
  end
  -- each passing check moves tat on by t; checks pass while tat + t - tau
  -- <= now, with every token still leased out counted as spent
  local owed = tat + leased * t
  local passed = math.floor((now + tau - t - owed) / t) + 1
  if passed < 0 then passed = 0 end
  if passed > n then passed = n end
  local lease = 0
  if passed == n and want > 0 then
    local room = math.floor((now + tau - owed) / t) - passed
    lease = math.min(want, math.floor(room / 16))
    if lease < math.min(8, want) then lease = 0 end
  end
  if passed + lease > 0 or changed then
    tat = tat + passed * t
    leased = leased + lease
    if lease > 0 then leased_at = now end
    if tat > now or leased > 0 then
      redis.call('HSET', key, 'tat', tat, 'leased', leased, 'leased_at', leased_at)
      local keep = math.ceil((tat + leased * t - now) / 1000)
      if leased > 0 then keep = math.max(keep, hold) + 1000 end
      redis.call('PEXPIRE', key, keep + 1)
    else
      redis.call('DEL', key)
    end
  end
  out[#out + 1] = passed
  out[#out + 1] = owed - now
  out[#out + 1] = lease
end
return out
"#,
    )
});

/// The most checks sent in one script call.
const MAX_BATCH: usize = 256;
/// Script calls out at once on the batcher's connection.
const IN_FLIGHT: usize = 4;
/// Checks waiting for the batcher; past this the store counts as failed
/// (the limiter falls back or refuses) rather than queueing without end.
const QUEUE: usize = 4096;

type Answer = Result<(i64, i64, i64), String>;

/// A check waiting for its batch, or a lease's report going to Redis.
struct Job {
    bucket: String,
    t: i64,
    tau: i64,
    /// The bucket's lease that ended, if any.
    ended: Ended,
    /// Where a check's answer goes; `None` for a report alone.
    reply: Option<oneshot::Sender<Answer>>,
}

impl From<Report> for Job {
    fn from(r: Report) -> Job {
        Job {
            bucket: r.bucket,
            t: r.t,
            tau: r.tau,
            ended: r.ended,
            reply: None,
        }
    }
}

/// Rate-limit checks go to Redis in batches: one task owns the connection,
/// and every check that arrives while a call is out goes in the next call.
/// At low load each check is its own call, with no added wait; under load a
/// call carries many, which spares Redis and the gateway a round trip each.
/// Busy buckets also get leases (`lease.rs`), which spare most of their
/// checks the trip altogether.
///
/// The batcher is made lazily and re-made after a failure, at most once a
/// second, so a Redis that is down costs requests nothing but the check.
pub struct RedisStore {
    client: redis::Client,
    prefix: String,
    timeout: Duration,
    /// `None` when leasing is off (`rate_limit.lease = 0`).
    leases: Option<Arc<Leases>>,
    batcher: Mutex<Option<mpsc::Sender<Job>>>,
    last_attempt: Mutex<Option<Instant>>,
}

impl RedisStore {
    /// `lease`: the most tokens one replica leases at once (0: none), each
    /// lease living `lease_ms`.
    pub fn new(
        url: &str,
        prefix: &str,
        timeout: Duration,
        lease: u32,
        lease_ms: u64,
    ) -> Result<RedisStore, String> {
        let client = redis::Client::open(url).map_err(|e| format!("redis_url: {e}"))?;
        if lease > 0 && !(1..=10_000).contains(&lease_ms) {
            return Err("rate_limit.lease_ms: must be from 1 to 10000 while leasing".into());
        }
        let lease_ttl = Duration::from_millis(lease_ms);
        Ok(RedisStore {
            client,
            prefix: prefix.to_string(),
            timeout,
            leases: (lease > 0).then(|| Arc::new(Leases::new(lease, lease_ttl))),
            batcher: Mutex::new(None),
            last_attempt: Mutex::new(None),
        })
    }

    fn connect_timeout(&self) -> Duration {
        self.timeout.max(Duration::from_millis(200))
    }

    fn config(&self) -> AsyncConnectionConfig {
        AsyncConnectionConfig::new()
            .set_connection_timeout(self.connect_timeout())
            .set_response_timeout(self.timeout)
    }

    /// The running batcher, or a new one when none runs and the last
    /// attempt was over a second ago. Starts it on the caller's runtime.
    fn batcher(&self) -> Result<mpsc::Sender<Job>, String> {
        let mut slot = self
            .batcher
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(tx) = slot.as_ref().filter(|tx| !tx.is_closed()) {
            return Ok(tx.clone());
        }
        *slot = None;
        {
            let mut last = self
                .last_attempt
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            if last.is_some_and(|at| at.elapsed() < Duration::from_secs(1)) {
                return Err("redis unavailable (waiting to reconnect)".into());
            }
            *last = Some(Instant::now());
        }
        let (tx, rx) = mpsc::channel(QUEUE);
        tokio::spawn(drive(
            Batcher {
                client: self.client.clone(),
                config: self.config(),
                connect_timeout: self.connect_timeout(),
                timeout: self.timeout,
                prefix: self.prefix.clone(),
                leases: self.leases.clone(),
            },
            rx,
        ));
        *slot = Some(tx.clone());
        Ok(tx)
    }

    /// Counts one request against `bucket`: from this replica's lease when
    /// it holds one, else in Redis.
    pub async fn check(&self, bucket: &str, policy: &Policy) -> Result<Decision, String> {
        let mut ended = Ended::default();
        if let Some(leases) = &self.leases {
            match leases.take(bucket, policy, Instant::now()) {
                Take::Spent(decision) => return Ok(decision),
                Take::Ended(lease) => ended = lease,
                Take::None => {}
            }
        }
        let (t, tau) = gcra::params(policy);
        let (reply, answer) = oneshot::channel();
        let job = Job {
            bucket: bucket.to_string(),
            t,
            tau,
            ended,
            reply: Some(reply),
        };
        self.batcher()?.try_send(job).map_err(|e| match e {
            mpsc::error::TrySendError::Full(_) => "redis check queue full".to_string(),
            mpsc::error::TrySendError::Closed(_) => "redis batcher stopped".to_string(),
        })?;
        // no timer of our own: the batcher bounds its connect and every call,
        // and a batcher that is gone drops the reply channel, which answers
        let (allowed, debt, wait) = answer
            .await
            .map_err(|_| "redis batcher stopped".to_string())??;
        Ok(gcra::decision(policy, allowed == 1, debt, wait))
    }

    /// Whether Redis answers, on a connection of its own (readiness probes
    /// are rare, and this proves a new connection can be made).
    pub async fn ping(&self) -> Result<(), String> {
        let call = async {
            let mut conn = self
                .client
                .get_multiplexed_async_connection_with_config(&self.config())
                .await?;
            redis::cmd("PING").query_async::<String>(&mut conn).await
        };
        tokio::time::timeout(self.connect_timeout() + self.timeout, call)
            .await
            .map_err(|_| "redis ping timed out".to_string())?
            .map(|_| ())
            .map_err(|e| format!("redis: {e}"))
    }
}

/// What the batcher task needs.
struct Batcher {
    client: redis::Client,
    config: AsyncConnectionConfig,
    connect_timeout: Duration,
    timeout: Duration,
    prefix: String,
    leases: Option<Arc<Leases>>,
}

/// The batcher: connects, then sends whatever checks are queued as one call,
/// with up to [`IN_FLIGHT`] calls out at once so Redis works on one batch
/// while the gateway answers the last. Every lease lifetime it also reports
/// the leases that ended with no check to carry them. When a call fails it
/// answers every waiting check with the error and stops; the store makes a
/// new one on a later check. (The tokens of a report that fails stay
/// leased in Redis until the script counts them as spent, a second after
/// they could last be spent: the quota errs on the side of refusing.)
async fn drive(b: Batcher, mut jobs: mpsc::Receiver<Job>) {
    let connected = tokio::time::timeout(
        b.connect_timeout * 2,
        b.client
            .get_multiplexed_async_connection_with_config(&b.config),
    )
    .await;
    let conn = match connected {
        Ok(Ok(conn)) => conn,
        Ok(Err(e)) => return fail_all(&mut jobs, Vec::new(), &format!("redis connect: {e}")),
        Err(_) => return fail_all(&mut jobs, Vec::new(), "redis connect timed out"),
    };
    // what every call asks to lease and how long a lease may be spent; and
    // how often leases that ended with no check to carry them are reported
    let (want, hold_ms, sweep_every) = match &b.leases {
        Some(l) => (l.size(), l.ttl().as_millis() as i64, l.ttl()),
        // no leases: the sweep's branch is off and it never ticks
        None => (0, 0, Duration::from_secs(3600)),
    };
    let mut sweep = tokio::time::interval(sweep_every);
    sweep.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut waiting: Vec<Job> = Vec::new();
    let mut calls = FuturesUnordered::new();
    loop {
        tokio::select! {
            biased;
            Some((batch, result)) = calls.next() => {
                if let Err((batch, why)) = answer(batch, result, b.leases.as_deref()) {
                    // dropping the calls still out drops their checks'
                    // reply channels, which answers them "stopped"
                    drop(calls);
                    waiting.extend(batch);
                    return fail_all(&mut jobs, waiting, &why);
                }
            }
            _ = sweep.tick(), if b.leases.is_some() => {
                if let Some(leases) = &b.leases {
                    waiting.extend(leases.ended(Instant::now()).into_iter().map(Job::from));
                }
            }
            first = jobs.recv(), if calls.len() < IN_FLIGHT => {
                let Some(first) = first else { break };
                waiting.push(first);
                while waiting.len() < MAX_BATCH {
                    match jobs.try_recv() {
                        Ok(job) => waiting.push(job),
                        Err(_) => break,
                    }
                }
            }
        }
        if !waiting.is_empty() && calls.len() < IN_FLIGHT {
            let take = waiting.len().min(MAX_BATCH);
            let batch = Batch::of(waiting.drain(..take).collect());
            let mut conn = conn.clone();
            let (prefix, timeout) = (&b.prefix, b.timeout);
            calls.push(async move {
                let result =
                    tokio::time::timeout(timeout, call(&mut conn, prefix, &batch, (want, hold_ms)))
                        .await;
                (batch, result)
            });
        }
    }
}

/// A call's jobs, grouped by bucket: `runs` are `(start, len)` in `jobs`,
/// which are sorted by bucket, each bucket's checks in the order they came.
struct Batch {
    jobs: Vec<Job>,
    runs: Vec<(usize, usize)>,
    /// When the call left: a lease granted by it lives from here, which is
    /// before Redis granted it, so it ends before Redis stops holding it.
    sent: Instant,
}

impl Batch {
    fn of(mut jobs: Vec<Job>) -> Batch {
        // a stable sort: within a bucket, checks keep their order
        jobs.sort_by(|a, b| (&a.bucket, a.t, a.tau).cmp(&(&b.bucket, b.t, b.tau)));
        let mut runs: Vec<(usize, usize)> = Vec::new();
        for (i, job) in jobs.iter().enumerate() {
            match runs.last_mut() {
                Some((start, len))
                    if (&jobs[*start].bucket, jobs[*start].t, jobs[*start].tau)
                        == (&job.bucket, job.t, job.tau) =>
                {
                    *len += 1
                }
                _ => runs.push((i, 1)),
            }
        }
        Batch {
            jobs,
            runs,
            sent: Instant::now(),
        }
    }

    fn run(&self, (start, len): (usize, usize)) -> &[Job] {
        &self.jobs[start..start + len]
    }
}

type CallResult = Result<redis::RedisResult<Vec<i64>>, tokio::time::error::Elapsed>;

/// Hands each check of a finished call its answer and keeps the tokens
/// leased with them, or says why the call failed (the batch is then
/// answered by `fail_all`).
fn answer(
    batch: Batch,
    result: CallResult,
    leases: Option<&Leases>,
) -> Result<(), (Vec<Job>, String)> {
    let values = match result {
        Ok(Ok(values)) if values.len() == batch.runs.len() * 3 => values,
        Ok(Ok(values)) => {
            let why = format!(
                "redis answered {} values for {} buckets",
                values.len(),
                batch.runs.len()
            );
            return Err((batch.jobs, why));
        }
        Ok(Err(e)) => return Err((batch.jobs, format!("redis: {e}"))),
        Err(_) => return Err((batch.jobs, "redis call timed out".to_string())),
    };
    let mut jobs = batch.jobs.into_iter();
    for (&(_, len), v) in batch.runs.iter().zip(values.chunks_exact(3)) {
        let (passed, debt_before, leased) = (v[0], v[1], v[2]);
        let mut run = jobs.by_ref().take(len).peekable();
        if let (Some(leases), Some(first), true) = (leases, run.peek(), leased > 0) {
            let debt_after = debt_before + (passed + leased) * first.t;
            let policy = (first.t, first.tau);
            leases.grant(&first.bucket, policy, leased, debt_after, batch.sent);
        }
        let replies = run.filter_map(|job| Some((job.reply?, job.t, job.tau)));
        for (nth, (reply, t, tau)) in replies.enumerate() {
            let answer = gcra::counted_together(passed, debt_before, t, tau, nth as i64);
            let _ = reply.send(Ok(answer));
        }
    }
    Ok(())
}

async fn call(
    conn: &mut MultiplexedConnection,
    prefix: &str,
    batch: &Batch,
    (want, hold_ms): (i64, i64),
) -> redis::RedisResult<Vec<i64>> {
    let mut invocation = SCRIPT.prepare_invoke();
    invocation.arg(hold_ms);
    for &run in &batch.runs {
        let jobs = batch.run(run);
        let checks = jobs.iter().filter(|j| j.reply.is_some()).count() as i64;
        let ended = jobs.iter().map(|j| j.ended.granted).sum::<i64>();
        let spent = jobs.iter().map(|j| j.ended.spent).sum::<i64>();
        let first = &jobs[0];
        invocation
            .key(format!("{prefix}rate:{}", first.bucket))
            .arg(first.t)
            .arg(first.tau)
            .arg(checks)
            .arg(if checks > 0 { want } else { 0 })
            .arg(ended)
            .arg(spent);
    }
    invocation.invoke_async(conn).await
}

/// Answers the jobs in hand and every queued check with `why`, and closes
/// the queue so the store sees this batcher is gone.
fn fail_all(jobs: &mut mpsc::Receiver<Job>, in_hand: Vec<Job>, why: &str) {
    jobs.close();
    let mut waiting = in_hand;
    while let Ok(job) = jobs.try_recv() {
        waiting.push(job);
    }
    for reply in waiting.into_iter().filter_map(|job| job.reply) {
        let _ = reply.send(Err(why.to_string()));
    }
}

#[cfg(test)]
mod tests {
    use super::SCRIPT;
    use redis::aio::MultiplexedConnection;
    use redis::AsyncCommands;

    /// 1000 requests per 1000 s: one token a second, so the few
    /// microseconds between reading Redis's clock here and the script's own
    /// reading cannot cross a token's boundary (times are half tokens).
    const T: i64 = 1_000_000;
    const TAU: i64 = 1000 * T;

    async fn redis_now(conn: &mut MultiplexedConnection) -> i64 {
        let (s, us): (i64, i64) = redis::cmd("TIME").query_async(conn).await.unwrap();
        s * 1_000_000 + us
    }

    /// A bucket's state: its `tat` as tokens from now, and its leased tokens.
    type State = Option<(f64, i64)>;

    /// The hold the tests pass: a lease may be spent for 100 ms.
    const HOLD_MS: i64 = 100;

    /// Runs the script on one bucket in state `before`, with `n` checks,
    /// `want` tokens to lease and an ended lease of `ended` tokens, `spent`
    /// of them spent. Returns (passed, debt before in tokens, leased) and
    /// the state after.
    async fn run(
        conn: &mut MultiplexedConnection,
        key: &str,
        before: State,
        (n, want, ended, spent): (i64, i64, i64, i64),
    ) -> ((i64, f64, i64), State) {
        run_granted(conn, key, before, 0, (n, want, ended, spent)).await
    }

    /// `run`, with the bucket's last grant `granted_ago` µs back.
    async fn run_granted(
        conn: &mut MultiplexedConnection,
        key: &str,
        before: State,
        granted_ago: i64,
        (n, want, ended, spent): (i64, i64, i64, i64),
    ) -> ((i64, f64, i64), State) {
        let _: () = conn.del(key).await.unwrap();
        if let Some((owed, leased)) = before {
            let now = redis_now(conn).await;
            let tat = now + (owed * T as f64) as i64;
            let fields = [
                ("tat", tat),
                ("leased", leased),
                ("leased_at", now - granted_ago),
            ];
            let _: () = conn.hset_multiple(key, &fields).await.unwrap();
        }
        let out: Vec<i64> = SCRIPT
            .arg(HOLD_MS)
            .key(key)
            .arg(T)
            .arg(TAU)
            .arg(n)
            .arg(want)
            .arg(ended)
            .arg(spent)
            .invoke_async(conn)
            .await
            .unwrap();
        let after: (Option<i64>, Option<i64>) = redis::cmd("HMGET")
            .arg(key)
            .arg("tat")
            .arg("leased")
            .query_async(conn)
            .await
            .unwrap();
        let now = redis_now(conn).await;
        let tokens = |us: i64| (us as f64 / T as f64 * 10.0).round() / 10.0;
        let state = match after {
            (Some(tat), Some(leased)) => Some((tokens(tat - now), leased)),
            _ => None,
        };
        ((out[0], tokens(out[1]), out[2]), state)
    }

    #[test]
    fn a_lease_must_have_a_lifetime() {
        let new = |lease, lease_ms| {
            let timeout = std::time::Duration::from_millis(100);
            super::RedisStore::new("redis://127.0.0.1:1", "t:", timeout, lease, lease_ms)
        };
        for bad in [0, 10_001] {
            let e = new(64, bad).err().expect("refused");
            assert!(e.contains("rate_limit.lease_ms"), "{e}");
        }
        assert!(new(64, 100).is_ok());
        // no leases, no lifetime needed
        assert!(new(0, 0).is_ok());
    }

    #[actix_web::test]
    #[ignore = "needs Redis: set TEST_REDIS_URL and pass --include-ignored"]
    async fn on_redis_leases_come_only_far_from_the_limit_and_count_until_reported() {
        let url = platform_testkit::require_redis();
        let key = format!("{}rate:script", platform_testkit::redis_prefix());
        let client = redis::Client::open(url).unwrap();
        let mut conn = client.get_multiplexed_async_connection().await.unwrap();
        let c = &mut conn;
        let check = (1, 64, 0, 0);
        // a full bucket: 1 passes, and a 16th of the 999 left is leased
        let r = run(c, &key, None, check).await;
        assert_eq!(r, ((1, 0.0, 62), Some((1.0, 62))));
        // or less when the lease wanted is smaller
        let r = run(c, &key, None, (1, 4, 0, 0)).await;
        assert_eq!(r, ((1, 0.0, 4), Some((1.0, 4))));
        // 199 left: 12 of the 198 after the check
        let r = run(c, &key, Some((800.5, 0)), check).await;
        assert_eq!(r, ((1, 800.5, 12), Some((801.5, 12))));
        // 99 left: a 16th would be under 8, so no lease
        let r = run(c, &key, Some((900.5, 0)), check).await;
        assert_eq!(r, ((1, 900.5, 0), Some((901.5, 0))));
        // not every check passes: 2 of 5, no lease
        let r = run(c, &key, Some((997.5, 0)), (5, 64, 0, 0)).await;
        assert_eq!(r, ((2, 997.5, 0), Some((999.5, 0))));
        // tokens leased out count as spent for every check
        let r = run(c, &key, Some((500.5, 400)), check).await;
        assert_eq!(r, ((1, 900.5, 0), Some((501.5, 400))));
        // a refused check changes nothing
        let r = run(c, &key, Some((10.5, 990)), check).await;
        assert_eq!(r, ((0, 1000.5, 0), Some((10.5, 990))));
        // an ended lease: its tokens are free, and those spent count now
        let r = run(c, &key, Some((500.5, 100)), (0, 0, 100, 30)).await;
        assert_eq!(r, ((0, 530.5, 0), Some((530.5, 0))));
        // counted now, not back when the lease was granted
        let r = run(c, &key, Some((-5.5, 20)), (0, 0, 20, 3)).await;
        assert_eq!(r, ((0, 3.0, 0), Some((3.0, 0))));
        // tokens out a second past the hold were never reported: they
        // count as spent, once
        let overdue = (HOLD_MS + 1000) * 1000 + 50_000;
        let r = run_granted(c, &key, Some((500.5, 100)), overdue, (1, 0, 0, 0)).await;
        assert_eq!(r, ((1, 600.5, 0), Some((601.5, 0))));
        // but not before
        let r = run_granted(c, &key, Some((500.5, 100)), overdue - 100_000, (1, 0, 0, 0)).await;
        assert_eq!(r, ((1, 600.5, 0), Some((501.5, 100))));
        // nothing owed and nothing leased: the key goes
        let r = run(c, &key, None, (0, 0, 10, 0)).await;
        assert_eq!(r, ((0, 0.0, 0), None));
    }
}

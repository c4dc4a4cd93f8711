use super::gcra::{self, Decision};
use crate::settings::Policy;
use futures_util::stream::FuturesUnordered;
use futures_util::StreamExt;
use redis::aio::MultiplexedConnection;
use redis::AsyncConnectionConfig;
use std::sync::{LazyLock, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::{mpsc, oneshot};

/// GCRA for a batch of buckets in one atomic script, with Redis's clock, so
/// every gateway replica shares one exact limit. Each bucket comes with how
/// many checks it has in the batch (`n`): they are counted together, with
/// the same result as `n` single steps in a row (`gcra::counted_together`),
/// so a client sending many requests at once costs Redis one bucket update.
/// Answers, per bucket: how many passed, and the debt before them. (Several
/// keys in one script needs them on one node: fine for one Redis, not for a
/// Redis Cluster.)
static SCRIPT: LazyLock<redis::Script> = LazyLock::new(|| {
    redis::Script::new(
        r#"
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
local out = {}
for i, key in ipairs(KEYS) do
  local t = tonumber(ARGV[3 * i - 2])
  local tau = tonumber(ARGV[3 * i - 1])
  local n = tonumber(ARGV[3 * i])
  local tat = tonumber(redis.call('GET', key) or now)
  if tat < now then tat = now end
  -- each passing check moves tat on by t; checks pass while tat + t - tau <= now
  local passed = math.floor((now + tau - t - tat) / t) + 1
  if passed < 0 then passed = 0 end
  if passed > n then passed = n end
  if passed > 0 then
    local new_tat = tat + passed * t
    redis.call('SET', key, new_tat, 'PX', math.ceil((new_tat - now) / 1000) + 1)
  end
  out[#out + 1] = passed
  out[#out + 1] = tat - now
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

/// One request's check, waiting for its batch.
struct Job {
    key: String,
    t: i64,
    tau: i64,
    reply: oneshot::Sender<Result<(i64, i64, i64), String>>,
}

/// Rate-limit checks go to Redis in batches: one task owns the connection,
/// and every check that arrives while a call is out goes in the next call.
/// At low load each check is its own call, with no added wait; under load a
/// call carries many, which spares Redis and the gateway a round trip each.
///
/// The batcher is made lazily and re-made after a failure, at most once a
/// second, so a Redis that is down costs requests nothing but the check.
pub struct RedisStore {
    client: redis::Client,
    prefix: String,
    timeout: Duration,
    batcher: Mutex<Option<mpsc::Sender<Job>>>,
    last_attempt: Mutex<Option<Instant>>,
}

impl RedisStore {
    pub fn new(url: &str, prefix: &str, timeout: Duration) -> Result<RedisStore, String> {
        let client = redis::Client::open(url).map_err(|e| format!("redis_url: {e}"))?;
        Ok(RedisStore {
            client,
            prefix: prefix.to_string(),
            timeout,
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
        let mut slot = self.batcher.lock().expect("batcher lock");
        if let Some(tx) = slot.as_ref().filter(|tx| !tx.is_closed()) {
            return Ok(tx.clone());
        }
        *slot = None;
        {
            let mut last = self.last_attempt.lock().expect("attempt lock");
            if last.is_some_and(|at| at.elapsed() < Duration::from_secs(1)) {
                return Err("redis unavailable (waiting to reconnect)".into());
            }
            *last = Some(Instant::now());
        }
        let (tx, rx) = mpsc::channel(QUEUE);
        tokio::spawn(drive(
            self.client.clone(),
            self.config(),
            self.connect_timeout(),
            self.timeout,
            rx,
        ));
        *slot = Some(tx.clone());
        Ok(tx)
    }

    pub async fn check(&self, key: &str, policy: &Policy) -> Result<Decision, String> {
        let (t, tau) = gcra::params(policy);
        let (reply, answer) = oneshot::channel();
        let job = Job {
            key: format!("{}rl:{key}", self.prefix),
            t,
            tau,
            reply,
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

/// The batcher: connects, then sends whatever checks are queued as one call,
/// with up to [`IN_FLIGHT`] calls out at once so Redis works on one batch
/// while the gateway answers the last. When a call fails it answers every
/// waiting check with the error and stops; the store makes a new one on a
/// later check.
async fn drive(
    client: redis::Client,
    config: AsyncConnectionConfig,
    connect_timeout: Duration,
    timeout: Duration,
    mut jobs: mpsc::Receiver<Job>,
) {
    let connected = tokio::time::timeout(
        connect_timeout * 2,
        client.get_multiplexed_async_connection_with_config(&config),
    )
    .await;
    let conn = match connected {
        Ok(Ok(conn)) => conn,
        Ok(Err(e)) => return fail_all(&mut jobs, Vec::new(), &format!("redis connect: {e}")),
        Err(_) => return fail_all(&mut jobs, Vec::new(), "redis connect timed out"),
    };
    let mut calls = FuturesUnordered::new();
    loop {
        tokio::select! {
            biased;
            Some((batch, result)) = calls.next() => {
                if let Err((batch, why)) = answer(batch, result) {
                    // dropping the calls still out drops their checks'
                    // reply channels, which answers them "stopped"
                    drop(calls);
                    return fail_all(&mut jobs, batch, &why);
                }
            }
            first = jobs.recv(), if calls.len() < IN_FLIGHT => {
                let Some(first) = first else { break };
                let mut batch = Vec::with_capacity(MAX_BATCH.min(jobs.len() + 1));
                batch.push(first);
                while batch.len() < MAX_BATCH {
                    match jobs.try_recv() {
                        Ok(job) => batch.push(job),
                        Err(_) => break,
                    }
                }
                let batch = Batch::of(batch);
                let mut conn = conn.clone();
                calls.push(async move {
                    let result = tokio::time::timeout(timeout, call(&mut conn, &batch)).await;
                    (batch, result)
                });
            }
        }
    }
}

/// A call's checks, grouped by bucket: `runs` are `(start, len)` in `jobs`,
/// which are sorted by bucket, each bucket's checks in the order they came.
struct Batch {
    jobs: Vec<Job>,
    runs: Vec<(usize, usize)>,
}

impl Batch {
    fn of(mut jobs: Vec<Job>) -> Batch {
        // a stable sort: within a bucket, checks keep their order
        jobs.sort_by(|a, b| (&a.key, a.t, a.tau).cmp(&(&b.key, b.t, b.tau)));
        let mut runs: Vec<(usize, usize)> = Vec::new();
        for (i, job) in jobs.iter().enumerate() {
            match runs.last_mut() {
                Some((start, len))
                    if (&jobs[*start].key, jobs[*start].t, jobs[*start].tau)
                        == (&job.key, job.t, job.tau) =>
                {
                    *len += 1
                }
                _ => runs.push((i, 1)),
            }
        }
        Batch { jobs, runs }
    }
}

type CallResult = Result<redis::RedisResult<Vec<i64>>, tokio::time::error::Elapsed>;

/// Hands each check of a finished call its answer, or says why the call
/// failed (the batch is then answered by `fail_all`).
fn answer(batch: Batch, result: CallResult) -> Result<(), (Vec<Job>, String)> {
    match result {
        Ok(Ok(values)) if values.len() == batch.runs.len() * 2 => {
            let mut jobs = batch.jobs.into_iter();
            for (&(_, len), v) in batch.runs.iter().zip(values.chunks_exact(2)) {
                let (passed, debt_before) = (v[0], v[1]);
                for (nth, job) in jobs.by_ref().take(len).enumerate() {
                    let answer =
                        gcra::counted_together(passed, debt_before, job.t, job.tau, nth as i64);
                    let _ = job.reply.send(Ok(answer));
                }
            }
            Ok(())
        }
        Ok(Ok(values)) => {
            let why = format!(
                "redis answered {} values for {} buckets",
                values.len(),
                batch.runs.len()
            );
            Err((batch.jobs, why))
        }
        Ok(Err(e)) => Err((batch.jobs, format!("redis: {e}"))),
        Err(_) => Err((batch.jobs, "redis call timed out".to_string())),
    }
}

async fn call(conn: &mut MultiplexedConnection, batch: &Batch) -> redis::RedisResult<Vec<i64>> {
    let mut invocation = SCRIPT.prepare_invoke();
    for &(start, len) in &batch.runs {
        let job = &batch.jobs[start];
        invocation.key(&job.key).arg(job.t).arg(job.tau).arg(len);
    }
    invocation.invoke_async(conn).await
}

/// Answers the batch in hand and every queued check with `why`, and closes
/// the queue so the store sees this batcher is gone.
fn fail_all(jobs: &mut mpsc::Receiver<Job>, batch: Vec<Job>, why: &str) {
    jobs.close();
    let mut waiting = batch;
    while let Ok(job) = jobs.try_recv() {
        waiting.push(job);
    }
    for job in waiting {
        let _ = job.reply.send(Err(why.to_string()));
    }
}

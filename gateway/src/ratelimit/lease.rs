//! Leases: part of a busy bucket's quota that Redis sets aside for one
//! replica, which spends it on its own requests without a round trip each.
//!
//! Redis grants a lease only along with checks of the bucket that all
//! passed, and only while the bucket keeps at least 16 times the lease
//! afterwards, so leases exist only far from the limit. While a lease is
//! out, every other check of the bucket counts its tokens as spent, so no
//! replica can pass a request that would leave the lease's tokens short.
//! When the lease ends (spent, or `lease_ms` after its grant) the replica
//! reports it: the tokens it spent are counted then, the rest are free
//! again. (Tokens never reported, because a replica died or a report was
//! lost, count as spent a second after they could last be spent.)
//! Requests are thus never counted earlier than they came, which is why no
//! request passes that exact per-request GCRA would refuse. What a
//! lease costs is the other way: a bucket drained from far to empty while
//! a lease is out refuses requests on other replicas while its holder
//! still has tokens, for at most one lease's life.

use super::gcra::{self, Decision};
use super::shards::Shards;
use crate::settings::Policy;
use std::time::{Duration, Instant};

struct Lease {
    /// Tokens granted since the lease began (grants in a row add up).
    granted: i64,
    /// Tokens not spent yet.
    tokens: i64,
    t: i64,
    tau: i64,
    /// The bucket's debt (`tat - now`, with every leased token of every
    /// replica counted as spent) in Redis right after the last grant.
    debt_at_grant: i64,
    at: Instant,
}

/// What a replica holds, by bucket.
pub struct Leases {
    held: Shards<Lease>,
    /// The most tokens asked for at once.
    size: i64,
    ttl: Duration,
}

/// A lease that has ended, for Redis: how many tokens it had, how many of
/// them were spent.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Ended {
    pub granted: i64,
    pub spent: i64,
}

/// An ended lease of a bucket, to report.
#[derive(Debug, PartialEq, Eq)]
pub struct Report {
    pub bucket: String,
    pub t: i64,
    pub tau: i64,
    pub ended: Ended,
}

/// What a lease did for one check.
#[derive(Debug, PartialEq, Eq)]
pub enum Take {
    /// A leased token was spent: the request passes.
    Spent(Decision),
    /// The bucket's lease is spent or expired, and is removed: the check
    /// goes to Redis and reports it.
    Ended(Ended),
    /// No lease: the check goes to Redis.
    None,
}

impl Leases {
    pub fn new(size: u32, ttl: Duration) -> Leases {
        Leases {
            held: Shards::default(),
            size: i64::from(size),
            ttl,
        }
    }

    /// How many tokens to ask Redis for, besides a batch's checks.
    pub fn size(&self) -> i64 {
        self.size
    }

    pub fn ttl(&self) -> Duration {
        self.ttl
    }

    /// Spends one of `bucket`'s leased tokens, if this replica holds any.
    /// (A bucket's name includes its policy's, so `t` and `tau` are the
    /// lease's own.)
    pub fn take(&self, bucket: &str, policy: &Policy, now: Instant) -> Take {
        let mut map = self.held.of(bucket);
        let Some(lease) = map.get_mut(bucket) else {
            return Take::None;
        };
        let elapsed = now.saturating_duration_since(lease.at);
        if lease.tokens == 0 || elapsed >= self.ttl {
            let ended = lease.ended();
            map.remove(bucket);
            return Take::Ended(ended);
        }
        lease.tokens -= 1;
        // Redis's debt now, less what is still unspent here: what the
        // bucket owes for the requests that came
        let debt = lease.debt_at_grant - elapsed.as_micros() as i64 - lease.tokens * lease.t;
        Take::Spent(gcra::decision(policy, true, debt, 0))
    }

    /// Adds `tokens` Redis granted to the bucket's lease; `debt_after` is
    /// the bucket's debt in Redis with them spent. A lease already held
    /// takes them in and lives on from now.
    pub fn grant(
        &self,
        bucket: &str,
        (t, tau): (i64, i64),
        tokens: i64,
        debt_after: i64,
        now: Instant,
    ) {
        let mut map = self.held.of(bucket);
        let lease = map.entry(bucket.to_string()).or_insert(Lease {
            granted: 0,
            tokens: 0,
            t,
            tau,
            debt_at_grant: 0,
            at: now,
        });
        lease.granted += tokens;
        lease.tokens += tokens;
        lease.debt_at_grant = debt_after;
        lease.at = now;
    }

    /// Removes every lease that is spent or expired, to report.
    pub fn ended(&self, now: Instant) -> Vec<Report> {
        let mut reports = Vec::new();
        for mut map in self.held.each() {
            map.retain(|bucket, lease| {
                if lease.tokens > 0 && now.saturating_duration_since(lease.at) < self.ttl {
                    return true;
                }
                reports.push(Report {
                    bucket: bucket.clone(),
                    t: lease.t,
                    tau: lease.tau,
                    ended: lease.ended(),
                });
                false
            });
        }
        reports
    }
}

impl Lease {
    fn ended(&self) -> Ended {
        Ended {
            granted: self.granted,
            spent: self.granted - self.tokens,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLICY: Policy = Policy {
        requests: 1000,
        per_secs: 100,
    };

    fn leases(ttl_ms: u64) -> (Leases, (i64, i64)) {
        let l = Leases::new(64, Duration::from_millis(ttl_ms));
        (l, gcra::params(&POLICY))
    }

    #[test]
    fn leased_tokens_answer_as_if_each_request_was_counted() {
        let (leases, (t, tau)) = leases(100);
        let start = Instant::now();
        // Redis passed 1 check and leased 10 more: 11 counted as spent
        leases.grant("b", (t, tau), 10, 11 * t, start);
        for spent in 1..=10 {
            let Take::Spent(d) = leases.take("b", &POLICY, start) else {
                panic!("token {spent} is leased");
            };
            assert!(d.allowed);
            // the quota less the check Redis counted and those spent here
            assert_eq!(d.remaining, 1000 - 1 - spent);
        }
        // spent: the next check reports it, and then there is none
        let ended = Ended {
            granted: 10,
            spent: 10,
        };
        assert_eq!(leases.take("b", &POLICY, start), Take::Ended(ended));
        assert_eq!(leases.take("b", &POLICY, start), Take::None);
    }

    #[test]
    fn time_since_the_grant_refills_what_the_headers_say() {
        let (leases, (t, tau)) = leases(500);
        let start = Instant::now();
        leases.grant("b", (t, tau), 5, 6 * t, start);
        // one emission interval (100 ms) later, one token has come back
        let later = start + Duration::from_micros(t as u64);
        let Take::Spent(d) = leases.take("b", &POLICY, later) else {
            panic!("leased");
        };
        assert_eq!(d.remaining, 1000 - 2 + 1);
    }

    #[test]
    fn a_lease_ends_when_it_expires_or_is_spent() {
        let (leases, (t, tau)) = leases(100);
        let ttl = leases.ttl();
        let start = Instant::now();
        leases.grant("a", (t, tau), 8, 9 * t, start);
        leases.grant("b", (t, tau), 8, 9 * t, start);
        leases.grant("c", (t, tau), 1, 2 * t, start);
        assert!(matches!(leases.take("a", &POLICY, start), Take::Spent(_)));
        assert!(matches!(leases.take("c", &POLICY, start), Take::Spent(_)));
        // at a check after expiry, which reports it
        let ended = Ended {
            granted: 8,
            spent: 1,
        };
        assert_eq!(leases.take("a", &POLICY, start + ttl), Take::Ended(ended));
        assert_eq!(leases.take("a", &POLICY, start + ttl), Take::None);
        // or by the sweep: at once when spent, at expiry otherwise
        let report = |bucket: &str, granted, spent| Report {
            bucket: bucket.into(),
            t,
            tau,
            ended: Ended { granted, spent },
        };
        assert_eq!(leases.ended(start), vec![report("c", 1, 1)]);
        assert_eq!(leases.ended(start + ttl), vec![report("b", 8, 0)]);
        assert!(leases.ended(start + ttl).is_empty());
    }

    #[test]
    fn a_new_grant_joins_the_lease_and_restarts_its_clock() {
        let (leases, (t, tau)) = leases(100);
        let ttl = leases.ttl();
        let start = Instant::now();
        leases.grant("b", (t, tau), 2, 3 * t, start);
        assert!(matches!(leases.take("b", &POLICY, start), Take::Spent(_)));
        leases.grant("b", (t, tau), 4, 8 * t, start + ttl / 2);
        for _ in 0..5 {
            let take = leases.take("b", &POLICY, start + ttl);
            assert!(matches!(take, Take::Spent(_)), "{take:?}");
        }
        let ended = Ended {
            granted: 6,
            spent: 6,
        };
        assert_eq!(leases.take("b", &POLICY, start + ttl), Take::Ended(ended));
    }
}

use crate::settings::Policy;

/// The answer for one request, with what the `RateLimit-*` headers say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decision {
    pub allowed: bool,
    pub limit: u32,
    pub remaining: u32,
    /// Seconds until the full quota is back.
    pub reset_secs: u64,
    /// Seconds until a request would pass (0 when allowed).
    pub retry_after_secs: u64,
}

/// GCRA parameters in microseconds: the emission interval (one request's
/// cost) and the burst tolerance (the whole quota).
pub fn params(p: &Policy) -> (i64, i64) {
    let tau = (p.per_secs as i64) * 1_000_000;
    let t = (tau / p.requests as i64).max(1);
    (t, t * p.requests as i64)
}

/// One GCRA step, the same arithmetic as the Redis script: `tat` is the
/// stored theoretical arrival time. Returns the new `tat` to store when the
/// request is allowed.
pub fn step(now: i64, tat: Option<i64>, p: &Policy) -> (Decision, Option<i64>) {
    let (t, tau) = params(p);
    let tat = tat.unwrap_or(now).max(now);
    let new_tat = tat + t;
    let allow_at = new_tat - tau;
    if now < allow_at {
        (decision(p, false, tat - now, allow_at - now), None)
    } else {
        (decision(p, true, new_tat - now, 0), Some(new_tat))
    }
}

/// The answer for the `nth` (from 0) of a bucket's checks counted together,
/// from how many of them `passed` and the bucket's debt (`tat - now`) before
/// them, as `(allowed, debt, wait)` in the units `decision` takes. The same
/// as that many `step`s in a row: the first `passed` go through, each adding
/// `t` to the debt; the rest are refused against the debt they left.
pub fn counted_together(
    passed: i64,
    debt_before: i64,
    t: i64,
    tau: i64,
    nth: i64,
) -> (i64, i64, i64) {
    if nth < passed {
        (1, debt_before + (nth + 1) * t, 0)
    } else {
        let debt = debt_before + passed * t;
        (0, debt, debt + t - tau)
    }
}

/// The headers' numbers from the time the quota is in debt (`tat - now`)
/// and the wait for the next allowed request, both in microseconds.
pub fn decision(p: &Policy, allowed: bool, debt_us: i64, wait_us: i64) -> Decision {
    let (t, tau) = params(p);
    let remaining = if allowed {
        ((tau - debt_us).max(0) / t) as u32
    } else {
        0
    };
    Decision {
        allowed,
        limit: p.requests,
        remaining: remaining.min(p.requests),
        reset_secs: ceil_secs(debt_us),
        retry_after_secs: if allowed {
            0
        } else {
            ceil_secs(wait_us).max(1)
        },
    }
}

fn ceil_secs(us: i64) -> u64 {
    (us.max(0) as u64).div_ceil(1_000_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the Redis script computes for one bucket: how many of `n`
    /// checks pass, and the debt before them.
    fn script(now: i64, tat: Option<i64>, t: i64, tau: i64, n: i64) -> (i64, i64) {
        let tat = tat.unwrap_or(now).max(now);
        let passed = ((now + tau - t - tat).div_euclid(t) + 1).clamp(0, n);
        (passed, tat - now)
    }

    #[test]
    fn checks_counted_together_answer_as_steps_in_a_row() {
        let now = 5_000_000_000;
        for (requests, per_secs) in [(3, 60), (1, 1), (7, 10), (1000, 1)] {
            let p = Policy { requests, per_secs };
            let (t, tau) = params(&p);
            for start in [
                None,
                Some(now - 1),
                Some(now + t / 2),
                Some(now + tau - t),
                Some(now + tau + 5),
            ] {
                for n in [1, 2, 5, 12] {
                    let (passed, debt_before) = script(now, start, t, tau, n);
                    let mut tat = start;
                    for nth in 0..n {
                        let (one, next) = step(now, tat, &p);
                        let together = counted_together(passed, debt_before, t, tau, nth);
                        let (allowed, debt, wait) = together;
                        let seen = (start, n, nth);
                        assert_eq!(one, decision(&p, allowed == 1, debt, wait), "{seen:?}");
                        // and the raw numbers, before rounding to seconds
                        let at = tat.unwrap_or(now).max(now);
                        let raw = match next {
                            Some(new_tat) => (1, new_tat - now, 0),
                            None => (0, at - now, at + t - tau - now),
                        };
                        assert_eq!(together, raw, "{seen:?}");
                        tat = next.or(tat);
                    }
                }
            }
        }
    }

    #[test]
    fn burst_of_n_then_refused_then_refilled() {
        let p = Policy {
            requests: 3,
            per_secs: 60,
        };
        let mut tat = None;
        let now = 1_000_000_000;
        for left in [2, 1, 0] {
            let (d, new) = step(now, tat, &p);
            assert!(d.allowed);
            assert_eq!(d.remaining, left);
            tat = new;
        }
        let (d, new) = step(now, tat, &p);
        assert!(!d.allowed);
        assert!(new.is_none());
        assert_eq!(d.retry_after_secs, 20);
        assert_eq!(d.reset_secs, 60);
        // one emission interval later, exactly one more passes
        let (d, _) = step(now + 20_000_000, tat, &p);
        assert!(d.allowed);
        assert_eq!(d.remaining, 0);
    }
}

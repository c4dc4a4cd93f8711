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

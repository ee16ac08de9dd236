//! Slowing and then stopping repeated wrong passwords from one network
//! address, whatever accounts they try. (Each account also locks on its own
//! after a few wrong passwords: see `store::accounts`.)
//!
//! Kept in memory: one hub server per council is the expected shape, and a
//! restart forgetting the counts is harmless.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ThrottlePolicy {
    /// Failures are counted over this long.
    pub window: TimeDelta,
    /// From this many failures, each wrong answer is slowed down.
    pub slow_after: u32,
    /// The slowest a wrong answer gets.
    pub max_delay: Duration,
    /// At this many failures the address is refused for `window`.
    pub lock_after: u32,
}

impl Default for ThrottlePolicy {
    fn default() -> Self {
        ThrottlePolicy {
            window: TimeDelta::minutes(15),
            slow_after: 3,
            max_delay: Duration::from_secs(5),
            lock_after: 20,
        }
    }
}

#[derive(Clone, Copy, Debug)]
struct Failures {
    count: u32,
    since: DateTime<Utc>,
    locked_until: Option<DateTime<Utc>>,
}

#[derive(Debug, Default)]
pub struct SignInThrottle {
    policy: ThrottlePolicy,
    by_address: Mutex<HashMap<String, Failures>>,
}

impl SignInThrottle {
    pub fn new(policy: ThrottlePolicy) -> Self {
        SignInThrottle {
            policy,
            by_address: Mutex::new(HashMap::new()),
        }
    }

    /// When the address may try again, if it is locked out now.
    pub fn locked_until(&self, address: &str, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let map = self.by_address.lock().ok()?;
        map.get(address)
            .and_then(|f| f.locked_until)
            .filter(|until| *until > now)
    }

    /// Counts a wrong password from `address`; returns how long to wait before
    /// answering, and when the address is locked until if this locked it.
    pub fn failed(&self, address: &str, now: DateTime<Utc>) -> (Duration, Option<DateTime<Utc>>) {
        let Ok(mut map) = self.by_address.lock() else {
            return (self.policy.max_delay, None);
        };
        // Forget addresses whose window has passed, so the map cannot grow without end.
        map.retain(|_, f| now - f.since < self.policy.window || f.locked_until.is_some_and(|u| u > now));
        let entry = map.entry(address.to_owned()).or_insert(Failures {
            count: 0,
            since: now,
            locked_until: None,
        });
        entry.count += 1;
        if entry.count >= self.policy.lock_after {
            entry.locked_until = Some(now + self.policy.window);
        }
        let over = entry.count.saturating_sub(self.policy.slow_after.saturating_sub(1));
        let delay = Duration::from_secs(u64::from(over)).min(self.policy.max_delay);
        (delay, entry.locked_until)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn wrong_passwords_from_one_address_slow_down_then_lock() {
        let throttle = SignInThrottle::new(ThrottlePolicy::default());
        let t0 = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
        let delays: Vec<u64> = (0..6).map(|_| throttle.failed("192.0.2.1", t0).0.as_secs()).collect();
        assert_eq!(delays, vec![0, 0, 1, 2, 3, 4]);
        assert_eq!(throttle.locked_until("192.0.2.1", t0), None);
        for _ in 6..19 {
            assert_eq!(throttle.failed("192.0.2.1", t0).0.as_secs(), 5, "capped");
        }
        let (_, locked) = throttle.failed("192.0.2.1", t0);
        assert_eq!(locked, Some(t0 + TimeDelta::minutes(15)));
        assert_eq!(throttle.locked_until("192.0.2.1", t0 + TimeDelta::minutes(14)), locked);
        assert_eq!(throttle.locked_until("192.0.2.1", t0 + TimeDelta::minutes(16)), None);
        // Another address is not affected.
        assert_eq!(throttle.locked_until("198.51.100.7", t0), None);
        assert_eq!(throttle.failed("198.51.100.7", t0).0.as_secs(), 0);
    }

    #[test]
    fn counts_start_again_after_the_window() {
        let throttle = SignInThrottle::new(ThrottlePolicy::default());
        let t0 = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
        for _ in 0..5 {
            throttle.failed("192.0.2.1", t0);
        }
        let later = t0 + TimeDelta::minutes(16);
        assert_eq!(throttle.failed("192.0.2.1", later).0.as_secs(), 0);
    }
}

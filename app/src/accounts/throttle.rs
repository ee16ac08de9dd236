//! Slowing down repeated wrong passwords from one network address, whatever
//! accounts they try. A school or office signs in from one address, so the
//! address is never locked out: each wrong answer waits a little longer,
//! and past a limit the address may try once every few seconds. Whoever
//! types their own right password still signs in, after that short wait at
//! most. (Each account also locks after a few wrong passwords: see
//! `store::accounts`.)
//!
//! The counts are in the database, so every server instance sharing it
//! counts together; counting and taking a turn are atomic, so requests racing
//! each other are all counted and only one takes each turn. Server-only.

use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set, TransactionSession, TransactionTrait,
};

use crate::store::entities::sign_in_throttle as row;

/// Longer than a refusal takes on an ordinary day: an Argon2 check and a
/// few writes took about 50 ms (110 ms at the slowest) on two busy cores,
/// a locked account's about 20 ms more; the rest is room for checks queued
/// for a free core.
const ANSWER_FLOOR_MS: u64 = 400;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ThrottlePolicy {
    /// Failures are counted over this long.
    pub window: TimeDelta,
    /// From this many failures, each wrong answer is slowed down.
    pub slow_after: u32,
    /// The slowest a wrong answer gets.
    pub max_delay: Duration,
    /// From this many failures, the address may try once every `pace`.
    pub pace_after: u32,
    pub pace: Duration,
    /// The soonest a refused password is answered, from the request's start,
    /// so the answer takes as long whether the address has an account, the
    /// account is locked, or the password is wrong (the work differs).
    pub answer_floor: Duration,
}

impl Default for ThrottlePolicy {
    fn default() -> Self {
        ThrottlePolicy {
            window: TimeDelta::minutes(15),
            slow_after: 3,
            max_delay: Duration::from_secs(5),
            pace_after: 20,
            pace: Duration::from_secs(5),
            answer_floor: Duration::from_millis(ANSWER_FLOOR_MS),
        }
    }
}

impl ThrottlePolicy {
    /// How long to wait before answering the `failures`-th wrong password.
    pub fn delay(&self, failures: u32) -> Duration {
        let over = failures.saturating_sub(self.slow_after.saturating_sub(1));
        Duration::from_secs(u64::from(over)).min(self.max_delay)
    }
}

/// Whether a password from an address may be checked now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Turn {
    Go,
    /// The address has had many wrong passwords, and someone there tried a
    /// moment ago: wait this long.
    Wait(Duration),
}

#[derive(Debug, Default)]
pub struct SignInThrottle {
    policy: ThrottlePolicy,
}

impl SignInThrottle {
    pub fn new(policy: ThrottlePolicy) -> Self {
        SignInThrottle { policy }
    }

    /// Waits until the policy's `answer_floor` has passed since `started`.
    pub async fn answer_no_sooner(&self, started: tokio::time::Instant) {
        tokio::time::sleep_until(started + self.policy.answer_floor).await;
    }

    fn pace(&self) -> TimeDelta {
        TimeDelta::from_std(self.policy.pace).unwrap_or(TimeDelta::seconds(5))
    }

    fn pace_after(&self) -> i32 {
        i32::try_from(self.policy.pace_after).unwrap_or(i32::MAX)
    }

    /// Before a password from `address` is checked. An address past
    /// `pace_after` failures takes the next turn in one conditional update;
    /// if someone there took it within `pace`, the answer is how long to wait.
    ///
    /// # Errors
    /// A database error.
    pub async fn take_turn(&self, db: &impl ConnectionTrait, address: &str, now: DateTime<Utc>) -> Result<Turn, DbErr> {
        let window_start = now - self.policy.window;
        let claimed = row::Entity::update_many()
            .col_expr(row::Column::NextAttemptAt, Expr::value(Some(now + self.pace())))
            .filter(row::Column::Address.eq(address))
            .filter(row::Column::Since.gte(window_start))
            .filter(row::Column::Failures.gte(self.pace_after()))
            .filter(
                Condition::any()
                    .add(row::Column::NextAttemptAt.is_null())
                    .add(row::Column::NextAttemptAt.lte(now)),
            )
            .exec(db)
            .await?;
        if claimed.rows_affected == 1 {
            return Ok(Turn::Go);
        }
        let paced = row::Entity::find_by_id(address.to_owned())
            .one(db)
            .await?
            .filter(|r| r.since >= window_start && r.failures >= self.pace_after());
        let Some(paced) = paced else {
            return Ok(Turn::Go);
        };
        // Someone took the turn; if it has just passed, the next try gets one.
        let left = paced
            .next_attempt_at
            .and_then(|next| (next - now).to_std().ok())
            .unwrap_or_default();
        Ok(Turn::Wait(left.max(Duration::from_secs(1))))
    }

    /// Counts a wrong password from `address`; returns how long to wait
    /// before answering.
    ///
    /// # Errors
    /// A database error.
    pub async fn failed(
        &self,
        db: &(impl ConnectionTrait + TransactionTrait),
        address: &str,
        now: DateTime<Utc>,
    ) -> Result<Duration, DbErr> {
        let window_start = now - self.policy.window;
        let txn = db.begin().await?;
        // Forget addresses whose window has passed, so the table cannot grow without end.
        row::Entity::delete_many()
            .filter(row::Column::Since.lt(window_start))
            .filter(row::Column::Address.ne(address))
            .exec(&txn)
            .await?;
        let fresh = row::ActiveModel {
            address: Set(address.to_owned()),
            failures: Set(0),
            since: Set(now),
            next_attempt_at: Set(None),
        };
        row::Entity::insert(fresh)
            .on_conflict_do_nothing_on([row::Column::Address])
            .exec(&txn)
            .await?;
        // A count whose window has passed starts again.
        row::Entity::update_many()
            .col_expr(row::Column::Failures, Expr::value(0))
            .col_expr(row::Column::Since, Expr::value(now))
            .col_expr(row::Column::NextAttemptAt, Expr::value(Option::<DateTime<Utc>>::None))
            .filter(row::Column::Address.eq(address))
            .filter(row::Column::Since.lt(window_start))
            .exec(&txn)
            .await?;
        row::Entity::update_many()
            .col_expr(
                row::Column::Failures,
                Expr::col(row::Column::Failures).add(Expr::val(1)),
            )
            .filter(row::Column::Address.eq(address))
            .exec(&txn)
            .await?;
        let counted = row::Entity::find_by_id(address.to_owned()).one(&txn).await?;
        txn.commit().await?;
        let failures = counted.map_or(1, |r| u32::try_from(r.failures).unwrap_or(u32::MAX));
        Ok(self.policy.delay(failures))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::test_db::databases;
    use chrono::TimeZone;

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
    }

    #[tokio::test]
    async fn wrong_answers_slow_down_then_the_address_is_paced_never_locked() {
        for (engine, db) in databases().await {
            let throttle = SignInThrottle::new(ThrottlePolicy::default());
            let mut delays = Vec::new();
            for _ in 0..6 {
                delays.push(throttle.failed(&db, "192.0.2.1", t0()).await.unwrap().as_secs());
            }
            assert_eq!(delays, vec![0, 0, 1, 2, 3, 4], "{engine}");
            for _ in 6..20 {
                assert_eq!(
                    throttle.failed(&db, "192.0.2.1", t0()).await.unwrap().as_secs(),
                    5,
                    "{engine}: capped"
                );
            }
            // Twenty failures: one try every five seconds from here.
            let at = |s| t0() + TimeDelta::seconds(s);
            assert_eq!(
                throttle.take_turn(&db, "192.0.2.1", at(0)).await.unwrap(),
                Turn::Go,
                "{engine}"
            );
            assert_eq!(
                throttle.take_turn(&db, "192.0.2.1", at(2)).await.unwrap(),
                Turn::Wait(Duration::from_secs(3)),
                "{engine}"
            );
            assert_eq!(
                throttle.take_turn(&db, "192.0.2.1", at(5)).await.unwrap(),
                Turn::Go,
                "{engine}"
            );
            // Another address is not affected.
            assert_eq!(
                throttle.take_turn(&db, "198.51.100.7", at(5)).await.unwrap(),
                Turn::Go,
                "{engine}"
            );
            assert_eq!(
                throttle.take_turn(&db, "198.51.100.7", at(5)).await.unwrap(),
                Turn::Go,
                "{engine}"
            );
            // Once the window has passed, the address is no longer paced.
            let later = t0() + TimeDelta::minutes(16);
            assert_eq!(
                throttle.take_turn(&db, "192.0.2.1", later).await.unwrap(),
                Turn::Go,
                "{engine}"
            );
            assert_eq!(
                throttle.take_turn(&db, "192.0.2.1", later).await.unwrap(),
                Turn::Go,
                "{engine}"
            );
        }
    }

    #[tokio::test]
    async fn counts_start_again_after_the_window() {
        for (engine, db) in databases().await {
            let throttle = SignInThrottle::new(ThrottlePolicy::default());
            for _ in 0..5 {
                throttle.failed(&db, "192.0.2.1", t0()).await.unwrap();
            }
            let later = t0() + TimeDelta::minutes(16);
            assert_eq!(
                throttle.failed(&db, "192.0.2.1", later).await.unwrap().as_secs(),
                0,
                "{engine}"
            );
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn at_the_same_moment_every_failure_counts_and_one_try_takes_the_turn() {
        for (engine, db) in databases().await {
            let policy = ThrottlePolicy {
                pace_after: 10,
                ..ThrottlePolicy::default()
            };
            let throttle = std::sync::Arc::new(SignInThrottle::new(policy));
            let failures: Vec<_> = (0..10)
                .map(|_| {
                    let (db, throttle) = (db.clone(), throttle.clone());
                    tokio::spawn(async move { throttle.failed(&db, "192.0.2.9", t0()).await.unwrap() })
                })
                .collect();
            for failure in failures {
                failure.await.unwrap();
            }
            let tries: Vec<_> = (0..10)
                .map(|_| {
                    let (db, throttle) = (db.clone(), throttle.clone());
                    tokio::spawn(async move { throttle.take_turn(&db, "192.0.2.9", t0()).await.unwrap() })
                })
                .collect();
            let mut went = 0;
            for task in tries {
                if task.await.unwrap() == Turn::Go {
                    went += 1;
                }
            }
            assert_eq!(went, 1, "{engine}");
        }
    }
}

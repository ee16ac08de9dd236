//! Slowing and then stopping repeated wrong passwords from one network
//! address, whatever accounts they try. (Each account also locks on its own
//! after a few wrong passwords: see `store::accounts`.)
//!
//! The counts are in the database, so every server instance sharing it
//! counts together; counting is atomic, so requests racing each other are
//! all counted. Server-only.

use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set, TransactionSession, TransactionTrait,
};

use crate::store::entities::sign_in_throttle as row;

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

impl ThrottlePolicy {
    /// How long to wait before answering the `failures`-th wrong password.
    pub fn delay(&self, failures: u32) -> Duration {
        let over = failures.saturating_sub(self.slow_after.saturating_sub(1));
        Duration::from_secs(u64::from(over)).min(self.max_delay)
    }
}

#[derive(Debug, Default)]
pub struct SignInThrottle {
    policy: ThrottlePolicy,
}

impl SignInThrottle {
    pub fn new(policy: ThrottlePolicy) -> Self {
        SignInThrottle { policy }
    }

    /// When the address may try again, if it is locked out now.
    ///
    /// # Errors
    /// A database error.
    pub async fn locked_until(
        &self,
        db: &impl ConnectionTrait,
        address: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<DateTime<Utc>>, DbErr> {
        Ok(row::Entity::find_by_id(address.to_owned())
            .one(db)
            .await?
            .and_then(|r| r.locked_until)
            .filter(|until| *until > now))
    }

    /// Counts a wrong password from `address`; returns how long to wait before
    /// answering, and when the address is locked until if it is.
    ///
    /// # Errors
    /// A database error.
    pub async fn failed(
        &self,
        db: &(impl ConnectionTrait + TransactionTrait),
        address: &str,
        now: DateTime<Utc>,
    ) -> Result<(Duration, Option<DateTime<Utc>>), DbErr> {
        let window_start = now - self.policy.window;
        let not_locked = || {
            Condition::any()
                .add(row::Column::LockedUntil.is_null())
                .add(row::Column::LockedUntil.lte(now))
        };
        let txn = db.begin().await?;
        // Forget addresses whose window has passed, so the table cannot grow without end.
        row::Entity::delete_many()
            .filter(row::Column::Since.lt(window_start))
            .filter(row::Column::Address.ne(address))
            .filter(not_locked())
            .exec(&txn)
            .await?;
        let fresh = row::ActiveModel {
            address: Set(address.to_owned()),
            failures: Set(0),
            since: Set(now),
            locked_until: Set(None),
        };
        row::Entity::insert(fresh)
            .on_conflict_do_nothing_on([row::Column::Address])
            .exec(&txn)
            .await?;
        // A count whose window has passed starts again.
        row::Entity::update_many()
            .col_expr(row::Column::Failures, Expr::value(0))
            .col_expr(row::Column::Since, Expr::value(now))
            .col_expr(row::Column::LockedUntil, Expr::value(Option::<DateTime<Utc>>::None))
            .filter(row::Column::Address.eq(address))
            .filter(row::Column::Since.lt(window_start))
            .filter(not_locked())
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
        let lock_after = i32::try_from(self.policy.lock_after).unwrap_or(i32::MAX);
        row::Entity::update_many()
            .col_expr(row::Column::LockedUntil, Expr::value(now + self.policy.window))
            .filter(row::Column::Address.eq(address))
            .filter(row::Column::Failures.gte(lock_after))
            .filter(not_locked())
            .exec(&txn)
            .await?;
        let counted = row::Entity::find_by_id(address.to_owned()).one(&txn).await?;
        txn.commit().await?;
        let failures = counted
            .as_ref()
            .map_or(1, |r| u32::try_from(r.failures).unwrap_or(u32::MAX));
        let locked = counted.and_then(|r| r.locked_until).filter(|until| *until > now);
        Ok((self.policy.delay(failures), locked))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::test_db::databases;
    use chrono::TimeZone;

    #[tokio::test]
    async fn wrong_passwords_from_one_address_slow_down_then_lock() {
        for (engine, db) in databases().await {
            let throttle = SignInThrottle::new(ThrottlePolicy::default());
            let t0 = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
            let mut delays = Vec::new();
            for _ in 0..6 {
                delays.push(throttle.failed(&db, "192.0.2.1", t0).await.unwrap().0.as_secs());
            }
            assert_eq!(delays, vec![0, 0, 1, 2, 3, 4], "{engine}");
            assert_eq!(
                throttle.locked_until(&db, "192.0.2.1", t0).await.unwrap(),
                None,
                "{engine}"
            );
            for _ in 6..19 {
                assert_eq!(
                    throttle.failed(&db, "192.0.2.1", t0).await.unwrap().0.as_secs(),
                    5,
                    "{engine}: capped"
                );
            }
            let (_, locked) = throttle.failed(&db, "192.0.2.1", t0).await.unwrap();
            assert_eq!(locked, Some(t0 + TimeDelta::minutes(15)), "{engine}");
            let at = |m| t0 + TimeDelta::minutes(m);
            assert_eq!(
                throttle.locked_until(&db, "192.0.2.1", at(14)).await.unwrap(),
                locked,
                "{engine}"
            );
            assert_eq!(
                throttle.locked_until(&db, "192.0.2.1", at(16)).await.unwrap(),
                None,
                "{engine}"
            );
            // Another address is not affected.
            assert_eq!(
                throttle.locked_until(&db, "198.51.100.7", t0).await.unwrap(),
                None,
                "{engine}"
            );
            assert_eq!(
                throttle.failed(&db, "198.51.100.7", t0).await.unwrap().0.as_secs(),
                0,
                "{engine}"
            );
        }
    }

    #[tokio::test]
    async fn counts_start_again_after_the_window() {
        for (engine, db) in databases().await {
            let throttle = SignInThrottle::new(ThrottlePolicy::default());
            let t0 = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
            for _ in 0..5 {
                throttle.failed(&db, "192.0.2.1", t0).await.unwrap();
            }
            let later = t0 + TimeDelta::minutes(16);
            assert_eq!(
                throttle.failed(&db, "192.0.2.1", later).await.unwrap().0.as_secs(),
                0,
                "{engine}"
            );
        }
    }

    #[tokio::test]
    async fn wrong_passwords_at_the_same_moment_are_all_counted() {
        for (engine, db) in databases().await {
            let policy = ThrottlePolicy {
                lock_after: 10,
                ..ThrottlePolicy::default()
            };
            let throttle = std::sync::Arc::new(SignInThrottle::new(policy));
            let t0 = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
            let tasks: Vec<_> = (0..10)
                .map(|_| {
                    let (db, throttle) = (db.clone(), throttle.clone());
                    tokio::spawn(async move { throttle.failed(&db, "192.0.2.9", t0).await.unwrap() })
                })
                .collect();
            for task in tasks {
                task.await.unwrap();
            }
            assert!(
                throttle.locked_until(&db, "192.0.2.9", t0).await.unwrap().is_some(),
                "{engine}"
            );
        }
    }
}

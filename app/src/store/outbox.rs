//! The email outbox: emails are rows written in the same transaction as what
//! caused them, so an action and its emails are saved together or not at
//! all. A worker claims due emails (one worker each, however many server
//! instances share the database), sends them, and records the outcome.

use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, LockBehavior, LockType};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbBackend, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, TransactionSession, TransactionTrait,
};

use super::audit::in_england;
use super::entities::email_outbox::{self, EmailState};
use crate::domain::email::{EmailRecord, EmailStatus};
use crate::domain::ids::{CaseId, EmailId};
use crate::notify::mail::Email;

/// Attempts before an email is given up on and shown to administrators.
pub const MAX_ATTEMPTS: i32 = 8;

/// How long a worker may take to send what it claimed before another may.
const CLAIM: TimeDelta = TimeDelta::minutes(2);

/// The wait before attempt `attempts + 1`: 30 s, 1, 2, 4 … minutes, at most 2 hours.
pub fn backoff(attempts: i32) -> TimeDelta {
    let doubling = u32::try_from(attempts.clamp(1, 9) - 1).unwrap_or(0);
    (TimeDelta::seconds(30) * 2_i32.pow(doubling)).min(TimeDelta::hours(2))
}

/// Adds an email to send as soon as a worker can.
///
/// # Errors
/// A database error.
pub async fn enqueue(
    db: &impl ConnectionTrait,
    email: &Email,
    case: Option<CaseId>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    email_outbox::ActiveModel {
        to_address: Set(email.to.clone()),
        subject: Set(email.subject.clone()),
        body: Set(email.body.clone()),
        case_id: Set(case),
        state: Set(EmailState::Pending),
        attempts: Set(0),
        next_attempt_at: Set(now),
        claimed_by: Set(None),
        claimed_until: Set(None),
        last_error: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// An email a worker has claimed and must now send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Claimed {
    pub id: EmailId,
    pub email: Email,
    pub attempts: i32,
    /// When it was queued: with the id, it names the message for good.
    pub queued_at: DateTime<Utc>,
}

/// Claims up to `limit` emails that are due, for `worker`. On PostgreSQL the
/// rows are read `FOR UPDATE SKIP LOCKED`, so instances claiming at once
/// take different emails without waiting for each other; on both engines the
/// claim itself is conditional, so no email is ever claimed twice.
///
/// # Errors
/// A database error.
pub async fn claim_due(
    db: &(impl ConnectionTrait + TransactionTrait),
    worker: &str,
    limit: u64,
    now: DateTime<Utc>,
) -> Result<Vec<Claimed>, DbErr> {
    let unclaimed = || {
        Condition::any()
            .add(email_outbox::Column::ClaimedUntil.is_null())
            .add(email_outbox::Column::ClaimedUntil.lt(now))
    };
    let due = email_outbox::Entity::find()
        .filter(email_outbox::Column::State.eq(EmailState::Pending))
        .filter(email_outbox::Column::NextAttemptAt.lte(now))
        .filter(unclaimed())
        .order_by_asc(email_outbox::Column::NextAttemptAt)
        .order_by_asc(email_outbox::Column::Id)
        .limit(limit);
    // On SQLite each conditional claim commits on its own: a transaction that
    // reads and then writes can be refused while another writer holds the lock.
    let postgres = db.get_database_backend() == DbBackend::Postgres;
    let txn = if postgres { Some(db.begin().await?) } else { None };
    let rows = match &txn {
        Some(txn) => {
            due.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
                .all(txn)
                .await?
        }
        None => due.all(db).await?,
    };
    let mut claimed = Vec::new();
    for row in rows {
        let claim = email_outbox::Entity::update_many()
            .col_expr(email_outbox::Column::ClaimedBy, Expr::value(worker))
            .col_expr(email_outbox::Column::ClaimedUntil, Expr::value(now + CLAIM))
            .filter(email_outbox::Column::Id.eq(row.id))
            .filter(email_outbox::Column::State.eq(EmailState::Pending))
            .filter(unclaimed());
        let taken = match &txn {
            Some(txn) => claim.exec(txn).await?,
            None => claim.exec(db).await?,
        };
        if taken.rows_affected == 1 {
            claimed.push(Claimed {
                id: row.id,
                attempts: row.attempts,
                queued_at: row.created_at,
                email: Email {
                    to: row.to_address,
                    subject: row.subject,
                    body: row.body,
                },
            });
        }
    }
    if let Some(txn) = txn {
        txn.commit().await?;
    }
    Ok(claimed)
}

/// Records that a claimed email was handed to the mail server.
///
/// # Errors
/// A database error.
pub async fn mark_sent(db: &impl ConnectionTrait, id: EmailId, worker: &str, now: DateTime<Utc>) -> Result<(), DbErr> {
    email_outbox::Entity::update_many()
        .col_expr(email_outbox::Column::State, Expr::value(EmailState::Sent))
        .col_expr(email_outbox::Column::SentAt, Expr::value(now))
        .col_expr(
            email_outbox::Column::Attempts,
            Expr::col(email_outbox::Column::Attempts).add(Expr::val(1)),
        )
        .col_expr(
            email_outbox::Column::ClaimedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(email_outbox::Column::LastError, Expr::value(Option::<String>::None))
        .filter(email_outbox::Column::Id.eq(id))
        .filter(email_outbox::Column::ClaimedBy.eq(worker))
        .exec(db)
        .await?;
    Ok(())
}

/// Records a failed attempt: tried again after [`backoff`], or given up on
/// after [`MAX_ATTEMPTS`].
///
/// # Errors
/// A database error.
pub async fn mark_failed(
    db: &impl ConnectionTrait,
    claimed: &Claimed,
    worker: &str,
    error: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let attempts = claimed.attempts + 1;
    let state = if attempts >= MAX_ATTEMPTS {
        EmailState::Failed
    } else {
        EmailState::Pending
    };
    email_outbox::Entity::update_many()
        .col_expr(email_outbox::Column::State, Expr::value(state))
        .col_expr(email_outbox::Column::Attempts, Expr::value(attempts))
        .col_expr(
            email_outbox::Column::NextAttemptAt,
            Expr::value(now + backoff(attempts)),
        )
        .col_expr(
            email_outbox::Column::ClaimedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(
            email_outbox::Column::LastError,
            Expr::value(error.chars().take(500).collect::<String>()),
        )
        .filter(email_outbox::Column::Id.eq(claimed.id))
        .filter(email_outbox::Column::ClaimedBy.eq(worker))
        .exec(db)
        .await?;
    Ok(())
}

/// Emails not sent yet (failing or given up on) first, then the newest sent, at most `limit`.
///
/// # Errors
/// A database error.
pub async fn recent(db: &impl ConnectionTrait, limit: u64) -> Result<Vec<EmailRecord>, DbErr> {
    let unsent = email_outbox::Entity::find()
        .filter(email_outbox::Column::State.ne(EmailState::Sent))
        .order_by_desc(email_outbox::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    let sent = email_outbox::Entity::find()
        .filter(email_outbox::Column::State.eq(EmailState::Sent))
        .order_by_desc(email_outbox::Column::Id)
        .limit(limit.saturating_sub(unsent.len() as u64))
        .all(db)
        .await?;
    Ok(unsent
        .into_iter()
        .chain(sent)
        .map(|row| {
            let status = match row.state {
                EmailState::Pending => EmailStatus::Waiting,
                EmailState::Sent => EmailStatus::Sent,
                EmailState::Failed => EmailStatus::NotSent,
            };
            EmailRecord {
                id: row.id,
                to: row.to_address,
                subject: row.subject,
                case: row.case_id,
                status,
                attempts: row.attempts,
                last_error: row.last_error,
                queued: in_england(row.created_at),
                when: match status {
                    EmailStatus::Sent => row.sent_at.map(in_england),
                    EmailStatus::Waiting => Some(in_england(row.next_attempt_at)),
                    EmailStatus::NotSent => None,
                },
            }
        })
        .collect())
}

/// Puts an email that was given up on back in the queue, due now.
///
/// # Errors
/// A database error.
pub async fn send_again(db: &impl ConnectionTrait, id: EmailId, now: DateTime<Utc>) -> Result<bool, DbErr> {
    let changed = email_outbox::Entity::update_many()
        .col_expr(email_outbox::Column::State, Expr::value(EmailState::Pending))
        .col_expr(email_outbox::Column::Attempts, Expr::value(0))
        .col_expr(email_outbox::Column::NextAttemptAt, Expr::value(now))
        .filter(email_outbox::Column::Id.eq(id))
        .filter(email_outbox::Column::State.eq(EmailState::Failed))
        .exec(db)
        .await?;
    Ok(changed.rows_affected == 1)
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::store::test_db::databases;

    fn at(seconds: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 2, 9, 0, 0).unwrap() + TimeDelta::seconds(seconds)
    }

    fn email(to: &str) -> Email {
        Email {
            to: to.into(),
            subject: "Your sign-in code".into(),
            body: "Your sign-in code is 123456.\n".into(),
        }
    }

    #[test]
    fn retries_wait_longer_each_time_up_to_two_hours() {
        assert_eq!(backoff(1), TimeDelta::seconds(30));
        assert_eq!(backoff(2), TimeDelta::seconds(60));
        assert_eq!(backoff(4), TimeDelta::seconds(240));
        assert_eq!(backoff(20), TimeDelta::hours(2));
    }

    #[tokio::test]
    async fn each_email_is_claimed_by_one_worker_and_retried_until_it_is_sent() {
        for (engine, db) in databases().await {
            enqueue(&db, &email("a@example.org"), None, at(0)).await.unwrap();
            enqueue(&db, &email("b@example.org"), None, at(0)).await.unwrap();
            // Two workers claiming at once never take the same email.
            let (one, two) = tokio::join!(claim_due(&db, "one", 10, at(1)), claim_due(&db, "two", 10, at(1)));
            let (one, two) = (one.unwrap(), two.unwrap());
            assert_eq!(one.len() + two.len(), 2, "{engine}: {one:?} {two:?}");
            let mut claimed: Vec<_> = one.iter().chain(&two).map(|c| c.email.to.clone()).collect();
            claimed.sort();
            assert_eq!(claimed, ["a@example.org", "b@example.org"], "{engine}");
            // While claimed, nobody else takes them.
            assert!(claim_due(&db, "three", 10, at(2)).await.unwrap().is_empty(), "{engine}");

            let (mine, worker) = if one.is_empty() { (&two, "two") } else { (&one, "one") };
            for c in mine {
                mark_failed(&db, c, worker, "connection refused", at(3)).await.unwrap();
            }
            let others: Vec<_> = if one.is_empty() { one.clone() } else { two.clone() };
            let other_worker = if one.is_empty() { "one" } else { "two" };
            for c in &others {
                mark_sent(&db, c.id, other_worker, at(3)).await.unwrap();
            }
            // A failed email waits for its back-off, then comes back once.
            assert!(claim_due(&db, "one", 10, at(20)).await.unwrap().is_empty(), "{engine}");
            let again = claim_due(&db, "one", 10, at(40)).await.unwrap();
            assert_eq!(again.len(), mine.len(), "{engine}");
            assert!(again.iter().all(|c| c.attempts == 1), "{engine}");
            for c in &again {
                mark_sent(&db, c.id, "one", at(41)).await.unwrap();
            }
            assert!(
                claim_due(&db, "one", 10, at(10_000)).await.unwrap().is_empty(),
                "{engine}"
            );
            let log = recent(&db, 10).await.unwrap();
            assert!(
                log.iter()
                    .all(|e| e.status == EmailStatus::Sent && e.last_error.is_none()),
                "{engine}: {log:?}"
            );
        }
    }

    #[tokio::test]
    async fn a_worker_that_stops_mid_send_loses_its_claim() {
        for (engine, db) in databases().await {
            enqueue(&db, &email("a@example.org"), None, at(0)).await.unwrap();
            assert_eq!(claim_due(&db, "gone", 10, at(1)).await.unwrap().len(), 1, "{engine}");
            assert!(claim_due(&db, "next", 10, at(60)).await.unwrap().is_empty(), "{engine}");
            let taken = claim_due(&db, "next", 10, at(200)).await.unwrap();
            assert_eq!(taken.len(), 1, "{engine}");
            // The old worker's late answer no longer counts.
            mark_sent(&db, taken[0].id, "gone", at(201)).await.unwrap();
            assert_eq!(
                recent(&db, 10).await.unwrap()[0].status,
                EmailStatus::Waiting,
                "{engine}"
            );
        }
    }

    #[tokio::test]
    async fn an_email_is_given_up_on_after_the_last_attempt_and_can_be_sent_again() {
        for (engine, db) in databases().await {
            enqueue(&db, &email("a@example.org"), None, at(0)).await.unwrap();
            let mut now = at(0);
            for _ in 0..MAX_ATTEMPTS {
                now += TimeDelta::hours(3);
                let claimed = claim_due(&db, "w", 10, now).await.unwrap();
                assert_eq!(claimed.len(), 1, "{engine}");
                mark_failed(&db, &claimed[0], "w", "mailbox unavailable", now)
                    .await
                    .unwrap();
            }
            let log = recent(&db, 10).await.unwrap();
            assert_eq!(
                (log[0].status, log[0].attempts),
                (EmailStatus::NotSent, MAX_ATTEMPTS),
                "{engine}"
            );
            assert_eq!(log[0].last_error.as_deref(), Some("mailbox unavailable"), "{engine}");
            assert!(
                claim_due(&db, "w", 10, now + TimeDelta::days(1))
                    .await
                    .unwrap()
                    .is_empty(),
                "{engine}"
            );
            assert!(send_again(&db, log[0].id, now).await.unwrap(), "{engine}");
            assert_eq!(claim_due(&db, "w", 10, now).await.unwrap().len(), 1, "{engine}");
        }
    }
}

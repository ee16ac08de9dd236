//! Applying a [`CaseEvent`]: in the caller's transaction, the case's stage
//! and dates (checking the version the caller read, so a change made
//! meanwhile is detected, never overwritten), the audit row, and the emails
//! the event sends. Every stage change goes through here.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, TransactionTrait};

use super::cases::{self, PathwayDates};
use super::entities::ehc_case;
use crate::cases::types::CaseCreated;
use crate::domain::deadlines::{Milestones, TimeLimits, next_due, sort_key};
use crate::domain::ids::{CaseId, LocalAuthorityId};
use crate::domain::new_case::NewCase;
use crate::domain::stage::Stage;
use crate::domain::viewer::Viewer;
use crate::domain::workflow::{CaseEvent, Refused, transition};
use crate::notify::mail::Email;

/// Why an event was not applied.
#[derive(Debug)]
pub enum EventError {
    /// The case changed since the caller read it (or does not exist).
    Conflict,
    /// The workflow does not allow the event at the case's stage.
    Refused(Refused),
    Db(DbErr),
}

impl From<DbErr> for EventError {
    fn from(err: DbErr) -> Self {
        EventError::Db(err)
    }
}

impl From<EventError> for crate::error::AppError {
    fn from(err: EventError) -> Self {
        match err {
            EventError::Conflict => crate::error::AppError::Conflict,
            EventError::Refused(why) => {
                tracing::info!(reason = why.reason(), "case event refused");
                crate::error::AppError::Conflict
            }
            EventError::Db(err) => err.into(),
        }
    }
}

/// Who did it, and the council's time limits the next deadline is worked out by.
pub struct Actor<'a> {
    pub viewer: &'a Viewer,
    pub limits: &'a TimeLimits,
    pub now: DateTime<Utc>,
}

/// Opens a case for a registered request: the case, its first stage, the
/// audit row and any emails, all in `txn`.
///
/// # Errors
/// A database error.
pub async fn open(
    txn: &(impl ConnectionTrait + TransactionTrait),
    council: LocalAuthorityId,
    request: &NewCase,
    actor: &Actor<'_>,
    emails: Vec<Email>,
) -> Result<CaseCreated, EventError> {
    let event = CaseEvent::RequestRegistered;
    let step = transition(None, event).map_err(EventError::Refused)?;
    // A caseworker who registers a request holds the case.
    let holds = actor.viewer.role == crate::domain::role::Role::Caseworker;
    let created = cases::create(
        txn,
        council,
        request,
        step.stage,
        &PathwayDates {
            caseworker: holds.then_some(actor.viewer.account),
            ..PathwayDates::default()
        },
        actor.limits,
        actor.now,
    )
    .await?;
    record(txn, created.id, event, actor, &created.reference, emails).await?;
    Ok(created)
}

/// Applies `event` to a case whose version was `version` when the caller read it.
///
/// # Errors
/// `Conflict` when the case has changed since; `Refused` when the workflow
/// does not allow the event now; a database error.
pub async fn apply(
    txn: &impl ConnectionTrait,
    case: CaseId,
    version: i32,
    event: CaseEvent,
    actor: &Actor<'_>,
    detail: &str,
    emails: Vec<Email>,
) -> Result<Stage, EventError> {
    let row = ehc_case::Entity::find_by_id(case)
        .one(txn)
        .await?
        .ok_or(EventError::Conflict)?;
    if row.version != version && !event.keeps_stage() {
        return Err(EventError::Conflict);
    }
    // The caller holds the case's lock (`cases::lock`), so the row read is current.
    let version = row.version;
    let from = row.stage;
    let step = transition(Some(from), event).map_err(EventError::Refused)?;
    let kept = row.milestones();
    let milestones = Milestones {
        decided_to_assess: step.decided_to_assess_on.or(kept.decided_to_assess),
        decided_to_issue: step.decided_to_issue_on.or(kept.decided_to_issue),
        plan_issued: step.plan_issued_on.or(kept.plan_issued),
        // The first draft sent counts; later versions do not move it.
        draft_shared: kept.draft_shared.or(step.draft_shared_on),
        order: step.order.or(kept.order),
        ..kept
    };
    let due = next_due(step.stage, &milestones, actor.limits);
    // Conditional on the version read: of two requests racing, one wins.
    let moved = ehc_case::Entity::update_many()
        .col_expr(ehc_case::Column::Stage, Expr::value(step.stage))
        .col_expr(ehc_case::Column::Tray, Expr::value(step.stage.tray().as_str()))
        .col_expr(ehc_case::Column::DueKey, Expr::value(sort_key(due)))
        .col_expr(ehc_case::Column::PlanIssuedOn, Expr::value(milestones.plan_issued))
        .col_expr(
            ehc_case::Column::DecidedToAssessOn,
            Expr::value(milestones.decided_to_assess),
        )
        .col_expr(
            ehc_case::Column::DecidedToIssueOn,
            Expr::value(milestones.decided_to_issue),
        )
        .col_expr(ehc_case::Column::DraftSharedOn, Expr::value(milestones.draft_shared))
        .col_expr(ehc_case::Column::OrderedOn, Expr::value(milestones.order.map(|o| o.on)))
        .col_expr(
            ehc_case::Column::OrderedAbout,
            Expr::value(milestones.order.map(|o| o.about)),
        )
        .col_expr(ehc_case::Column::NextDeadlineOn, Expr::value(due))
        .col_expr(ehc_case::Column::Version, Expr::value(version + 1))
        .col_expr(ehc_case::Column::UpdatedAt, Expr::value(actor.now))
        .filter(ehc_case::Column::Id.eq(case))
        .filter(ehc_case::Column::Version.eq(version))
        .exec(txn)
        .await?;
    if moved.rows_affected != 1 {
        return Err(EventError::Conflict);
    }
    record(txn, case, event, actor, detail, emails).await?;
    Ok(step.stage)
}

/// The event's audit row and its emails.
async fn record(
    txn: &impl ConnectionTrait,
    case: CaseId,
    event: CaseEvent,
    actor: &Actor<'_>,
    detail: &str,
    emails: Vec<Email>,
) -> Result<(), DbErr> {
    super::audit::record(
        txn,
        Some(actor.viewer),
        event.audit_action(),
        Some(case),
        detail,
        actor.now,
    )
    .await?;
    for email in emails {
        super::outbox::enqueue(txn, &email, Some(case), actor.now).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, TimeZone};
    use sea_orm::{DatabaseConnection, TransactionTrait};

    use super::*;
    use crate::domain::audit::AuditFilter;
    use crate::domain::ids::AccountId;
    use crate::domain::requester::Requester;
    use crate::domain::role::Role;
    use crate::store::test_db::databases;
    use crate::store::{audit, councils, outbox};

    fn viewer(council: LocalAuthorityId) -> Viewer {
        Viewer {
            account: AccountId(0),
            name: "Sam".into(),
            email: "sam@example.org".into(),
            role: Role::Caseworker,
            council,
            team: None,
            authenticator: false,
        }
    }

    fn email(to: &str) -> Email {
        Email {
            to: to.into(),
            subject: "Final EHC plan issued".into(),
            body: "Sign in to read it.\n".into(),
        }
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
    }

    async fn opened(db: &DatabaseConnection, v: &Viewer) -> CaseCreated {
        let limits = TimeLimits::default();
        let actor = Actor {
            viewer: v,
            limits: &limits,
            now: Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap(),
        };
        let request = NewCase {
            first_name: "Łucja".into(),
            last_name: "Nowak".into(),
            date_of_birth: NaiveDate::from_ymd_opt(2018, 3, 1).unwrap(),
            setting: None,
            requested_by: Requester::Parent,
            received_on: day(1),
        };
        let txn = db.begin().await.unwrap();
        let created = open(&txn, v.council, &request, &actor, vec![]).await.unwrap();
        txn.commit().await.unwrap();
        created
    }

    #[tokio::test]
    async fn an_event_moves_the_stage_writes_the_audit_row_and_queues_its_emails_together() {
        for (engine, db) in databases().await {
            let council = councils::ensure(&db, "Test Council", "TC").await.unwrap();
            let v = viewer(council);
            let case = opened(&db, &v).await;
            let limits = TimeLimits::default();
            let actor = Actor {
                viewer: &v,
                limits: &limits,
                now: Utc.with_ymd_and_hms(2026, 12, 2, 9, 0, 0).unwrap(),
            };
            let record = cases::record(&db, case.id).await.unwrap().unwrap();
            assert_eq!(
                (record.heading.stage, record.version),
                (Stage::RequestReceived, 1),
                "{engine}"
            );

            // Rolled back: nothing of the event remains.
            let txn = db.begin().await.unwrap();
            apply(
                &txn,
                case.id,
                1,
                CaseEvent::DraftStarted,
                &actor,
                "Draft version 1",
                vec![email("a@example.org")],
            )
            .await
            .unwrap();
            txn.rollback().await.unwrap();
            assert_eq!(
                cases::record(&db, case.id).await.unwrap().unwrap().version,
                1,
                "{engine}"
            );
            assert!(outbox::recent(&db, 10).await.unwrap().is_empty(), "{engine}");

            // Committed: the stage, the audit row and the email, at once.
            let txn = db.begin().await.unwrap();
            let stage = apply(
                &txn,
                case.id,
                1,
                CaseEvent::PlanIssued { on: day(2) },
                &actor,
                "Final plan (version 1)",
                vec![email("a@example.org"), email("b@example.org")],
            )
            .await
            .unwrap();
            txn.commit().await.unwrap();
            assert_eq!(stage, Stage::ReviewPending, "{engine}");
            let after = cases::record(&db, case.id).await.unwrap().unwrap();
            assert_eq!(
                (after.heading.stage, after.version),
                (Stage::ReviewPending, 2),
                "{engine}"
            );
            let filter = AuditFilter {
                case: Some(case.id),
                ..AuditFilter::default()
            };
            let log = audit::search(&db, council, &filter, 10).await.unwrap();
            assert_eq!(
                log[0].action,
                Some(crate::domain::audit::AuditAction::PlanIssued),
                "{engine}"
            );
            assert_eq!(log[0].detail, "Final plan (version 1)", "{engine}");
            let queued = outbox::recent(&db, 10).await.unwrap();
            assert_eq!(queued.len(), 2, "{engine}");
            assert!(
                queued
                    .iter()
                    .all(|e| e.case == Some(case.id) && e.status == crate::domain::email::EmailStatus::Waiting),
                "{engine}"
            );
        }
    }

    #[tokio::test]
    async fn a_change_made_meanwhile_is_detected_not_overwritten() {
        for (engine, db) in databases().await {
            let council = councils::ensure(&db, "Test Council", "TC").await.unwrap();
            let v = viewer(council);
            let case = opened(&db, &v).await;
            let limits = TimeLimits::default();
            let actor = Actor {
                viewer: &v,
                limits: &limits,
                now: Utc.with_ymd_and_hms(2026, 12, 2, 9, 0, 0).unwrap(),
            };
            // Two people read version 1; the first to apply wins.
            apply(&db, case.id, 1, CaseEvent::DraftStarted, &actor, "", vec![])
                .await
                .unwrap();
            let late = apply(
                &db,
                case.id,
                1,
                CaseEvent::DraftShared { on: day(3) },
                &actor,
                "",
                vec![email("a@example.org")],
            )
            .await;
            assert!(matches!(late, Err(EventError::Conflict)), "{engine}: {late:?}");
            let now = cases::record(&db, case.id).await.unwrap().unwrap();
            assert_eq!(
                (now.heading.stage, now.version),
                (Stage::DraftBeingDrafted, 2),
                "{engine}"
            );
            assert!(outbox::recent(&db, 10).await.unwrap().is_empty(), "{engine}");
            // The workflow's refusals are refused here too.
            let again = apply(&db, case.id, 2, CaseEvent::RequestRegistered, &actor, "", vec![]).await;
            assert!(
                matches!(again, Err(EventError::Refused(Refused::AlreadyOpen))),
                "{engine}"
            );
            // Two professionals who read version 2 both submit: neither is refused,
            // as submitting never moves the stage; each still counts as a change.
            for _ in 0..2 {
                apply(&db, case.id, 2, CaseEvent::AdviceSubmitted, &actor, "", vec![])
                    .await
                    .unwrap();
            }
            let now = cases::record(&db, case.id).await.unwrap().unwrap();
            assert_eq!(
                (now.heading.stage, now.version),
                (Stage::DraftBeingDrafted, 4),
                "{engine}"
            );
        }
    }
}

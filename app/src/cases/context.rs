//! The one way to open a case for the person asking: every case page and
//! server function starts here, naming the capability it needs. A case the
//! person may not see answers exactly as one that does not exist. Server-only.

use chrono::{DateTime, Utc};

use sea_orm::{DatabaseTransaction, TransactionTrait};

use crate::domain::audit::AuditAction;
use crate::domain::capability::{Capability, CaseFacts, Terms, allows};
use crate::domain::case::CaseHeading;
use crate::domain::ids::CaseId;
use crate::domain::stage::Stage;
use crate::domain::viewer::Viewer;
use crate::domain::workflow::CaseEvent;
use crate::error::AppError;
use crate::notify::mail::Email;
use crate::state::{AppState, today};
use crate::store::case_events::Actor;

/// The signed-in person and a case they may see.
pub struct CaseContext {
    pub viewer: Viewer,
    pub state: AppState,
    pub case: CaseHeading,
    /// The case's version when it was opened: a stage change made meanwhile
    /// by someone else is detected when this request applies its own.
    pub version: i32,
    /// The day the plan in force (or the last one) was issued, if any.
    pub plan_issued_on: Option<chrono::NaiveDate>,
    facts: CaseFacts,
}

impl CaseContext {
    /// Opens a case for the person asking, who must have `capability` on it.
    ///
    /// # Errors
    /// `Unauthenticated` when nobody is signed in; `NotFound` for a case that
    /// does not exist or that they may not see; `Forbidden` when they may see
    /// it but not do this.
    pub async fn open(case: CaseId, capability: Capability) -> Result<CaseContext, AppError> {
        let viewer = crate::accounts::guard::require_viewer()?;
        Self::open_for(viewer, AppState::current()?, case, capability).await
    }

    /// As [`CaseContext::open`], for handlers that found the viewer themselves.
    ///
    /// # Errors
    /// As [`CaseContext::open`].
    pub async fn open_for(
        viewer: Viewer,
        state: AppState,
        case: CaseId,
        capability: Capability,
    ) -> Result<CaseContext, AppError> {
        let record = crate::store::cases::record(&state.db, case)
            .await?
            .ok_or(AppError::NotFound)?;
        let facts = crate::store::case_links::facts_of(&state.db, &viewer, &record).await?;
        let ctx = CaseContext {
            case: record.heading,
            version: record.version,
            plan_issued_on: record.plan_issued_on,
            viewer,
            state,
            facts,
        };
        if !ctx.may(Capability::ViewCase) {
            return Err(AppError::NotFound);
        }
        ctx.require(capability)?;
        Ok(ctx)
    }

    /// Whether the person may do `capability` on this case today.
    pub fn may(&self, capability: Capability) -> bool {
        let terms = Terms {
            today: today(),
            policy: &self.state.access,
        };
        allows(self.viewer.role, capability, Some(&self.facts), terms)
    }

    /// # Errors
    /// `Forbidden` when the person may not do `capability` on this case.
    pub fn require(&self, capability: Capability) -> Result<(), AppError> {
        if self.may(capability) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// Starts the transaction an event and what it changes are written in.
    ///
    /// # Errors
    /// A database error.
    pub async fn begin(&self) -> Result<DatabaseTransaction, AppError> {
        let txn = self.state.db.begin().await?;
        // Write first, so one case's events queue up (see `cases::lock`).
        crate::store::cases::lock(&txn, self.case.id).await?;
        Ok(txn)
    }

    /// Applies `event` to this case in `txn`, with its audit row and emails,
    /// if the case has not changed since it was opened.
    ///
    /// # Errors
    /// `Conflict` when it has, or the workflow does not allow the event now.
    pub async fn apply(
        &self,
        txn: &DatabaseTransaction,
        event: CaseEvent,
        detail: &str,
        emails: Vec<Email>,
    ) -> Result<Stage, AppError> {
        let actor = Actor {
            viewer: &self.viewer,
            limits: &self.state.limits,
            now: Utc::now(),
        };
        Ok(crate::store::case_events::apply(txn, self.case.id, self.version, event, &actor, detail, emails).await?)
    }

    /// Commits what an event changed, then wakes the email worker for its emails.
    ///
    /// # Errors
    /// A database error.
    pub async fn commit(&self, txn: DatabaseTransaction) -> Result<(), AppError> {
        txn.commit().await?;
        self.state.outbox.wake();
        Ok(())
    }

    /// Adds something the person did, that changes no stage, to the audit log.
    ///
    /// # Errors
    /// A database error.
    pub async fn record(&self, action: AuditAction, detail: &str, now: DateTime<Utc>) -> Result<(), AppError> {
        let row = crate::store::audit::row(Some(&self.viewer), action, Some(self.case.id), detail, now);
        self.state.audit.write(row).await?;
        Ok(())
    }
}

//! Who may do what with a case's plan, on top of who may see the case:
//! caseworkers and council administrators write and issue it; the rest of the
//! council reads every version; everyone else on the case reads only what
//! has been shared or issued. Server-only.

use chrono::{DateTime, Utc};

use crate::accounts::viewer::Viewer;
use crate::domain::audit::AuditAction;
use crate::domain::ids::{AccountId, CaseId};
use crate::domain::plan::version::VersionState;
use crate::domain::role::Role;
use crate::error::AppError;
use crate::plans::types::{ConsulteeView, PlanCase, VersionSummary};
use crate::state::{AppState, today};

/// The signed-in person and the case, once the case is known to be visible to them.
pub struct PlanContext {
    pub viewer: Viewer,
    pub state: AppState,
    pub case: PlanCase,
}

impl PlanContext {
    /// Opens a case for the person asking; a case they may not see answers as missing.
    pub async fn open(case: CaseId) -> Result<PlanContext, AppError> {
        let viewer = crate::accounts::guard::require_viewer()?;
        Self::open_for(viewer, AppState::current()?, case).await
    }

    /// As [`PlanContext::open`], for handlers that found the viewer themselves.
    pub async fn open_for(viewer: Viewer, state: AppState, case: CaseId) -> Result<PlanContext, AppError> {
        let detail = crate::store::cases::find(&state.db, &viewer, case, today(), &state.limits, &state.access)
            .await?
            .ok_or(AppError::NotFound)?;
        Ok(PlanContext {
            case: PlanCase {
                id: detail.id,
                reference: detail.reference,
                child_name: format!("{} {}", detail.first_name, detail.last_name),
                date_of_birth: detail.date_of_birth,
                stage: detail.stage,
            },
            viewer,
            state,
        })
    }

    /// Adds what the viewer did to this case to the audit log.
    pub async fn record(&self, action: AuditAction, detail: &str, now: DateTime<Utc>) -> Result<(), AppError> {
        crate::store::audit::record(
            &self.state.db,
            Some(&self.viewer),
            action,
            Some(self.case.id),
            detail,
            now,
        )
        .await?;
        Ok(())
    }

    /// Writing, sharing and issuing the plan.
    pub fn may_manage(&self) -> bool {
        may_manage(self.viewer.role)
    }

    /// # Errors
    /// `Forbidden` for anyone who may not write the plan.
    pub fn require_manager(&self) -> Result<(), AppError> {
        if self.may_manage() {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// Whether the viewer may read this version.
    pub fn may_read(&self, version: &VersionSummary) -> bool {
        self.viewer.role.is_council_staff() || version.state.is_published()
    }

    /// The versions the viewer may read, oldest first.
    pub async fn readable_versions(&self) -> Result<Vec<VersionSummary>, AppError> {
        let all = crate::store::plans::versions(&self.state.db, self.case.id).await?;
        Ok(all.into_iter().filter(|v| self.may_read(v)).collect())
    }

    /// The version numbered `number`, or the latest the viewer may read.
    ///
    /// # Errors
    /// `NotFound` when there is no such version, or the viewer may not read it.
    pub async fn version(&self, number: Option<i32>) -> Result<VersionSummary, AppError> {
        pick(&self.readable_versions().await?, number)
    }

    /// The draft being written, if there is one.
    pub async fn open_draft(&self) -> Result<Option<VersionSummary>, AppError> {
        let all = crate::store::plans::versions(&self.state.db, self.case.id).await?;
        Ok(all.into_iter().rev().find(|v| v.state == VersionState::Drafting))
    }
}

/// The version numbered `number` among those readable, or the latest of them.
///
/// # Errors
/// `NotFound` when there is no such version.
pub fn pick(readable: &[VersionSummary], number: Option<i32>) -> Result<VersionSummary, AppError> {
    match number {
        Some(n) => readable.iter().find(|v| v.number == n),
        None => readable.last(),
    }
    .copied()
    .ok_or(AppError::NotFound)
}

/// The viewer's place among the family consulted on a version, while they may
/// still respond to it: the draft is shared and they have not said they finished.
pub fn still_responding(
    state: VersionState,
    consultees: &[ConsulteeView],
    account: AccountId,
) -> Option<&ConsulteeView> {
    consultees
        .iter()
        .find(|c| state == VersionState::Shared && c.account == account && !c.completed)
}

pub fn may_manage(role: Role) -> bool {
    matches!(role, Role::Caseworker | Role::LaAdmin)
}

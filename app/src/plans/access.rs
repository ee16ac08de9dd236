//! Which versions of a case's plan the person may read: council staff read
//! every version; everyone else on the case reads only what has been shared
//! or issued (the capability table's `ReadUnsharedDraft`). Server-only.

use crate::cases::context::CaseContext;
use crate::domain::capability::Capability;
use crate::domain::ids::AccountId;
use crate::domain::plan::version::VersionState;
use crate::error::AppError;
use crate::plans::types::{ConsulteeView, VersionSummary};

impl CaseContext {
    /// Whether the viewer may read this version.
    pub fn may_read(&self, version: &VersionSummary) -> bool {
        version.state.is_published() || self.may(Capability::ReadUnsharedDraft)
    }

    /// The versions the viewer may read, oldest first.
    ///
    /// # Errors
    /// A database error.
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
    ///
    /// # Errors
    /// A database error.
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

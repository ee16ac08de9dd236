//! What the plan pages show, as sent from server functions to the browser.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::case::CaseHeading;
use crate::domain::ids::{AccountId, ConsultationId, PlanVersionId, TeamId};
use crate::domain::plan::checks::PlanIssue;
use crate::domain::plan::consultation::Answer;
use crate::domain::plan::content::PartContent;
use crate::domain::plan::part::{Part, PartStatus};
use crate::domain::plan::version::{VersionState, version_name};
use crate::domain::role::Role;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionSummary {
    pub id: PlanVersionId,
    pub number: i32,
    pub state: VersionState,
    pub shared_on: Option<NaiveDate>,
    pub issued_on: Option<NaiveDate>,
}

impl VersionSummary {
    pub fn name(&self) -> String {
        version_name(self.number, self.state)
    }
}

/// One part of a version, with who saved it last.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartView {
    pub part: Part,
    pub status: PartStatus,
    pub content: PartContent,
    pub revision: i32,
    /// "23 November 2026 at 14:05", Europe/London.
    pub saved_at: String,
    pub saved_by: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentView {
    pub part: Part,
    pub author: String,
    pub role: Option<Role>,
    pub when: String,
    pub body: String,
}

/// A parent, carer or young person asked to comment on a shared draft.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsulteeView {
    pub account: AccountId,
    pub name: String,
    pub role: Option<Role>,
    pub shared_on: NaiveDate,
    pub comment_by: NaiveDate,
    pub completed: bool,
    pub preferred_setting: Option<String>,
}

/// A setting asked whether it can meet the child's needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsultationView {
    pub id: ConsultationId,
    pub team: TeamId,
    pub setting: String,
    pub requested_on: NaiveDate,
    pub respond_by: NaiveDate,
    pub answer: Option<Answer>,
    pub reasons: Option<String>,
    pub answered_at: Option<String>,
}

/// A version of a plan with everything its page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanView {
    pub case: CaseHeading,
    pub versions: Vec<VersionSummary>,
    pub version: VersionSummary,
    pub parts: Vec<PartView>,
    pub comments: Vec<CommentView>,
    pub consultees: Vec<ConsulteeView>,
    pub consultations: Vec<ConsultationView>,
    /// The checks over the whole version.
    pub issues: Vec<PlanIssue>,
    /// What the draft does not yet cover of the advice, for the caseworker.
    pub advice_warnings: Vec<String>,
    pub may: Permissions,
    pub today: NaiveDate,
}

/// What the viewer may do with this version.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Permissions {
    /// Write the draft, share it, consult settings, issue the plan.
    pub manage: bool,
    /// Answer a consultation (a setting asked about this draft).
    pub answer_for: Option<TeamId>,
    /// The viewer's own place among the family consulted, while they may still
    /// respond: comment and name a preferred setting.
    pub own: Option<ConsulteeView>,
    /// See the settings consulted, their answers and letters: everyone on the case but the family.
    pub see_responses: bool,
}

impl PlanView {
    pub fn part(&self, part: Part) -> Option<&PartView> {
        self.parts.iter().find(|p| p.part == part)
    }
}

//! What the case pages show, as sent from server functions to the browser.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::audit::AuditEntry;
use crate::domain::deadlines::Deadline;
use crate::domain::ids::{CaseId, TeamId};
use crate::domain::requester::Requester;
use crate::domain::stage::{Stage, Tray};

/// How many cases one page of a tray shows.
pub const CASES_PER_PAGE: usize = 50;

/// Which cases a tray shows: the tray, the search typed, and the page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseFilter {
    pub tray: Tray,
    /// Words to find in the child's name or the case reference.
    pub search: String,
    /// From 1.
    pub page: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseListItem {
    pub id: CaseId,
    pub reference: String,
    pub child_name: String,
    pub stage: Stage,
    pub setting: Option<String>,
    pub next_deadline: Option<Deadline>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseList {
    pub items: Vec<CaseListItem>,
    /// Cases matching the filter, on every page.
    pub total: usize,
    pub page: usize,
    pub pages: usize,
}

/// The case summary page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseDetail {
    pub id: CaseId,
    pub reference: String,
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: NaiveDate,
    pub stage: Stage,
    pub setting: Option<String>,
    pub requested_by: Requester,
    pub received_on: NaiveDate,
    pub timeline: Vec<Deadline>,
    /// When each request for advice or information is due, for those who may see them.
    pub advice_due: Vec<AdviceDue>,
    /// The day the timeline was worked out for.
    pub today: NaiveDate,
    /// The latest version of the plan the viewer may read, if any.
    pub plan: Option<crate::plans::types::VersionSummary>,
    /// What only council staff see; `None` for everyone else.
    pub staff: Option<StaffView>,
    /// The dates reached on the pathway.
    pub milestones: crate::domain::deadlines::Milestones,
    /// What else shows how far the case has come (requests made, a plan started).
    pub progress: crate::domain::pathway::Progress,
    /// Exceptions to the time limits recorded on the case.
    pub exceptions: Vec<crate::domain::exception::CaseException>,
    /// The decisions made, for those who may read them.
    pub decisions: Vec<crate::domain::decision::RecordedDecision>,
    /// What is due next, in words.
    pub next_due: Option<String>,
    /// Deadlines at risk, for those who run the case.
    pub risks: Vec<String>,
    /// Whether the viewer may record the decisions.
    pub may_decide: bool,
    /// Whether the viewer may record an exception.
    pub may_record_exception: bool,
}

/// A request's due date on the case's timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdviceDue {
    /// "Advice from Educational Psychology Service".
    pub label: String,
    pub due: NaiveDate,
    pub status: crate::domain::deadlines::DeadlineStatus,
}

/// The parts of a case page for council staff.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffView {
    /// The case's activity from the audit log, newest first.
    pub activity: Vec<AuditEntry>,
    /// Who besides council staff may see the case.
    pub people: Vec<crate::domain::case::CasePerson>,
    /// Whether the viewer may change the case (and give access to it).
    pub manageable: bool,
}

/// A choice in the "current setting" list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingOption {
    pub id: TeamId,
    pub name: String,
}

/// What registering a request returns: where to go next.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseCreated {
    pub id: CaseId,
    pub reference: String,
}

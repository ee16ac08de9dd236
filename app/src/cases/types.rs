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

/// Whose cases a tray shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Scope {
    /// The person's own: a caseworker's the cases they hold. The default for
    /// caseworkers.
    Mine,
    /// Every case the person may see: for council staff, the council's.
    #[default]
    Everyone,
    /// The council's cases no caseworker holds yet (requests made online).
    AwaitingAllocation,
}

impl Scope {
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Mine => "mine",
            Scope::Everyone => "all",
            Scope::AwaitingAllocation => "unallocated",
        }
    }

    pub fn parse(s: &str) -> Option<Scope> {
        match s {
            "mine" => Some(Scope::Mine),
            "all" => Some(Scope::Everyone),
            "unallocated" => Some(Scope::AwaitingAllocation),
            _ => None,
        }
    }
}

/// Deadlines to narrow a tray to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum DueFilter {
    #[default]
    Any,
    /// The next deadline falls within the warning period.
    Soon,
    /// The next deadline has passed.
    Overdue,
}

impl DueFilter {
    pub fn as_str(self) -> &'static str {
        match self {
            DueFilter::Any => "",
            DueFilter::Soon => "soon",
            DueFilter::Overdue => "overdue",
        }
    }

    pub fn parse(s: &str) -> DueFilter {
        match s {
            "soon" => DueFilter::Soon,
            "overdue" => DueFilter::Overdue,
            _ => DueFilter::Any,
        }
    }
}

/// Where a page of a tray starts or ends: its segment (the tray's open cases,
/// then its closed ones when they are included), and the sort key and
/// reference of the case at the edge.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor {
    pub segment: u8,
    pub due: NaiveDate,
    pub reference: String,
}

impl Cursor {
    /// As it travels in the address: `0.2026-12-14.DC-000123`.
    pub fn encode(&self) -> String {
        format!("{}.{}.{}", self.segment, self.due.format("%Y-%m-%d"), self.reference)
    }

    pub fn decode(s: &str) -> Option<Cursor> {
        let mut parts = s.splitn(3, '.');
        let segment = parts.next()?.parse().ok()?;
        let due = NaiveDate::parse_from_str(parts.next()?, "%Y-%m-%d").ok()?;
        let reference = parts.next()?.to_owned();
        Some(Cursor {
            segment,
            due,
            reference,
        })
    }
}

/// Which cases a tray shows: the tray, whose, the filters and the search,
/// and which page. Every part travels in the page address, so a filtered
/// tray survives a reload and can be shared.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CaseFilter {
    pub tray: Tray,
    /// `None`: the default for the person (their own cases for a caseworker).
    pub scope: Option<Scope>,
    pub stage: Option<Stage>,
    pub setting: Option<TeamId>,
    pub due: DueFilter,
    /// Closed cases follow the tray's own.
    pub include_closed: bool,
    /// Words to find in the child's name or the case reference.
    pub search: String,
    /// From 1; shown, and used with the cursors below.
    pub page: usize,
    /// The page after this case.
    pub after: Option<Cursor>,
    /// The page before this case.
    pub before: Option<Cursor>,
}

impl CaseFilter {
    /// Whether anything narrows the tray (the search apart).
    pub fn narrowed(&self) -> bool {
        self.stage.is_some() || self.setting.is_some() || self.due != DueFilter::Any || self.include_closed
    }
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
    /// Whose cases were shown (the person's default when none was asked for).
    pub scope: Scope,
    /// Whether the person may choose between their own cases and the council's.
    pub may_choose_scope: bool,
    /// Whether the cases are the person's team's: a team manager's, the
    /// cases their team was asked for advice on.
    pub team: bool,
    /// The settings to filter by.
    pub settings: Vec<SettingOption>,
    /// Where the next and previous pages start.
    pub next: Option<Cursor>,
    pub previous: Option<Cursor>,
    /// The button at the top: registering a request (council staff) or
    /// requesting an assessment (families and professionals), its address and words.
    pub start: Option<(String, String)>,
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
    /// Whether the viewer keeps the details for the SEN2 return.
    pub may_keep_return_details: bool,
    /// May record that the plan has ceased (or read how it did).
    #[serde(default)]
    pub may_cease: bool,
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
    /// The caseworker who holds the case, and whom it could go to.
    pub holder: crate::cases::allocation::Holder,
    /// The viewer's own account, offered first for a case awaiting allocation.
    pub me: crate::domain::ids::AccountId,
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

//! The DfE's SEN2 return: which cases a collection year reports, what it
//! says of each (the request, the assessment, the plan named and the plans
//! active on the census day), and which cases cannot be reported until a
//! detail is recorded. Pure: the store gathers [`CaseFacts`], the exports
//! write the XML.
//!
//! A collection year `Y` covers requests, decisions and plans from 1 January
//! to 31 December of `Y - 1`, and the plans in force on its reference date,
//! the third Thursday of January `Y` (the spring school census day).
//!
//! What the hub does not yet keep is left out rather than guessed: personal
//! budgets, residential and work-based placements, a second placement,
//! ceased plans and their reasons (they come with the annual review), the
//! review outcomes and phase transfers.

pub mod codes;
pub mod details;

use chrono::{Datelike, NaiveDate, TimeDelta, Weekday};
use serde::{Deserialize, Serialize};

use self::codes::{Ethnicity, NeedType, Sex, UpnUnknown};
use crate::domain::cease::CeaseReason;
use crate::domain::dates::age_on;
use crate::domain::ids::CaseId;
use crate::domain::requester::Requester;

/// One year's return.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Collection {
    pub year: i32,
}

impl Collection {
    /// The return being gathered on `today`: the one whose year of activity
    /// is this calendar year.
    pub fn gathering(today: NaiveDate) -> Collection {
        Collection { year: today.year() + 1 }
    }

    /// The census day the active plans are counted on: the third Thursday
    /// of January.
    pub fn reference_date(self) -> NaiveDate {
        let first = NaiveDate::from_ymd_opt(self.year, 1, 1).unwrap_or_default();
        let to_thursday = (7 + Weekday::Thu.num_days_from_monday() - first.weekday().num_days_from_monday()) % 7;
        first + TimeDelta::days(i64::from(to_thursday) + 14)
    }

    /// The first and last day of the activity the return reports.
    pub fn period(self) -> (NaiveDate, NaiveDate) {
        (
            NaiveDate::from_ymd_opt(self.year - 1, 1, 1).unwrap_or_default(),
            NaiveDate::from_ymd_opt(self.year - 1, 12, 31).unwrap_or_default(),
        )
    }
}

/// A decision as the return needs it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DecisionFacts {
    pub agreed: bool,
    pub on: NaiveDate,
    pub mediation: bool,
    pub appeal: bool,
}

/// What the hub keeps about one case, for the return.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseFacts {
    pub case: CaseId,
    pub reference: String,
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: NaiveDate,
    pub sex: Option<Sex>,
    pub ethnicity: Option<Ethnicity>,
    pub upn: Option<String>,
    pub upn_unknown: Option<UpnUnknown>,
    pub requested_by: Requester,
    pub received_on: NaiveDate,
    pub assess: Option<DecisionFacts>,
    pub issue: Option<DecisionFacts>,
    pub plan_issued_on: Option<NaiveDate>,
    pub last_reviewed_on: Option<NaiveDate>,
    pub closed: bool,
    /// When and why the plan ceased, if it has.
    pub ceased: Option<(NaiveDate, CeaseReason)>,
    /// An exception to the time limits was recorded on the case.
    pub excepted: bool,
    pub has_setting: bool,
    pub setting_urn: Option<String>,
    pub primary_need: Option<NeedType>,
    pub secondary_need: Option<NeedType>,
}

/// An outcome as SEN2 codes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Yes, on this day.
    Yes(NaiveDate),
    /// No, on this day.
    No(NaiveDate),
    /// Not decided yet.
    Awaiting,
    /// The case closed before a decision.
    Withdrawn,
    /// Decided before the year the return reports.
    Historical,
}

impl Outcome {
    pub fn code(self) -> &'static str {
        match self {
            Outcome::Yes(_) => "Y",
            Outcome::No(_) => "N",
            Outcome::Awaiting => "A",
            Outcome::Withdrawn => "W",
            Outcome::Historical => "H",
        }
    }

    pub fn date(self) -> Option<NaiveDate> {
        match self {
            Outcome::Yes(day) | Outcome::No(day) => Some(day),
            Outcome::Awaiting | Outcome::Withdrawn | Outcome::Historical => None,
        }
    }
}

/// Mediation and appeal about a decision, reported once it is made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Challenged {
    pub mediation: bool,
    pub appeal: bool,
}

/// Module 2: the request, and what became of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestRecord {
    pub received_on: NaiveDate,
    pub source: &'static str,
    /// The young person was 19 or over when the request was made.
    pub aged_19_to_25: bool,
    pub outcome: Outcome,
    pub challenged: Option<Challenged>,
    pub assessment: Option<AssessmentRecord>,
    pub active_plan: Option<ActivePlan>,
}

/// Module 3 (and 4, the plan it named).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AssessmentRecord {
    pub outcome: Outcome,
    pub challenged: Option<Challenged>,
    /// Whether an exception to the 20 weeks applied (for a decision made).
    pub exceptions_apply: Option<bool>,
    /// The plan issued in the year, or one that ceased in it.
    pub named_plan: Option<NamedPlan>,
}

/// Module 4: a plan issued (or ceased) in the year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NamedPlan {
    pub start: NaiveDate,
    /// The URN of the setting it names.
    pub urn: String,
    /// When and why it ceased, if it did in the year.
    pub ceased: Option<(NaiveDate, CeaseReason)>,
}

/// Module 5: a plan in force on the census day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActivePlan {
    pub urn: String,
    pub needs: Vec<NeedType>,
    pub last_review: Option<NaiveDate>,
}

/// Module 1: one child or young person, and their request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    pub case: CaseId,
    pub surname: String,
    pub forename: String,
    pub birth: NaiveDate,
    pub sex: Sex,
    pub ethnicity: Ethnicity,
    pub upn: Result<String, UpnUnknown>,
    pub request: RequestRecord,
}

/// A detail a case needs before it can be reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Missing {
    Sex,
    Ethnicity,
    Upn,
    Setting,
    SettingUrn,
    PrimaryNeed,
}

impl Missing {
    pub fn label(self) -> &'static str {
        match self {
            Missing::Sex => "Sex",
            Missing::Ethnicity => "Ethnicity",
            Missing::Upn => "Unique pupil number, or why there is none",
            Missing::Setting => "The school or setting",
            Missing::SettingUrn => "The setting's URN (on the Teams page)",
            Missing::PrimaryNeed => "Primary type of need",
        }
    }

    /// Whether the detail is kept on the case (else on the setting).
    pub fn on_the_case(self) -> bool {
        !matches!(self, Missing::SettingUrn)
    }
}

/// A case the year's return should report but cannot yet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Incomplete {
    pub case: CaseId,
    pub reference: String,
    pub name: String,
    pub missing: Vec<Missing>,
}

/// The cases a return reports, and those it cannot until a detail is kept.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Gathered {
    pub persons: Vec<Person>,
    pub incomplete: Vec<Incomplete>,
}

/// Sorts each case into the return, the incomplete list, or neither (a case
/// the year does not touch).
pub fn gather(collection: Collection, cases: Vec<CaseFacts>) -> Gathered {
    let mut gathered = Gathered::default();
    for facts in cases {
        let Some(request) = request_record(collection, &facts) else {
            continue;
        };
        let mut missing = Vec::new();
        if facts.sex.is_none() {
            missing.push(Missing::Sex);
        }
        if facts.ethnicity.is_none() {
            missing.push(Missing::Ethnicity);
        }
        let upn = facts.upn.clone().map(Ok).or(facts.upn_unknown.map(Err));
        if upn.is_none() {
            missing.push(Missing::Upn);
        }
        let names_a_setting = request.active_plan.is_some()
            || request
                .assessment
                .as_ref()
                .is_some_and(|a| matches!(a.outcome, Outcome::Yes(_)));
        if names_a_setting && !facts.has_setting {
            missing.push(Missing::Setting);
        } else if names_a_setting && facts.setting_urn.is_none() {
            missing.push(Missing::SettingUrn);
        }
        if request.active_plan.is_some() && facts.primary_need.is_none() {
            missing.push(Missing::PrimaryNeed);
        }
        match (facts.sex, facts.ethnicity, upn, missing.is_empty()) {
            (Some(sex), Some(ethnicity), Some(upn), true) => gathered.persons.push(Person {
                case: facts.case,
                surname: facts.last_name,
                forename: facts.first_name,
                birth: facts.date_of_birth,
                sex,
                ethnicity,
                upn,
                request,
            }),
            _ => gathered.incomplete.push(Incomplete {
                case: facts.case,
                reference: facts.reference,
                name: format!("{} {}", facts.first_name, facts.last_name),
                missing,
            }),
        }
    }
    gathered
}

/// What the return says of the case's request, or `None` when the year does
/// not touch it.
fn request_record(collection: Collection, facts: &CaseFacts) -> Option<RequestRecord> {
    let (first, last) = collection.period();
    let census = collection.reference_date();
    if facts.received_on > last {
        return None;
    }
    let in_year = |day: NaiveDate| (first..=last).contains(&day);
    // In force on the census day: issued by then, and not ceased by then.
    let plan_active = facts.plan_issued_on.is_some_and(|day| day <= census)
        && facts.ceased.map_or(!facts.closed, |(on, _)| on > census);
    let assess = facts.assess.filter(|d| d.on <= last);
    let touched = in_year(facts.received_on)
        || assess.is_some_and(|d| in_year(d.on))
        || facts.issue.is_some_and(|d| in_year(d.on))
        || facts.plan_issued_on.is_some_and(in_year)
        || facts.ceased.is_some_and(|(on, _)| in_year(on))
        || (assess.is_none() && !facts.closed)
        || plan_active;
    if !touched {
        return None;
    }
    let outcome = decided(assess, first, facts.closed);
    // A refusal to assess overturned on appeal stays the council's decision
    // (with its appeal), and the assessment the tribunal ordered follows it:
    // a refused case that went on was reopened.
    let overturned =
        matches!(outcome, Outcome::No(_)) && (!facts.closed || facts.issue.is_some() || facts.plan_issued_on.is_some());
    let assessment = (matches!(outcome, Outcome::Yes(_) | Outcome::Historical) || overturned)
        .then(|| assessment(facts, first, last));
    let active_plan = plan_active.then(|| ActivePlan {
        urn: facts.setting_urn.clone().unwrap_or_default(),
        needs: facts.primary_need.into_iter().chain(facts.secondary_need).collect(),
        last_review: facts.last_reviewed_on.filter(|day| *day <= census),
    });
    Some(RequestRecord {
        received_on: facts.received_on,
        source: codes::request_source(facts.requested_by),
        aged_19_to_25: age_on(facts.date_of_birth, facts.received_on) >= 19,
        outcome,
        challenged: outcome.date().and(assess).map(|d| Challenged {
            mediation: d.mediation,
            appeal: d.appeal,
        }),
        assessment,
        active_plan,
    })
}

fn assessment(facts: &CaseFacts, first: NaiveDate, last: NaiveDate) -> AssessmentRecord {
    let issue = facts.issue.filter(|d| d.on <= last);
    let outcome = match (facts.plan_issued_on.filter(|day| *day <= last), issue) {
        (Some(day), _) if day < first => Outcome::Historical,
        (Some(day), _) => Outcome::Yes(day),
        (None, Some(d)) if !d.agreed && d.on < first => Outcome::Historical,
        (None, Some(d)) if !d.agreed => Outcome::No(d.on),
        (None, _) if facts.closed => Outcome::Withdrawn,
        (None, _) => Outcome::Awaiting,
    };
    let decided = outcome.date().is_some();
    AssessmentRecord {
        outcome,
        challenged: issue.filter(|_| decided).map(|d| Challenged {
            mediation: d.mediation,
            appeal: d.appeal,
        }),
        exceptions_apply: decided.then_some(facts.excepted),
        named_plan: named_plan(facts, outcome, first, last),
    }
}

/// The plan module 4 reports: issued in the year, or issued before it and
/// ceased in it.
fn named_plan(facts: &CaseFacts, outcome: Outcome, first: NaiveDate, last: NaiveDate) -> Option<NamedPlan> {
    let ceased = facts.ceased.filter(|(on, _)| (first..=last).contains(on));
    let start = match outcome {
        Outcome::Yes(day) => Some(day),
        Outcome::Historical => facts.plan_issued_on.filter(|_| ceased.is_some()),
        Outcome::No(_) | Outcome::Awaiting | Outcome::Withdrawn => None,
    }?;
    Some(NamedPlan {
        start,
        urn: facts.setting_urn.clone().unwrap_or_default(),
        ceased,
    })
}

fn decided(assess: Option<DecisionFacts>, first: NaiveDate, closed: bool) -> Outcome {
    match assess {
        Some(d) if d.on < first => Outcome::Historical,
        Some(d) if d.agreed => Outcome::Yes(d.on),
        Some(d) => Outcome::No(d.on),
        None if closed => Outcome::Withdrawn,
        None => Outcome::Awaiting,
    }
}

#[cfg(test)]
mod tests;

//! The council's figures: how many of a year's plans, decisions and advice
//! met their time limits, counted as the law and the DfE's SEN2 return count
//! them (plans within 20 weeks with and without exception cases), which
//! cases were late, and the cases at risk now. Pure: the store reads the
//! rows, these rules count them.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::ids::CaseId;
use super::stage::Stage;

/// A case as a figure links to it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseRef {
    pub id: CaseId,
    pub reference: String,
    pub child_name: String,
}

/// Something with a time limit: when it was due, when it was done.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timed {
    pub case: CaseRef,
    pub due: NaiveDate,
    pub done: NaiveDate,
    /// An exception to the time limit was recorded on the case.
    pub excepted: bool,
}

/// How many were done in time, and which were not.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Measure {
    pub total: usize,
    pub in_time: usize,
    /// The cases done late, oldest first.
    pub late: Vec<CaseRef>,
}

impl Measure {
    /// Counts those done in `year`.
    pub fn of<'a>(items: impl IntoIterator<Item = &'a Timed>, year: i32) -> Measure {
        let mut m = Measure::default();
        for t in items.into_iter().filter(|t| t.done.year() == year) {
            m.total += 1;
            if t.done <= t.due {
                m.in_time += 1;
            } else {
                m.late.push(t.case.clone());
            }
        }
        m
    }

    /// The share in time, in whole per cent; none of none is no figure.
    pub fn percent(&self) -> Option<u32> {
        (self.total > 0).then(|| u32::try_from(self.in_time * 100 / self.total).unwrap_or(100))
    }

    /// "46 of 100 (46%)", or "None this year".
    pub fn describe(&self) -> String {
        match self.percent() {
            Some(p) => format!("{} of {} ({p}%)", self.in_time, self.total),
            None => "None this year".to_owned(),
        }
    }
}

/// A team's advice returned in a year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamAdvice {
    pub team: String,
    pub returned: Measure,
}

/// Cases at risk now at one stage.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AtRisk {
    pub stage: Stage,
    pub overdue: usize,
    pub due_soon: usize,
}

/// Plans issued in each month of the year, in time and late.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Month {
    pub in_time: usize,
    pub late: usize,
}

/// Everything the compliance page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figures {
    pub year: i32,
    /// New plans issued within 20 weeks, all of them.
    pub plans: Measure,
    /// The same, leaving out cases with an exception (SEN2's headline figure).
    pub plans_without_exceptions: Measure,
    pub decided_to_assess: Measure,
    pub decided_to_issue: Measure,
    pub advice: Vec<TeamAdvice>,
    pub at_risk: Vec<AtRisk>,
    pub reviews_overdue: usize,
    pub months: [Month; 12],
}

/// Plans by month of issue.
pub fn months(plans: &[Timed], year: i32) -> [Month; 12] {
    let mut months = [Month::default(); 12];
    for t in plans.iter().filter(|t| t.done.year() == year) {
        let month = &mut months[t.done.month0() as usize];
        if t.done <= t.due {
            month.in_time += 1;
        } else {
            month.late += 1;
        }
    }
    months
}

/// Plans counted with exceptions and without (SEN2 leaves exception cases out of its headline).
pub fn plans(plans: &[Timed], year: i32) -> (Measure, Measure) {
    let all = Measure::of(plans, year);
    let without = Measure::of(plans.iter().filter(|t| !t.excepted), year);
    (all, without)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn timed(n: i64, due: NaiveDate, done: NaiveDate, excepted: bool) -> Timed {
        Timed {
            case: CaseRef {
                id: CaseId(n),
                reference: format!("DC-{n:06}"),
                child_name: "Test".into(),
            },
            due,
            done,
            excepted,
        }
    }

    #[test]
    fn plans_are_counted_with_and_without_exception_cases() {
        let due = day(2026, 5, 1);
        let rows = [
            timed(1, due, day(2026, 4, 30), false),
            timed(2, due, day(2026, 5, 1), false),
            timed(3, due, day(2026, 5, 2), false),
            timed(4, due, day(2026, 6, 20), true),
            // Issued the year before: not this year's.
            timed(5, day(2025, 12, 1), day(2025, 12, 1), false),
        ];
        let (all, without) = plans(&rows, 2026);
        assert_eq!((all.total, all.in_time, all.percent()), (4, 2, Some(50)));
        assert_eq!(all.late.iter().map(|c| c.id.0).collect::<Vec<_>>(), [3, 4]);
        assert_eq!((without.total, without.in_time, without.percent()), (3, 2, Some(66)));
        assert_eq!(without.describe(), "2 of 3 (66%)");
        assert_eq!(Measure::of(&[], 2026).describe(), "None this year");
        let by_month = months(&rows, 2026);
        assert_eq!(by_month[3], Month { in_time: 1, late: 0 });
        assert_eq!(by_month[4], Month { in_time: 1, late: 1 });
        assert_eq!(by_month[5], Month { in_time: 0, late: 1 });
    }
}

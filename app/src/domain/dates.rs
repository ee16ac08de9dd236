//! Dates as people type them (day, month and year boxes) and as they read them
//! ("3 March 2026").

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// The three boxes of a GOV.UK date input, kept as typed so nothing is lost
/// when the form is shown again with an error.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DateParts {
    pub day: String,
    pub month: String,
    pub year: String,
}

/// Which part of a date is wrong, so the message can say so and the error
/// summary can link to the right box.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateProblem {
    Empty,
    MissingDay,
    MissingMonth,
    MissingYear,
    /// Letters, a 2-digit year, or a day that the month does not have.
    NotReal,
}

impl DateProblem {
    /// The box the error summary should move focus to.
    pub fn part(self) -> &'static str {
        match self {
            DateProblem::MissingMonth => "month",
            DateProblem::MissingYear => "year",
            _ => "day",
        }
    }
}

impl DateParts {
    pub fn new(day: &str, month: &str, year: &str) -> Self {
        DateParts {
            day: day.to_owned(),
            month: month.to_owned(),
            year: year.to_owned(),
        }
    }

    pub fn from_date(date: NaiveDate) -> Self {
        DateParts {
            day: date.day().to_string(),
            month: date.month().to_string(),
            year: date.year().to_string(),
        }
    }

    /// Reads the date. Months may be typed as numbers or names ("3", "Mar", "march").
    ///
    /// # Errors
    /// Says which part is missing, or that the date does not exist.
    pub fn parse(&self) -> Result<NaiveDate, DateProblem> {
        let (d, m, y) = (self.day.trim(), self.month.trim(), self.year.trim());
        match (d.is_empty(), m.is_empty(), y.is_empty()) {
            (true, true, true) => return Err(DateProblem::Empty),
            (true, _, _) => return Err(DateProblem::MissingDay),
            (_, true, _) => return Err(DateProblem::MissingMonth),
            (_, _, true) => return Err(DateProblem::MissingYear),
            _ => {}
        }
        let day: u32 = d.parse().map_err(|_| DateProblem::NotReal)?;
        let month = parse_month(m).ok_or(DateProblem::NotReal)?;
        if y.len() != 4 {
            return Err(DateProblem::NotReal);
        }
        let year: i32 = y.parse().map_err(|_| DateProblem::NotReal)?;
        NaiveDate::from_ymd_opt(year, month, day).ok_or(DateProblem::NotReal)
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn parse_month(m: &str) -> Option<u32> {
    if let Ok(n) = m.parse::<u32>() {
        return (1..=12).contains(&n).then_some(n);
    }
    let lower = m.to_lowercase();
    if lower.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|name| name.to_lowercase().starts_with(&lower))
        .and_then(|i| u32::try_from(i + 1).ok())
}

/// "3 March 2026", the GOV.UK style for dates in text.
pub fn long_date(date: NaiveDate) -> String {
    let month = MONTHS.get(date.month0() as usize).copied().unwrap_or_default();
    format!("{} {} {}", date.day(), month, date.year())
}

/// Whole years between a birth date and a day, as people count age.
pub fn age_on(birth: NaiveDate, day: NaiveDate) -> i32 {
    let mut years = day.year() - birth.year();
    if (day.month(), day.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    years
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn reads_dates_as_people_type_them() {
        let cases = [
            (("3", "3", "2026"), Ok(d(2026, 3, 3))),
            ((" 03 ", "03", "2026"), Ok(d(2026, 3, 3))),
            (("3", "Mar", "2026"), Ok(d(2026, 3, 3))),
            (("3", "march", "2026"), Ok(d(2026, 3, 3))),
            (("29", "2", "2024"), Ok(d(2024, 2, 29))),
            (("29", "2", "2025"), Err(DateProblem::NotReal)),
            (("31", "4", "2026"), Err(DateProblem::NotReal)),
            (("1", "13", "2026"), Err(DateProblem::NotReal)),
            (("1", "ma", "2026"), Err(DateProblem::NotReal)),
            (("1", "1", "26"), Err(DateProblem::NotReal)),
            (("x", "1", "2026"), Err(DateProblem::NotReal)),
            (("", "", ""), Err(DateProblem::Empty)),
            (("", "1", "2026"), Err(DateProblem::MissingDay)),
            (("1", "", "2026"), Err(DateProblem::MissingMonth)),
            (("1", "1", " "), Err(DateProblem::MissingYear)),
        ];
        for ((day, month, year), want) in cases {
            assert_eq!(DateParts::new(day, month, year).parse(), want, "{day}/{month}/{year}");
        }
    }

    #[test]
    fn writes_dates_in_gov_uk_style() {
        assert_eq!(long_date(d(2026, 3, 3)), "3 March 2026");
        assert_eq!(long_date(d(2025, 12, 25)), "25 December 2025");
    }

    #[test]
    fn counts_age_in_whole_years() {
        assert_eq!(age_on(d(2015, 6, 10), d(2026, 6, 9)), 10);
        assert_eq!(age_on(d(2015, 6, 10), d(2026, 6, 10)), 11);
        assert_eq!(age_on(d(2000, 2, 29), d(2026, 2, 28)), 25);
    }

    #[test]
    fn round_trips_a_date_through_the_boxes() {
        let date = d(2019, 11, 5);
        assert_eq!(DateParts::from_date(date).parse(), Ok(date));
    }
}

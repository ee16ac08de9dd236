//! Reads what the council's figures are counted from: the year's plans and
//! decisions with their cases' exceptions, the advice returned to the
//! council, and the cases at risk now. Each read is bounded by the council
//! and (for the year's figures) by the dates in the year; the counts of
//! cases at risk come from the trays' index.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate, TimeDelta};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, JoinType, QueryFilter, QuerySelect, RelationTrait,
};

use super::entities::{account, advice_request, child, ehc_case, team};
use crate::domain::advice::{RequestKind, RequestStatus};
use crate::domain::deadlines::TimeLimits;
use crate::domain::figures::{AtRisk, CaseRef, Figures, Measure, TeamAdvice, Timed, months, plans};
use crate::domain::ids::{AccountId, CaseId, LocalAuthorityId, TeamId};
use crate::domain::stage::{Stage, Tray};

#[derive(Debug, sea_orm::FromQueryResult)]
struct YearRow {
    id: CaseId,
    reference: String,
    request_received_on: NaiveDate,
    decided_to_assess_on: Option<NaiveDate>,
    decided_to_issue_on: Option<NaiveDate>,
    plan_issued_on: Option<NaiveDate>,
    first_name: String,
    last_name: String,
}

fn weeks(day: NaiveDate, weeks: u32) -> NaiveDate {
    day + TimeDelta::days(i64::from(weeks) * 7)
}

/// The council's figures for `year`, and the cases at risk on `today`.
///
/// # Errors
/// A database error.
pub async fn council(
    db: &impl ConnectionTrait,
    council: LocalAuthorityId,
    year: i32,
    today: NaiveDate,
    limits: &TimeLimits,
) -> Result<Figures, DbErr> {
    let (first, last) = (
        NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(today),
        NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(today),
    );
    let in_year = |column: ehc_case::Column| column.between(first, last);
    let rows: Vec<YearRow> = ehc_case::Entity::find()
        .select_only()
        .columns([
            ehc_case::Column::Id,
            ehc_case::Column::Reference,
            ehc_case::Column::RequestReceivedOn,
            ehc_case::Column::DecidedToAssessOn,
            ehc_case::Column::DecidedToIssueOn,
            ehc_case::Column::PlanIssuedOn,
        ])
        .column(child::Column::FirstName)
        .column(child::Column::LastName)
        .join(JoinType::InnerJoin, ehc_case::Relation::Child.def())
        .filter(ehc_case::Column::LocalAuthorityId.eq(council))
        .filter(
            Condition::any()
                .add(in_year(ehc_case::Column::PlanIssuedOn))
                .add(in_year(ehc_case::Column::DecidedToAssessOn))
                .add(in_year(ehc_case::Column::DecidedToIssueOn)),
        )
        .into_model()
        .all(db)
        .await?;
    let ids: Vec<CaseId> = rows.iter().map(|r| r.id).collect();
    let exceptions = super::decisions::exceptions_of(db, &ids).await?;
    let excepted = |case: CaseId, due: NaiveDate, done: NaiveDate| {
        exceptions
            .get(&case)
            .is_some_and(|all| all.iter().any(|e| e.excuses(due, Some(done))))
    };
    let timed = |row: &YearRow, due: NaiveDate, done: Option<NaiveDate>| {
        done.map(|done| Timed {
            case: CaseRef {
                id: row.id,
                reference: row.reference.clone(),
                child_name: format!("{} {}", row.first_name, row.last_name),
            },
            due,
            done,
            excepted: excepted(row.id, due, done),
        })
    };
    let mut issued = Vec::new();
    let mut assessed = Vec::new();
    let mut decided = Vec::new();
    for row in &rows {
        let received = row.request_received_on;
        issued.extend(timed(row, weeks(received, limits.final_plan_weeks), row.plan_issued_on));
        assessed.extend(timed(
            row,
            weeks(received, limits.decide_to_assess_weeks),
            row.decided_to_assess_on,
        ));
        decided.extend(timed(
            row,
            weeks(received, limits.decide_to_issue_weeks),
            row.decided_to_issue_on,
        ));
    }
    let (all_plans, without_exceptions) = plans(&issued, year);
    Ok(Figures {
        year,
        months: months(&issued, year),
        plans: all_plans,
        plans_without_exceptions: without_exceptions,
        decided_to_assess: Measure::of(&assessed, year),
        decided_to_issue: Measure::of(&decided, year),
        advice: advice(db, council, year).await?,
        at_risk: at_risk(db, council, today, limits).await?,
        reviews_overdue: count_overdue(db, council, Tray::Live, today).await?,
    })
}

/// Advice returned in `year`, by the team asked (a named professional counts
/// with their team).
async fn advice(db: &impl ConnectionTrait, council: LocalAuthorityId, year: i32) -> Result<Vec<TeamAdvice>, DbErr> {
    let requests = advice_request::Entity::find()
        .join(
            JoinType::InnerJoin,
            advice_request::Entity::belongs_to(ehc_case::Entity)
                .from(advice_request::Column::CaseId)
                .to(ehc_case::Column::Id)
                .into(),
        )
        .filter(ehc_case::Column::LocalAuthorityId.eq(council))
        .filter(advice_request::Column::Kind.eq(RequestKind::Advice))
        .filter(advice_request::Column::AllocatedFrom.is_null())
        .filter(advice_request::Column::Status.eq(RequestStatus::Submitted))
        .all(db)
        .await?;
    let people: Vec<AccountId> = requests.iter().filter_map(|r| r.account_id).collect();
    let teams_of: HashMap<AccountId, Option<TeamId>> = account::Entity::find()
        .filter(account::Column::Id.is_in(people))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.team_id))
        .collect();
    let names: HashMap<TeamId, String> = team::Entity::find()
        .filter(team::Column::LocalAuthorityId.eq(council))
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.id, t.name))
        .collect();
    let mut by_team: HashMap<String, Vec<Timed>> = HashMap::new();
    for r in requests {
        let team = r
            .team_id
            .or_else(|| r.account_id.and_then(|a| teams_of.get(&a).copied().flatten()));
        let name = team
            .and_then(|t| names.get(&t).cloned())
            .unwrap_or_else(|| "Named professionals".to_owned());
        let done = r.updated_at.with_timezone(&chrono_tz::Europe::London).date_naive();
        by_team.entry(name).or_default().push(Timed {
            case: CaseRef {
                id: r.case_id,
                reference: String::new(),
                child_name: String::new(),
            },
            due: r.due_on,
            done,
            excepted: false,
        });
    }
    let mut teams: Vec<TeamAdvice> = by_team
        .into_iter()
        .map(|(team, timed)| TeamAdvice {
            team,
            returned: Measure::of(&timed, year),
        })
        .filter(|t| t.returned.total > 0)
        .collect();
    teams.sort_by(|a, b| a.team.cmp(&b.team));
    Ok(teams)
}

/// Cases in progress whose next deadline has passed or falls within the
/// warning period, by stage.
async fn at_risk(
    db: &impl ConnectionTrait,
    council: LocalAuthorityId,
    today: NaiveDate,
    limits: &TimeLimits,
) -> Result<Vec<AtRisk>, DbErr> {
    let soon_until = today + TimeDelta::days(i64::from(limits.due_soon_days));
    let by_stage = |from: Option<NaiveDate>, to: NaiveDate| async move {
        let mut select = ehc_case::Entity::find()
            .select_only()
            .column(ehc_case::Column::Stage)
            .column_as(ehc_case::Column::Id.count(), "n")
            .filter(ehc_case::Column::LocalAuthorityId.eq(council))
            .filter(ehc_case::Column::Tray.eq(Tray::InProgress.as_str()))
            .filter(ehc_case::Column::DueKey.lte(to));
        if let Some(from) = from {
            select = select.filter(ehc_case::Column::DueKey.gte(from));
        }
        let counted: Vec<(Stage, i64)> = select.group_by(ehc_case::Column::Stage).into_tuple().all(db).await?;
        Ok::<_, DbErr>(counted)
    };
    let overdue = by_stage(None, today - TimeDelta::days(1)).await?;
    let soon = by_stage(Some(today), soon_until).await?;
    let found = |list: &[(Stage, i64)], stage: Stage| {
        list.iter()
            .find(|(s, _)| *s == stage)
            .map_or(0, |(_, n)| usize::try_from(*n).unwrap_or(0))
    };
    Ok(Tray::InProgress
        .stages()
        .into_iter()
        .map(|stage| AtRisk {
            stage,
            overdue: found(&overdue, stage),
            due_soon: found(&soon, stage),
        })
        .collect())
}

/// Cases of a tray whose next deadline has passed.
async fn count_overdue(
    db: &impl ConnectionTrait,
    council: LocalAuthorityId,
    tray: Tray,
    today: NaiveDate,
) -> Result<usize, DbErr> {
    use sea_orm::PaginatorTrait;
    let n = ehc_case::Entity::find()
        .filter(ehc_case::Column::LocalAuthorityId.eq(council))
        .filter(ehc_case::Column::Tray.eq(tray.as_str()))
        .filter(ehc_case::Column::DueKey.lt(today))
        .count(db)
        .await?;
    Ok(usize::try_from(n).unwrap_or(0))
}

/// The year of `today`, for the page's default.
pub fn this_year(today: NaiveDate) -> i32 {
    today.year()
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::domain::exception::{ExceptionKind, NewException};
    use crate::domain::new_case::NewCase;
    use crate::domain::requester::Requester;
    use crate::domain::role::Role;
    use crate::store::cases::{PathwayDates, create};
    use crate::store::test_db::databases;
    use crate::store::{accounts, councils};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[tokio::test]
    async fn a_years_plans_and_decisions_are_counted_with_the_cases_behind_them() {
        for (engine, db) in databases().await {
            let now = Utc.with_ymd_and_hms(2026, 12, 3, 9, 0, 0).unwrap();
            let limits = TimeLimits::default();
            let council = councils::ensure(&db, "Test Council", "TC").await.unwrap();
            let other = councils::ensure(&db, "Other Council", "OT").await.unwrap();
            let sam = accounts::create(&db, council, "sam@tc.test", "Sam", Role::Caseworker, None, None, now)
                .await
                .unwrap();
            // (council, received, decided to assess, plan issued, stage)
            let cases = [
                // In time: issued 19 weeks after the request.
                (
                    council,
                    day(2026, 1, 5),
                    Some(day(2026, 2, 9)),
                    Some(day(2026, 5, 18)),
                    Stage::ReviewPending,
                ),
                // Late: 22 weeks, and assessed in week 7.
                (
                    council,
                    day(2026, 2, 2),
                    Some(day(2026, 3, 23)),
                    Some(day(2026, 7, 6)),
                    Stage::ReviewPending,
                ),
                // Late too, but with an exception: left out of the SEN2 figure.
                (
                    council,
                    day(2026, 3, 2),
                    Some(day(2026, 4, 6)),
                    Some(day(2026, 8, 3)),
                    Stage::ReviewPending,
                ),
                // Issued last year: not this year's.
                (
                    council,
                    day(2025, 6, 2),
                    Some(day(2025, 7, 7)),
                    Some(day(2025, 10, 13)),
                    Stage::ReviewPending,
                ),
                // Waiting for the decision to assess, overdue by 3 December.
                (council, day(2026, 10, 5), None, None, Stage::RequestReceived),
                // Another council's plan is never counted.
                (
                    other,
                    day(2026, 1, 5),
                    Some(day(2026, 2, 9)),
                    Some(day(2026, 5, 18)),
                    Stage::ReviewPending,
                ),
            ];
            let mut ids = Vec::new();
            for (n, (la, received, assessed, issued, stage)) in cases.into_iter().enumerate() {
                let request = NewCase {
                    first_name: format!("Child{n}"),
                    last_name: "Test".into(),
                    date_of_birth: day(2016, 1, 1),
                    setting: None,
                    requested_by: Requester::Parent,
                    received_on: received,
                };
                let dates = PathwayDates {
                    caseworker: Some(sam),
                    decided_to_assess: assessed,
                    decided_to_issue: issued.map(|d| d - TimeDelta::days(30)),
                    plan_issued: issued,
                    last_reviewed: None,
                };
                ids.push(create(&db, la, &request, stage, &dates, &limits, now).await.unwrap().id);
            }
            let away = NewException {
                kind: ExceptionKind::AwayFromArea,
                starts_on: day(2026, 5, 1),
                ends_on: Some(day(2026, 6, 30)),
                note: "Abroad".into(),
            };
            crate::store::decisions::record_exception(&db, ids[2], &away, sam, now)
                .await
                .unwrap();

            let figures = super::council(&db, council, 2026, day(2026, 12, 3), &limits)
                .await
                .unwrap();
            assert_eq!((figures.plans.total, figures.plans.in_time), (3, 1), "{engine}");
            let late: Vec<CaseId> = figures.plans.late.iter().map(|c| c.id).collect();
            assert_eq!(late, [ids[1], ids[2]], "{engine}");
            assert_eq!(figures.plans.late[0].child_name, "Child1 Test", "{engine}");
            assert_eq!(
                (
                    figures.plans_without_exceptions.total,
                    figures.plans_without_exceptions.in_time
                ),
                (2, 1),
                "{engine}"
            );
            assert_eq!(
                (figures.decided_to_assess.total, figures.decided_to_assess.in_time),
                (3, 2),
                "{engine}"
            );
            assert_eq!(figures.months[4].in_time, 1, "{engine}: May");
            assert_eq!(figures.months[6].late, 1, "{engine}: July");
            let waiting = figures
                .at_risk
                .iter()
                .find(|r| r.stage == Stage::RequestReceived)
                .unwrap();
            // Week 6 fell on 16 November.
            assert_eq!((waiting.overdue, waiting.due_soon), (1, 0), "{engine}");
            // Last year's plan was due its first review on 13 October.
            assert_eq!(figures.reviews_overdue, 1, "{engine}");
        }
    }
}

//! The decisions recorded on a case and the exceptions to its time limits.
//! Both are written in the transaction of the case event that records them
//! (`CaseEvent::Decided`, `CaseEvent::ExceptionRecorded`).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Set};

use super::entities::{account, case_exception, decision};
use crate::domain::decision::{Decided, RecordedDecision};
use crate::domain::exception::{CaseException, NewException};
use crate::domain::ids::{AccountId, CaseId};
use crate::domain::plan::part::Part;

/// Keeps a decision made on `case`.
///
/// # Errors
/// A database error, including a second decision of the same kind.
pub async fn record(
    txn: &impl ConnectionTrait,
    case: CaseId,
    decided: &Decided,
    by: AccountId,
    now: DateTime<Utc>,
) -> Result<i64, DbErr> {
    let areas: Vec<&str> = decided.areas.iter().map(|a| a.as_str()).collect();
    let row = decision::ActiveModel {
        case_id: Set(case),
        question: Set(decided.question),
        agreed: Set(decided.agreed),
        decided_on: Set(decided.on),
        reasons: Set(decided.reasons.clone()),
        areas: Set(areas.join(",")),
        recommendations: Set(decided.recommendations.clone()),
        recorded_by: Set(by),
        recorded_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(row.id)
}

/// The decisions made on a case, in the order they were made.
///
/// # Errors
/// A database error.
pub async fn for_case(db: &impl ConnectionTrait, case: CaseId) -> Result<Vec<RecordedDecision>, DbErr> {
    let rows = decision::Entity::find()
        .filter(decision::Column::CaseId.eq(case))
        .order_by_asc(decision::Column::DecidedOn)
        .order_by_asc(decision::Column::Id)
        .all(db)
        .await?;
    let names: HashMap<AccountId, String> = account::Entity::find()
        .filter(account::Column::Id.is_in(rows.iter().map(|r| r.recorded_by)))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.name))
        .collect();
    Ok(rows
        .into_iter()
        .map(|row| {
            let by = names.get(&row.recorded_by).cloned().unwrap_or_default();
            from_row(row, by)
        })
        .collect())
}

fn from_row(row: decision::Model, recorded_by: String) -> RecordedDecision {
    RecordedDecision {
        id: row.id,
        decided: Decided {
            question: row.question,
            agreed: row.agreed,
            on: row.decided_on,
            reasons: row.reasons,
            areas: row.areas.split(',').filter_map(Part::parse).collect(),
            recommendations: row.recommendations,
        },
        recorded_by,
        letter_on: row.recorded_at.with_timezone(&chrono_tz::Europe::London).date_naive(),
    }
}

/// Keeps an exception recorded on `case`.
///
/// # Errors
/// A database error.
pub async fn record_exception(
    txn: &impl ConnectionTrait,
    case: CaseId,
    exception: &NewException,
    by: AccountId,
    now: DateTime<Utc>,
) -> Result<i64, DbErr> {
    let row = case_exception::ActiveModel {
        case_id: Set(case),
        kind: Set(exception.kind),
        starts_on: Set(exception.starts_on),
        ends_on: Set(exception.ends_on),
        note: Set(exception.note.clone()),
        recorded_by: Set(by),
        recorded_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(row.id)
}

fn exception_from(row: case_exception::Model) -> CaseException {
    CaseException {
        id: row.id,
        kind: row.kind,
        starts_on: row.starts_on,
        ends_on: row.ends_on,
        note: row.note,
    }
}

/// The exceptions recorded on a case, earliest first.
///
/// # Errors
/// A database error.
pub async fn exceptions(db: &impl ConnectionTrait, case: CaseId) -> Result<Vec<CaseException>, DbErr> {
    Ok(case_exception::Entity::find()
        .filter(case_exception::Column::CaseId.eq(case))
        .order_by_asc(case_exception::Column::StartsOn)
        .order_by_asc(case_exception::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(exception_from)
        .collect())
}

/// The exceptions recorded on each of `cases` (one query, for a page of a tray).
///
/// # Errors
/// A database error.
pub async fn exceptions_of(
    db: &impl ConnectionTrait,
    cases: &[CaseId],
) -> Result<HashMap<CaseId, Vec<CaseException>>, DbErr> {
    let mut by_case: HashMap<CaseId, Vec<CaseException>> = HashMap::new();
    if cases.is_empty() {
        return Ok(by_case);
    }
    let rows = case_exception::Entity::find()
        .filter(case_exception::Column::CaseId.is_in(cases.iter().copied()))
        .order_by_asc(case_exception::Column::StartsOn)
        .all(db)
        .await?;
    for row in rows {
        by_case.entry(row.case_id).or_default().push(exception_from(row));
    }
    Ok(by_case)
}

/// Where the child's school or setting is told of a decision: the setting's
/// contact address if the council set one, else its staff on the hub.
///
/// # Errors
/// A database error.
pub async fn school_addresses(db: &impl ConnectionTrait, case: CaseId) -> Result<Vec<String>, DbErr> {
    use super::entities::{ehc_case, team};
    use crate::domain::role::Role;
    let Some(setting) = ehc_case::Entity::find_by_id(case)
        .one(db)
        .await?
        .and_then(|c| c.setting_team_id)
    else {
        return Ok(Vec::new());
    };
    if let Some(contact) = team::Entity::find_by_id(setting)
        .one(db)
        .await?
        .and_then(|t| t.contact_email)
    {
        return Ok(vec![contact]);
    }
    Ok(account::Entity::find()
        .filter(account::Column::TeamId.eq(setting))
        .filter(account::Column::Role.eq(Role::EducationSetting))
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.email)
        .collect())
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, TimeZone};

    use super::*;
    use crate::domain::deadlines::TimeLimits;
    use crate::domain::decision::DecisionQuestion;
    use crate::domain::exception::ExceptionKind;
    use crate::domain::new_case::NewCase;
    use crate::domain::requester::Requester;
    use crate::domain::role::Role;
    use crate::domain::stage::Stage;
    use crate::store::cases::{PathwayDates, create};
    use crate::store::test_db::databases;
    use crate::store::{accounts, councils};

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    #[tokio::test]
    async fn each_decision_is_kept_once_and_exceptions_are_read_by_case() {
        for (engine, db) in databases().await {
            let now = Utc.with_ymd_and_hms(2026, 12, 3, 10, 0, 0).unwrap();
            let council = councils::ensure(&db, "Test Council", "TC").await.unwrap();
            let panel = accounts::create(
                &db,
                council,
                "panel@tc.test",
                "Tom Reilly",
                Role::PanelMember,
                None,
                None,
                now,
            )
            .await
            .unwrap();
            let mut ids = Vec::new();
            for last in ["Moss", "Reed"] {
                let request = NewCase {
                    first_name: "Ada".into(),
                    last_name: last.into(),
                    date_of_birth: day(4, 1),
                    setting: None,
                    requested_by: Requester::Parent,
                    received_on: day(10, 1),
                };
                let case = create(
                    &db,
                    council,
                    &request,
                    Stage::RequestReceived,
                    &PathwayDates::default(),
                    &TimeLimits::default(),
                    now,
                )
                .await
                .unwrap();
                ids.push(case.id);
            }
            let decided = Decided {
                question: DecisionQuestion::Assess,
                agreed: true,
                on: day(11, 10),
                reasons: "Needs not met by SEN support.".into(),
                areas: vec![Part::Communication, Part::Semh],
                recommendations: String::new(),
            };
            record(&db, ids[0], &decided, panel, now).await.unwrap();
            // The same decision twice on one case is refused by the database too.
            assert!(record(&db, ids[0], &decided, panel, now).await.is_err(), "{engine}");
            let kept = for_case(&db, ids[0]).await.unwrap();
            assert_eq!(kept.len(), 1, "{engine}");
            assert_eq!(kept[0].decided, decided, "{engine}");
            assert_eq!(kept[0].recorded_by, "Tom Reilly", "{engine}");
            assert_eq!(kept[0].letter_on, day(12, 3), "{engine}");
            assert!(for_case(&db, ids[1]).await.unwrap().is_empty(), "{engine}");

            let away = NewException {
                kind: ExceptionKind::AwayFromArea,
                starts_on: day(11, 2),
                ends_on: Some(day(12, 7)),
                note: "Abroad".into(),
            };
            record_exception(&db, ids[1], &away, panel, now).await.unwrap();
            let by_case = exceptions_of(&db, &ids).await.unwrap();
            assert!(!by_case.contains_key(&ids[0]), "{engine}");
            assert_eq!(by_case[&ids[1]][0].ends_on, Some(day(12, 7)), "{engine}");
            assert_eq!(exceptions(&db, ids[1]).await.unwrap(), by_case[&ids[1]], "{engine}");
        }
    }
}

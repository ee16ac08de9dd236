//! Requests as the people asked meet them: a professional's own requests and
//! a team manager's team's, most urgent first, on cases they may still see;
//! and the reminders due (once when a request is due soon, once when it is
//! overdue), each claimed by the instance that sends it.

use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::sea_query::{Condition, Expr};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::entities::{advice_request, ehc_case};
use crate::domain::advice::RequestStatus;
use crate::domain::capability::{Capability, Terms};
use crate::domain::ids::CaseId;
use crate::domain::role::Role;
use crate::domain::viewer::Viewer;

/// The most requests one tray lists: a professional's or a team's open work.
pub const TRAY_LIMIT: u64 = 500;

/// One request in a tray, with the case it is on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrayRequest {
    pub request: super::advice_requests::ListedRequest,
    pub reference: String,
}

/// The requests to `viewer` (and, for a team manager, to their team), on
/// cases they may see; only those awaiting allocation if `awaiting`.
///
/// # Errors
/// A database error.
pub async fn tray(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    awaiting: bool,
    terms: Terms<'_>,
) -> Result<Vec<TrayRequest>, DbErr> {
    let mine = Condition::all().add(advice_request::Column::AccountId.eq(viewer.account));
    let asked = match (viewer.role, viewer.team) {
        (Role::TeamManager, Some(team)) => Condition::any().add(mine).add(advice_request::Column::TeamId.eq(team)),
        _ => mine,
    };
    let mut query = advice_request::Entity::find().filter(asked);
    if awaiting {
        // A team's request not yet answered, or answered yes with nobody allocated.
        query = query
            .filter(advice_request::Column::TeamId.is_not_null())
            .filter(advice_request::Column::Status.eq(RequestStatus::Requested));
    }
    let rows = query
        .order_by_asc(advice_request::Column::DueOn)
        .order_by_asc(advice_request::Column::Id)
        .limit(TRAY_LIMIT)
        .all(db)
        .await?;
    let ids: Vec<CaseId> = rows.iter().map(|r| r.case_id).collect();
    let visible: HashMap<CaseId, String> = ehc_case::Entity::find()
        .filter(ehc_case::Column::Id.is_in(ids))
        .filter(super::case_links::visible_to(
            viewer,
            Capability::SeeAdviceRequests,
            terms,
        ))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.reference))
        .collect();
    let rows: Vec<_> = rows.into_iter().filter(|r| visible.contains_key(&r.case_id)).collect();
    Ok(super::advice_requests::listed(db, rows)
        .await?
        .into_iter()
        .filter_map(|request| {
            let reference = visible.get(&request.case)?.clone();
            Some(TrayRequest { request, reference })
        })
        .collect())
}

/// A reminder to send: the request, its case's reference, and whether it is overdue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reminder {
    pub request: super::advice_requests::ListedRequest,
    pub reference: String,
    pub council: crate::domain::ids::LocalAuthorityId,
    pub overdue: bool,
}

/// The reminders due on `today`: requests still outstanding, due within
/// `soon_days` and not yet reminded so, or past due and not yet reminded so.
/// A team's request with members allocated is reminded through them.
///
/// # Errors
/// A database error.
pub async fn reminders_due(
    db: &impl ConnectionTrait,
    today: NaiveDate,
    soon_days: u32,
) -> Result<Vec<Reminder>, DbErr> {
    let soon = today + chrono::TimeDelta::days(i64::from(soon_days));
    let outstanding = [RequestStatus::Requested, RequestStatus::Allocated, RequestStatus::Draft];
    let rows = advice_request::Entity::find()
        .filter(advice_request::Column::Status.is_in(outstanding))
        .filter(
            Condition::any()
                .add(
                    Condition::all()
                        .add(advice_request::Column::DueOn.lte(soon))
                        .add(advice_request::Column::DueOn.gte(today))
                        .add(advice_request::Column::RemindedSoonOn.is_null()),
                )
                .add(
                    Condition::all()
                        .add(advice_request::Column::DueOn.lt(today))
                        .add(advice_request::Column::RemindedOverdueOn.is_null()),
                ),
        )
        .filter(
            Condition::any()
                .add(advice_request::Column::TeamId.is_null())
                .add(advice_request::Column::Status.eq(RequestStatus::Requested)),
        )
        .order_by_asc(advice_request::Column::Id)
        .limit(1_000)
        .all(db)
        .await?;
    let ids: Vec<CaseId> = rows.iter().map(|r| r.case_id).collect();
    let cases: HashMap<CaseId, (String, crate::domain::ids::LocalAuthorityId)> = ehc_case::Entity::find()
        .filter(ehc_case::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, (c.reference, c.local_authority_id)))
        .collect();
    Ok(super::advice_requests::listed(db, rows)
        .await?
        .into_iter()
        .filter_map(|request| {
            let (reference, council) = cases.get(&request.case)?.clone();
            let overdue = request.due_on < today;
            Some(Reminder {
                request,
                reference,
                council,
                overdue,
            })
        })
        .collect())
}

/// Claims a reminder for this instance: `true` if nobody has sent it yet.
///
/// # Errors
/// A database error.
pub async fn claim_reminder(
    db: &impl ConnectionTrait,
    id: i64,
    overdue: bool,
    today: NaiveDate,
) -> Result<bool, DbErr> {
    let column = if overdue {
        advice_request::Column::RemindedOverdueOn
    } else {
        advice_request::Column::RemindedSoonOn
    };
    let claimed = advice_request::Entity::update_many()
        .col_expr(column, Expr::value(today))
        .filter(advice_request::Column::Id.eq(id))
        .filter(column.is_null())
        .exec(db)
        .await?;
    Ok(claimed.rows_affected == 1)
}

#[cfg(test)]
mod tests {
    use chrono::Utc;

    use super::*;
    use crate::domain::access::AccessPolicy;
    use crate::domain::advice::{RequestKind, TeamAnswer};
    use crate::domain::ids::AccountId;
    use crate::domain::team_kind::TeamKind;
    use crate::store::advice_requests::{Asked, NewRequest, allocate, answer, create};
    use crate::store::test_db::databases;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, m, d).expect("date")
    }

    #[tokio::test]
    async fn each_request_is_reminded_once_when_due_soon_and_once_when_overdue_and_a_manager_sees_what_awaits_allocation()
     {
        for (engine, db) in databases().await {
            let council = crate::store::councils::ensure(&db, "Test Council", "999")
                .await
                .expect("council");
            let (case, caseworker) = crate::store::test_db::case_and_person(&db, council).await;
            let team = crate::store::teams::create(&db, council, "Occupational therapy", TeamKind::Health)
                .await
                .expect("team");
            let now = Utc::now();
            let account = async |email: &str, role: Role| {
                crate::store::accounts::create(&db, council, email, email, role, Some(team), None, now)
                    .await
                    .expect("account")
            };
            let manager = account("manager@example.org", Role::TeamManager).await;
            let member = account("member@example.org", Role::Professional).await;
            let new = |due_on| NewRequest {
                case,
                kind: RequestKind::Advice,
                asked: Asked::Team(team),
                asked_by: caseworker,
                asked_on: day(1, 1),
                due_on,
                note: "",
                now,
            };
            let early = create(&db, new(day(2, 12))).await.expect("early");
            let late = create(&db, new(day(3, 1))).await.expect("late");

            // Ten days before the first is due, with five days' warning: nothing yet.
            assert!(
                reminders_due(&db, day(2, 2), 5).await.expect("due").is_empty(),
                "{engine}"
            );
            let soon = reminders_due(&db, day(2, 8), 5).await.expect("due");
            assert_eq!(
                soon.iter().map(|r| (r.request.id, r.overdue)).collect::<Vec<_>>(),
                [(early, false)],
                "{engine}"
            );
            assert_eq!(
                soon[0].reference,
                crate::store::cases::record(&db, case)
                    .await
                    .expect("case")
                    .expect("case")
                    .heading
                    .reference,
                "{engine}"
            );
            // Claimed once: a second instance, or the next hour, sends nothing.
            assert!(
                claim_reminder(&db, early, false, day(2, 8)).await.expect("claim"),
                "{engine}"
            );
            assert!(
                !claim_reminder(&db, early, false, day(2, 8)).await.expect("again"),
                "{engine}"
            );
            assert!(
                reminders_due(&db, day(2, 9), 5).await.expect("due").is_empty(),
                "{engine}"
            );
            // Past its date it is reminded again, as overdue.
            let overdue = reminders_due(&db, day(2, 13), 5).await.expect("due");
            assert_eq!(
                overdue.iter().map(|r| (r.request.id, r.overdue)).collect::<Vec<_>>(),
                [(early, true)],
                "{engine}"
            );

            // The team says yes to the first and allocates it: the member is reminded from now on.
            let yes = (TeamAnswer::KnownMeetsCriteria, "");
            assert!(
                answer(&db, early, (case, team, 1), yes, manager, now)
                    .await
                    .expect("yes"),
                "{engine}"
            );
            allocate(&db, (case, team, early), &[member], now)
                .await
                .expect("allocate");
            let due = reminders_due(&db, day(2, 13), 5).await.expect("due");
            assert_eq!(due.len(), 1, "{engine}: {due:?}");
            assert_eq!(due[0].request.person, Some(member), "{engine}");

            // The manager's tray: both of the team's requests, soonest first; awaiting allocation: only the second.
            let viewer = crate::store::accounts::find(&db, manager)
                .await
                .expect("find")
                .expect("manager");
            let policy = AccessPolicy::default();
            let terms = Terms {
                today: day(2, 13),
                policy: &policy,
            };
            let all: Vec<i64> = tray(&db, &viewer, false, terms)
                .await
                .expect("tray")
                .iter()
                .map(|t| t.request.id)
                .collect();
            assert_eq!(all, [early, late], "{engine}");
            let awaiting: Vec<i64> = tray(&db, &viewer, true, terms)
                .await
                .expect("tray")
                .iter()
                .map(|t| t.request.id)
                .collect();
            assert_eq!(awaiting, [late], "{engine}");
            // The member sees only their own.
            let viewer = crate::store::accounts::find(&db, member)
                .await
                .expect("find")
                .expect("member");
            let mine: Vec<Option<AccountId>> = tray(&db, &viewer, false, terms)
                .await
                .expect("tray")
                .iter()
                .map(|t| t.request.person)
                .collect();
            assert_eq!(mine, [Some(member)], "{engine}");
        }
    }
}

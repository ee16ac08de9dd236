//! Requests for information and for advice on a case: made by the
//! caseworker to a team or a named professional, each giving the one asked
//! access to the case (a team through its managers, a person by a link of
//! their own), in the transaction of the request.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Set};

use super::entities::{account, advice_request, team};
use crate::domain::access::Link;
use crate::domain::advice::{RequestKind, RequestStatus, TeamAnswer};
use crate::domain::ids::{AccountId, CaseId, LocalAuthorityId, TeamId};
use crate::domain::role::Role;

/// Who is asked: a team (its managers allocate it) or a named professional.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Asked {
    Team(TeamId),
    Person(AccountId),
}

pub struct NewRequest<'a> {
    pub case: CaseId,
    pub kind: RequestKind,
    pub asked: Asked,
    pub asked_by: AccountId,
    pub asked_on: NaiveDate,
    pub due_on: NaiveDate,
    pub note: &'a str,
    pub now: DateTime<Utc>,
}

/// Records a request and links the one asked to the case, in `txn`.
///
/// # Errors
/// A database error.
pub async fn create(txn: &impl ConnectionTrait, new: NewRequest<'_>) -> Result<i64, DbErr> {
    let (team, person) = match new.asked {
        Asked::Team(team) => (Some(team), None),
        Asked::Person(person) => (None, Some(person)),
    };
    let row = advice_request::ActiveModel {
        case_id: Set(new.case),
        kind: Set(new.kind),
        team_id: Set(team),
        account_id: Set(person),
        status: Set(RequestStatus::Requested),
        asked_by: Set(new.asked_by),
        asked_on: Set(new.asked_on),
        due_on: Set(new.due_on),
        note: Set(new.note.to_owned()),
        version: Set(1),
        created_at: Set(new.now),
        updated_at: Set(new.now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    match new.asked {
        Asked::Team(team) => {
            super::case_links::link(txn, new.case, None, Some(team), Link::TeamManagerOfAskedTeam, new.now).await?;
        }
        Asked::Person(person) if !super::case_links::is_linked(txn, new.case, person).await? => {
            super::case_links::link(txn, new.case, Some(person), None, Link::Contributor, new.now).await?;
        }
        Asked::Person(_) => {}
    }
    Ok(row.id)
}

/// A request as the case's pages list it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListedRequest {
    pub id: i64,
    pub case: CaseId,
    pub version: i32,
    pub kind: RequestKind,
    /// The team asked, if a team was.
    pub team: Option<TeamId>,
    pub answer: Option<TeamAnswer>,
    pub answer_reason: String,
    /// Who asked: told of the team's answer.
    pub asked_by: AccountId,
    /// The team's name, or the person's name.
    pub asked: String,
    /// The person's role, or the team's kind, as words.
    pub asked_as: String,
    pub status: RequestStatus,
    pub asked_on: NaiveDate,
    pub due_on: NaiveDate,
    pub note: String,
    /// The person asked, for a request to a person (or a team's member).
    pub person: Option<AccountId>,
    /// For a member's request: the team's request it was allocated from.
    pub allocated_from: Option<i64>,
    /// The day it last changed (for an answered request: when it was answered).
    pub updated_on: NaiveDate,
}

/// A case's requests, in the order they were made, in three queries.
///
/// # Errors
/// A database error.
pub async fn for_case(db: &impl ConnectionTrait, case: CaseId) -> Result<Vec<ListedRequest>, DbErr> {
    let rows = advice_request::Entity::find()
        .filter(advice_request::Column::CaseId.eq(case))
        .order_by_asc(advice_request::Column::Id)
        .all(db)
        .await?;
    listed(db, rows).await
}

/// One request on a case, if it is there.
///
/// # Errors
/// A database error.
pub async fn one(db: &impl ConnectionTrait, case: CaseId, id: i64) -> Result<Option<ListedRequest>, DbErr> {
    let rows = advice_request::Entity::find_by_id(id)
        .filter(advice_request::Column::CaseId.eq(case))
        .all(db)
        .await?;
    Ok(listed(db, rows).await?.pop())
}

/// Requests with the names of who was asked.
///
/// # Errors
/// A database error.
pub async fn listed(db: &impl ConnectionTrait, rows: Vec<advice_request::Model>) -> Result<Vec<ListedRequest>, DbErr> {
    // Most cases have no requests: no names to look up.
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let teams: HashMap<TeamId, team::Model> = team::Entity::find()
        .filter(team::Column::Id.is_in(rows.iter().filter_map(|r| r.team_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.id, t))
        .collect();
    let people: HashMap<AccountId, account::Model> = account::Entity::find()
        .filter(account::Column::Id.is_in(rows.iter().filter_map(|r| r.account_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    Ok(rows
        .into_iter()
        .map(|r| {
            let (asked, asked_as) = match (
                r.team_id.and_then(|t| teams.get(&t)),
                r.account_id.and_then(|a| people.get(&a)),
            ) {
                (Some(team), _) => (team.name.clone(), team.kind.label().to_owned()),
                (None, Some(person)) => (person.name.clone(), person.role.label().to_owned()),
                (None, None) => (String::new(), String::new()),
            };
            ListedRequest {
                id: r.id,
                case: r.case_id,
                version: r.version,
                kind: r.kind,
                team: r.team_id,
                answer: r.team_answer,
                answer_reason: r.answer_reason.unwrap_or_default(),
                asked_by: r.asked_by,
                asked,
                asked_as,
                status: r.status,
                asked_on: r.asked_on,
                due_on: r.due_on,
                note: r.note,
                person: r.account_id,
                allocated_from: r.allocated_from,
                updated_on: r.updated_at.with_timezone(&chrono_tz::Europe::London).date_naive(),
            }
        })
        .collect())
}

/// A team manager's answer, if the request is to `team`, on `case`, still
/// unanswered and at `version`; `false` otherwise (answered meanwhile).
///
/// # Errors
/// A database error.
pub async fn answer(
    db: &impl ConnectionTrait,
    id: i64,
    (case, team, version): (CaseId, TeamId, i32),
    (answer, reason): (TeamAnswer, &str),
    by: AccountId,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let answered = advice_request::Entity::update_many()
        .col_expr(advice_request::Column::TeamAnswer, Expr::value(answer))
        .col_expr(advice_request::Column::AnswerReason, Expr::value(reason))
        .col_expr(advice_request::Column::AnsweredBy, Expr::value(by))
        .col_expr(advice_request::Column::AnsweredAt, Expr::value(now))
        .col_expr(advice_request::Column::Status, Expr::value(answer.status()))
        .col_expr(advice_request::Column::Version, Expr::value(version + 1))
        .col_expr(advice_request::Column::UpdatedAt, Expr::value(now))
        .filter(advice_request::Column::Id.eq(id))
        .filter(advice_request::Column::CaseId.eq(case))
        .filter(advice_request::Column::TeamId.eq(team))
        .filter(advice_request::Column::Version.eq(version))
        .filter(advice_request::Column::TeamAnswer.is_null())
        .exec(db)
        .await?;
    Ok(answered.rows_affected == 1)
}

/// Allocates a team's request to `members`, each getting a request of their
/// own on the case (and access to it); a member already allocated and not
/// closed is not allocated twice. The team's request must be to `team`, on
/// `case`, answered yes. Returns the members newly allocated.
///
/// # Errors
/// A database error.
pub async fn allocate(
    txn: &impl ConnectionTrait,
    (case, team, id): (CaseId, TeamId, i64),
    members: &[AccountId],
    now: DateTime<Utc>,
) -> Result<Vec<AccountId>, DbErr> {
    let Some(parent) = advice_request::Entity::find_by_id(id)
        .filter(advice_request::Column::CaseId.eq(case))
        .filter(advice_request::Column::TeamId.eq(team))
        .one(txn)
        .await?
        .filter(|r| r.team_answer.is_some_and(TeamAnswer::is_yes))
    else {
        return Ok(Vec::new());
    };
    let existing = advice_request::Entity::find()
        .filter(advice_request::Column::AllocatedFrom.eq(id))
        .all(txn)
        .await?;
    let mut added = Vec::new();
    for &member in members {
        let live = existing
            .iter()
            .any(|r| r.account_id == Some(member) && r.status != RequestStatus::ClosedByManager);
        if live || added.contains(&member) {
            continue;
        }
        advice_request::ActiveModel {
            case_id: Set(case),
            kind: Set(parent.kind),
            team_id: Set(None),
            account_id: Set(Some(member)),
            status: Set(RequestStatus::Allocated),
            asked_by: Set(parent.asked_by),
            asked_on: Set(parent.asked_on),
            due_on: Set(parent.due_on),
            note: Set(parent.note.clone()),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
            allocated_from: Set(Some(id)),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        if !super::case_links::is_linked(txn, case, member).await? {
            super::case_links::link(txn, case, Some(member), None, Link::Contributor, now).await?;
        }
        added.push(member);
    }
    refresh_team(txn, id, now).await?;
    Ok(added)
}

/// Closes a member's request ("Closed by manager"), or re-opens a closed one
/// (a response is pending again), if it is at `version`; `false` if not (it
/// changed meanwhile, or is not a member's request of `team` on `case`).
///
/// # Errors
/// A database error.
pub async fn close_or_reopen(
    txn: &impl ConnectionTrait,
    (case, team, id, version): (CaseId, TeamId, i64, i32),
    close: bool,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let Some(member) = advice_request::Entity::find_by_id(id)
        .filter(advice_request::Column::CaseId.eq(case))
        .filter(advice_request::Column::Version.eq(version))
        .one(txn)
        .await?
    else {
        return Ok(false);
    };
    let Some(parent) = member.allocated_from else {
        return Ok(false);
    };
    let of_team = advice_request::Entity::find_by_id(parent)
        .filter(advice_request::Column::TeamId.eq(team))
        .one(txn)
        .await?
        .is_some();
    let to = match (close, member.status) {
        (true, s) if s.outstanding() => RequestStatus::ClosedByManager,
        (false, RequestStatus::ClosedByManager) => {
            if super::advice::for_request(txn, id).await?.is_some() {
                RequestStatus::Draft
            } else {
                RequestStatus::Allocated
            }
        }
        _ => return Ok(false),
    };
    if !of_team {
        return Ok(false);
    }
    let changed = advice_request::Entity::update_many()
        .col_expr(advice_request::Column::Status, Expr::value(to))
        .col_expr(advice_request::Column::Version, Expr::value(version + 1))
        .col_expr(advice_request::Column::UpdatedAt, Expr::value(now))
        .filter(advice_request::Column::Id.eq(id))
        .filter(advice_request::Column::Version.eq(version))
        .exec(txn)
        .await?;
    if changed.rows_affected != 1 {
        return Ok(false);
    }
    refresh_team(txn, parent, now).await?;
    Ok(true)
}

/// A team's request stands where its members' do: awaiting allocation with
/// none, allocated while any is outstanding, and complete (submitted) once
/// every member has submitted or been closed.
///
/// # Errors
/// A database error.
pub async fn refresh_team(txn: &impl ConnectionTrait, id: i64, now: DateTime<Utc>) -> Result<(), DbErr> {
    let Some(team_request) = advice_request::Entity::find_by_id(id).one(txn).await? else {
        return Ok(());
    };
    if team_request.status == RequestStatus::Declined {
        return Ok(());
    }
    let members: Vec<RequestStatus> = advice_request::Entity::find()
        .filter(advice_request::Column::AllocatedFrom.eq(id))
        .all(txn)
        .await?
        .into_iter()
        .map(|r| r.status)
        .collect();
    let status = team_status(&members);
    if status != team_request.status {
        advice_request::Entity::update_many()
            .col_expr(advice_request::Column::Status, Expr::value(status))
            .col_expr(
                advice_request::Column::Version,
                Expr::col(advice_request::Column::Version).add(1),
            )
            .col_expr(advice_request::Column::UpdatedAt, Expr::value(now))
            .filter(advice_request::Column::Id.eq(id))
            .exec(txn)
            .await?;
    }
    Ok(())
}

/// Where a team's request stands, from its members' requests.
pub fn team_status(members: &[RequestStatus]) -> RequestStatus {
    if members.is_empty() {
        RequestStatus::Requested
    } else if members.iter().any(|s| s.outstanding()) {
        RequestStatus::Allocated
    } else if members.contains(&RequestStatus::Submitted) {
        RequestStatus::Submitted
    } else {
        RequestStatus::ClosedByManager
    }
}

/// The members of a team a request can be allocated to: its professionals
/// and managers.
///
/// # Errors
/// A database error.
pub async fn members(db: &impl ConnectionTrait, team: TeamId) -> Result<Vec<(AccountId, String, String)>, DbErr> {
    Ok(account::Entity::find()
        .filter(account::Column::TeamId.eq(team))
        .filter(account::Column::Role.is_in([Role::Professional, Role::TeamManager]))
        .order_by_asc(account::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.name, a.email))
        .collect())
}

/// The email addresses of a team's managers.
///
/// # Errors
/// A database error.
pub async fn managers(db: &impl ConnectionTrait, team: TeamId) -> Result<Vec<String>, DbErr> {
    Ok(account::Entity::find()
        .filter(account::Column::TeamId.eq(team))
        .filter(account::Column::Role.eq(Role::TeamManager))
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.email)
        .collect())
}

/// Who may be asked on a council's cases: its teams and settings, and the
/// professionals and setting staff with accounts.
pub struct Askable {
    pub teams: Vec<(TeamId, String)>,
    pub people: Vec<(AccountId, String)>,
}

/// # Errors
/// A database error.
pub async fn askable(db: &impl ConnectionTrait, council: LocalAuthorityId) -> Result<Askable, DbErr> {
    let teams = team::Entity::find()
        .filter(team::Column::LocalAuthorityId.eq(council))
        .order_by_asc(team::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.id, format!("{} ({})", t.name, t.kind.label())))
        .collect();
    let people = account::Entity::find()
        .filter(account::Column::LocalAuthorityId.eq(council))
        .filter(account::Column::Role.is_in([Role::Professional, Role::EducationSetting]))
        .order_by_asc(account::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, format!("{} ({})", a.name, a.role.label())))
        .collect();
    Ok(Askable { teams, people })
}

/// Where a request to the one asked is emailed: a team's contact address,
/// or its managers when it has none; a person's own address.
///
/// # Errors
/// A database error.
pub async fn addresses(
    db: &impl ConnectionTrait,
    council: LocalAuthorityId,
    asked: Asked,
) -> Result<Vec<String>, DbErr> {
    match asked {
        Asked::Team(id) => {
            let Some(found) = team::Entity::find_by_id(id).one(db).await? else {
                return Ok(Vec::new());
            };
            if found.local_authority_id != council {
                return Ok(Vec::new());
            }
            if let Some(contact) = found.contact_email {
                return Ok(vec![contact]);
            }
            managers(db, id).await
        }
        Asked::Person(id) => Ok(account::Entity::find_by_id(id)
            .one(db)
            .await?
            .filter(|a| {
                a.local_authority_id == council && matches!(a.role, Role::Professional | Role::EducationSetting)
            })
            .map(|a| vec![a.email])
            .unwrap_or_default()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::team_kind::TeamKind;
    use crate::store::test_db::databases;

    #[tokio::test]
    async fn a_request_to_a_team_lists_with_its_due_date_and_gives_the_team_the_case() {
        for (engine, db) in databases().await {
            let council = crate::store::councils::ensure(&db, "Test Council", "999")
                .await
                .expect("council");
            let (case, caseworker) = crate::store::test_db::case_and_person(&db, council).await;
            let team = crate::store::teams::create(&db, council, "Speech and language therapy", TeamKind::Health)
                .await
                .expect("team");
            let now = Utc::now();
            let asked_on = NaiveDate::from_ymd_opt(2026, 12, 3).expect("date");
            let new = NewRequest {
                case,
                kind: RequestKind::Advice,
                asked: Asked::Team(team),
                asked_by: caseworker,
                asked_on,
                due_on: RequestKind::Advice.due(asked_on, 15),
                note: "Please include her eating and drinking.",
                now,
            };
            create(&db, new).await.expect("create");
            let listed = for_case(&db, case).await.expect("list");
            assert_eq!(listed.len(), 1, "{engine}");
            assert_eq!(listed[0].asked, "Speech and language therapy", "{engine}");
            assert_eq!(listed[0].asked_as, "Health", "{engine}");
            assert_eq!(listed[0].status, RequestStatus::Requested, "{engine}");
            assert_eq!(
                listed[0].due_on,
                NaiveDate::from_ymd_opt(2027, 1, 14).expect("date"),
                "{engine}"
            );
            let linked = crate::store::case_links::people(&db, case).await.expect("people");
            assert!(
                linked
                    .iter()
                    .any(|p| p.name == "Speech and language therapy" && p.link == Link::TeamManagerOfAskedTeam),
                "{engine}"
            );
            // The team's manager says no: the team's part is closed, with its reason, once.
            let id = listed[0].id;
            let no = (TeamAnswer::NotKnownDoesNotMeetCriteria, "Not known to the service.");
            assert!(
                answer(&db, id, (case, team, 1), no, caseworker, now)
                    .await
                    .expect("answer"),
                "{engine}"
            );
            assert!(
                !answer(&db, id, (case, team, 1), no, caseworker, now)
                    .await
                    .expect("again"),
                "{engine}"
            );
            let listed = for_case(&db, case).await.expect("list");
            assert_eq!(listed[0].status, RequestStatus::Declined, "{engine}");
            assert_eq!(
                listed[0].answer,
                Some(TeamAnswer::NotKnownDoesNotMeetCriteria),
                "{engine}"
            );
            assert_eq!(listed[0].answer_reason, "Not known to the service.", "{engine}");
            // A team without a contact address and without managers has nowhere to be emailed.
            assert!(
                addresses(&db, council, Asked::Team(team)).await.expect("to").is_empty(),
                "{engine}"
            );
        }
    }

    #[tokio::test]
    async fn a_yes_is_allocated_to_members_and_the_team_is_complete_when_each_has_submitted_or_been_closed() {
        use crate::domain::advice_template::{AdviceAreas, AdviceHeader};
        use crate::domain::plan::content::Area;
        use crate::domain::plan::part::Part;
        use crate::store::advice::{Save, Saved, for_request, save};
        for (engine, db) in databases().await {
            let council = crate::store::councils::ensure(&db, "Test Council", "999")
                .await
                .expect("council");
            let (case, caseworker) = crate::store::test_db::case_and_person(&db, council).await;
            let team =
                crate::store::teams::create(&db, council, "Educational psychology", TeamKind::EducationalPsychology)
                    .await
                    .expect("team");
            let now = Utc::now();
            let person = async |email: &str, name: &str| {
                crate::store::accounts::create(&db, council, email, name, Role::Professional, Some(team), None, now)
                    .await
                    .expect("member")
            };
            let ade = person("ade@example.org", "Ade Okafor").await;
            let bea = person("bea@example.org", "Bea Lowe").await;
            let asked_on = NaiveDate::from_ymd_opt(2026, 12, 3).expect("date");
            let new = NewRequest {
                case,
                kind: RequestKind::Advice,
                asked: Asked::Team(team),
                asked_by: caseworker,
                asked_on,
                due_on: RequestKind::Advice.due(asked_on, 15),
                note: "",
                now,
            };
            let id = create(&db, new).await.expect("create");
            // Nothing is allocated before the team has said yes.
            assert!(
                allocate(&db, (case, team, id), &[ade], now)
                    .await
                    .expect("early")
                    .is_empty(),
                "{engine}"
            );
            let yes = (TeamAnswer::KnownMeetsCriteria, "");
            assert!(
                answer(&db, id, (case, team, 1), yes, caseworker, now)
                    .await
                    .expect("yes"),
                "{engine}"
            );
            assert_eq!(
                allocate(&db, (case, team, id), &[ade, bea, ade], now)
                    .await
                    .expect("allocate"),
                [ade, bea],
                "{engine}"
            );
            // Ticking someone already allocated allocates nobody twice.
            assert!(
                allocate(&db, (case, team, id), &[ade], now)
                    .await
                    .expect("again")
                    .is_empty(),
                "{engine}"
            );
            let listed = for_case(&db, case).await.expect("list");
            assert_eq!(listed.len(), 3, "{engine}");
            assert_eq!(listed[0].status, RequestStatus::Allocated, "{engine}");
            let ade_request = listed.iter().find(|r| r.person == Some(ade)).expect("ade's");
            let bea_request = listed.iter().find(|r| r.person == Some(bea)).expect("bea's");
            assert_eq!(ade_request.allocated_from, Some(id), "{engine}");
            assert_eq!(ade_request.due_on, listed[0].due_on, "{engine}");
            assert!(
                crate::store::case_links::is_linked(&db, case, ade).await.expect("link"),
                "{engine}"
            );

            // Ade writes and submits; the team still waits for Bea.
            let header = AdviceHeader {
                giver_name: "Ade Okafor".into(),
                giver_role: "Educational psychologist".into(),
                will_provide: Some(true),
                ..AdviceHeader::default()
            };
            let mut areas = AdviceAreas::new();
            areas.insert(
                Part::Cognition,
                Area {
                    needs: "Maya reads at an age-7 level.".into(),
                    ..Area::default()
                },
            );
            let draft = |revision, submit| Save {
                case,
                request: ade_request.id,
                revision,
                header: &header,
                areas: &areas,
                submit,
                by: ade,
                now,
            };
            assert_eq!(
                save(&db, draft(0, false)).await.expect("draft"),
                Saved::At(1),
                "{engine}"
            );
            // A second tab still at revision 0 does not overwrite the first.
            assert_eq!(
                save(&db, draft(0, false)).await.expect("stale"),
                Saved::Conflict,
                "{engine}"
            );
            assert_eq!(
                save(&db, draft(1, true)).await.expect("submit"),
                Saved::At(2),
                "{engine}"
            );
            // Submitted advice is read-only.
            assert_eq!(
                save(&db, draft(2, false)).await.expect("after"),
                Saved::Conflict,
                "{engine}"
            );
            let stored = for_request(&db, ade_request.id).await.expect("read").expect("advice");
            assert!(stored.submitted_at.is_some(), "{engine}");
            assert_eq!(stored.areas, areas, "{engine}");
            refresh_team(&db, id, now).await.expect("refresh");
            let status = |listed: &[ListedRequest], id: i64| listed.iter().find(|r| r.id == id).map(|r| r.status);
            let listed = for_case(&db, case).await.expect("list");
            assert_eq!(
                status(&listed, ade_request.id),
                Some(RequestStatus::Submitted),
                "{engine}"
            );
            assert_eq!(status(&listed, id), Some(RequestStatus::Allocated), "{engine}");

            // The manager closes Bea's request: the team's response is complete.
            let bea_version = bea_request.version;
            assert!(
                close_or_reopen(&db, (case, team, bea_request.id, bea_version), true, now)
                    .await
                    .expect("close"),
                "{engine}"
            );
            let listed = for_case(&db, case).await.expect("list");
            assert_eq!(
                status(&listed, bea_request.id),
                Some(RequestStatus::ClosedByManager),
                "{engine}"
            );
            assert_eq!(status(&listed, id), Some(RequestStatus::Submitted), "{engine}");
            // A close from a page read before it changes nothing.
            assert!(
                !close_or_reopen(&db, (case, team, bea_request.id, bea_version), false, now)
                    .await
                    .expect("stale"),
                "{engine}"
            );
            // Another team's manager cannot re-open it.
            let other = crate::store::teams::create(&db, council, "Other team", TeamKind::Health)
                .await
                .expect("team");
            assert!(
                !close_or_reopen(&db, (case, other, bea_request.id, bea_version + 1), false, now)
                    .await
                    .expect("other"),
                "{engine}"
            );
            // Re-opened, a response is pending again and the team waits.
            assert!(
                close_or_reopen(&db, (case, team, bea_request.id, bea_version + 1), false, now)
                    .await
                    .expect("reopen"),
                "{engine}"
            );
            let listed = for_case(&db, case).await.expect("list");
            assert_eq!(
                status(&listed, bea_request.id),
                Some(RequestStatus::Allocated),
                "{engine}"
            );
            assert_eq!(status(&listed, id), Some(RequestStatus::Allocated), "{engine}");
        }
    }

    #[test]
    fn a_team_stands_where_its_members_do() {
        use RequestStatus::*;
        assert_eq!(team_status(&[]), Requested);
        assert_eq!(team_status(&[Submitted, Draft]), Allocated);
        assert_eq!(team_status(&[Submitted, ClosedByManager]), Submitted);
        assert_eq!(team_status(&[ClosedByManager]), ClosedByManager);
    }
}

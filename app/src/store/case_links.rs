//! Who is linked to a case: giving a person or team access, the people a
//! case's emails go to, the facts the capability table decides on, and the
//! database form of "may see this case" for lists.

use std::collections::HashMap;

use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set};

use super::cases::CaseRecord;
use super::entities::{account, case_link, ehc_case, team};
use crate::domain::access::Link;
use crate::domain::capability::{Capability, CaseFacts, Grant, Links, Terms, grant};
use crate::domain::case::{CasePerson, LinkedPerson};
use crate::domain::ids::{AccountId, CaseId, TeamId};
use crate::domain::viewer::Viewer;

/// Links a person or a team to a case, giving them access by their role.
///
/// # Errors
/// A database error.
pub async fn link(
    db: &impl ConnectionTrait,
    case: CaseId,
    account: Option<AccountId>,
    team: Option<TeamId>,
    link: Link,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    case_link::ActiveModel {
        case_id: Set(case),
        account_id: Set(account),
        team_id: Set(team),
        link: Set(link),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Whether an account already has a link to a case.
///
/// # Errors
/// A database error.
pub async fn is_linked(db: &impl ConnectionTrait, case: CaseId, account: AccountId) -> Result<bool, DbErr> {
    Ok(case_link::Entity::find()
        .filter(case_link::Column::CaseId.eq(case))
        .filter(case_link::Column::AccountId.eq(account))
        .one(db)
        .await?
        .is_some())
}

/// The people and teams linked to a case, in the order they were added, in
/// three queries however many there are.
///
/// # Errors
/// A database error.
pub async fn people(db: &impl ConnectionTrait, case: CaseId) -> Result<Vec<CasePerson>, DbErr> {
    let links = case_link::Entity::find()
        .filter(case_link::Column::CaseId.eq(case))
        .all(db)
        .await?;
    let account_ids: Vec<AccountId> = links.iter().filter_map(|l| l.account_id).collect();
    let team_ids: Vec<TeamId> = links.iter().filter_map(|l| l.team_id).collect();
    let accounts: HashMap<AccountId, account::Model> = account::Entity::find()
        .filter(account::Column::Id.is_in(account_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    let teams: HashMap<TeamId, team::Model> = team::Entity::find()
        .filter(team::Column::Id.is_in(team_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.id, t))
        .collect();
    let mut people = Vec::new();
    for l in links {
        let link = l.link;
        if let Some(a) = l.account_id.and_then(|id| accounts.get(&id)) {
            people.push(CasePerson {
                account: Some(a.id),
                name: a.name.clone(),
                email: Some(a.email.clone()),
                role: Some(a.role),
                link,
            });
        } else if let Some(t) = l.team_id.and_then(|id| teams.get(&id)) {
            people.push(CasePerson {
                account: None,
                name: t.name.clone(),
                email: None,
                role: None,
                link,
            });
        }
    }
    Ok(people)
}

/// Every account linked to the case (not teams), once each: whom its emails go to.
///
/// # Errors
/// A database error.
pub async fn linked_people(db: &impl ConnectionTrait, case: CaseId) -> Result<Vec<LinkedPerson>, DbErr> {
    let mut linked: Vec<LinkedPerson> = Vec::new();
    for person in people(db, case).await? {
        let (Some(account), Some(email), Some(role)) = (person.account, person.email, person.role) else {
            continue;
        };
        if !linked.iter().any(|p| p.account == account) {
            linked.push(LinkedPerson {
                account,
                name: person.name,
                email,
                role,
                link: person.link,
            });
        }
    }
    Ok(linked)
}

/// What the capability table needs to know about `viewer` and a case, or
/// `None` if there is no such case.
///
/// # Errors
/// A database error.
pub async fn facts(db: &impl ConnectionTrait, viewer: &Viewer, case: CaseId) -> Result<Option<CaseFacts>, DbErr> {
    match super::cases::record(db, case).await? {
        Some(record) => Ok(Some(facts_of(db, viewer, &record).await?)),
        None => Ok(None),
    }
}

/// [`facts`] for a case already read: only the viewer's links are queried.
///
/// # Errors
/// A database error.
pub async fn facts_of(db: &impl ConnectionTrait, viewer: &Viewer, record: &CaseRecord) -> Result<CaseFacts, DbErr> {
    let mine = Condition::any().add(case_link::Column::AccountId.eq(viewer.account));
    // A team's link counts only as the team's: for its manager.
    let mine = match viewer.team {
        Some(team) => mine.add(
            Condition::all()
                .add(case_link::Column::TeamId.eq(team))
                .add(case_link::Column::Link.eq(Link::TeamManagerOfAskedTeam)),
        ),
        None => mine,
    };
    let rows = case_link::Entity::find()
        .filter(case_link::Column::CaseId.eq(record.heading.id))
        .filter(mine)
        .all(db)
        .await?;
    let links: Vec<Link> = rows.iter().map(|l| l.link).collect();
    Ok(CaseFacts {
        same_council: record.council == viewer.council,
        links: Links::of(&links),
        plan_issued_on: record.plan_issued_on,
    })
}

/// The cases on which `viewer` has `capability`: the capability table's rule
/// written for the database, so a list never shows a case its page would
/// refuse. Tested against [`crate::domain::capability::allows`].
pub fn visible_to(viewer: &Viewer, capability: Capability, terms: Terms<'_>) -> Condition {
    let linked = |links: Condition| {
        Expr::col((ehc_case::Entity, ehc_case::Column::Id)).in_subquery(
            Query::select()
                .column(case_link::Column::CaseId)
                .from(case_link::Entity)
                .cond_where(links)
                .to_owned(),
        )
    };
    let mine = |link: Link| {
        Condition::all()
            .add(case_link::Column::AccountId.eq(viewer.account))
            .add(case_link::Column::Link.eq(link))
    };
    // Professionals and settings keep access for a while after the plan is issued.
    let still_open = || {
        let cutoff = terms.today - TimeDelta::days(i64::from(terms.policy.contributor_days_after_issue));
        Condition::any()
            .add(ehc_case::Column::PlanIssuedOn.is_null())
            .add(ehc_case::Column::PlanIssuedOn.gte(cutoff))
    };
    let nothing = || Condition::all().add(Expr::val(1).eq(0));
    match grant(viewer.role, capability) {
        // Not a capability on a case: no case qualifies.
        Grant::Never | Grant::InOwnCouncil => nothing(),
        Grant::OwnCouncilCases => Condition::all().add(ehc_case::Column::LocalAuthorityId.eq(viewer.council)),
        Grant::FamilyLink => Condition::all().add(linked(mine(Link::Family))),
        Grant::ContributorLink => Condition::all().add(linked(mine(Link::Contributor))).add(still_open()),
        Grant::ContributorOrTeamLink => {
            let team = match viewer.team {
                Some(team) => Condition::all()
                    .add(case_link::Column::TeamId.eq(team))
                    .add(case_link::Column::Link.eq(Link::TeamManagerOfAskedTeam)),
                None => nothing(),
            };
            Condition::all()
                .add(linked(Condition::any().add(mine(Link::Contributor)).add(team)))
                .add(still_open())
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::role::Role;
    use chrono::{NaiveDate, TimeZone};
    use sea_orm::{DatabaseConnection, QuerySelect};

    use super::*;
    use crate::domain::access::AccessPolicy;
    use crate::domain::capability::allows;
    use crate::domain::deadlines::TimeLimits;
    use crate::store::entities::account;
    use crate::store::test_db::databases;
    use crate::store::{accounts, demo};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    async fn everyone(db: &DatabaseConnection) -> Vec<Viewer> {
        let mut viewers = Vec::new();
        for a in account::Entity::find().all(db).await.unwrap() {
            viewers.push(accounts::find(db, a.id).await.unwrap().unwrap());
        }
        viewers
    }

    async fn matching(
        db: &DatabaseConnection,
        viewer: &Viewer,
        capability: Capability,
        terms: Terms<'_>,
    ) -> Vec<CaseId> {
        let mut ids: Vec<CaseId> = ehc_case::Entity::find()
            .select_only()
            .column(ehc_case::Column::Id)
            .filter(visible_to(viewer, capability, terms))
            .into_tuple()
            .all(db)
            .await
            .unwrap();
        ids.sort_unstable();
        ids
    }

    /// For every demo account, capability on a case, and a few dates and
    /// access periods, the database's filter picks exactly the cases the
    /// table allows.
    #[tokio::test]
    async fn the_database_filter_is_the_capability_table() {
        for (engine, db) in databases().await {
            let now = Utc.with_ymd_and_hms(2026, 11, 22, 10, 0, 0).unwrap();
            demo::load(&db, &TimeLimits::default(), day(2026, 11, 22), now)
                .await
                .unwrap();
            // A team link and a second council's case, so every kind of link is there.
            let salt = everyone(&db)
                .await
                .into_iter()
                .find(|v| v.role == Role::TeamManager)
                .unwrap();
            link(&db, CaseId(2), None, salt.team, Link::TeamManagerOfAskedTeam, now)
                .await
                .unwrap();
            let other = crate::store::councils::ensure(&db, "Other Council", "OT")
                .await
                .unwrap();
            let request = crate::domain::new_case::NewCase {
                first_name: "Far".into(),
                last_name: "Away".into(),
                date_of_birth: day(2016, 1, 1),
                setting: None,
                requested_by: crate::domain::requester::Requester::Parent,
                received_on: day(2026, 11, 1),
            };
            let far = crate::store::cases::create(
                &db,
                other,
                &request,
                crate::domain::stage::Stage::RequestReceived,
                &crate::store::cases::PathwayDates::default(),
                &TimeLimits::default(),
                now,
            )
            .await
            .unwrap();
            let mut cases: Vec<CaseId> = ehc_case::Entity::find()
                .all(&db)
                .await
                .unwrap()
                .iter()
                .map(|c| c.id)
                .collect();
            cases.sort_unstable();
            assert!(cases.contains(&far.id));
            let policies = [
                AccessPolicy::default(),
                AccessPolicy {
                    contributor_days_after_issue: 400,
                },
            ];
            let viewers = everyone(&db).await;
            assert!(
                viewers.len() >= Role::ALL.len(),
                "{engine}: a demo account of every role"
            );
            let mut granted = 0;
            for policy in &policies {
                for today in [day(2026, 11, 22), day(2028, 1, 1)] {
                    let terms = Terms { today, policy };
                    for viewer in &viewers {
                        for capability in Capability::ALL.into_iter().filter(|c| c.on_a_case()) {
                            let mut expected = Vec::new();
                            for case in &cases {
                                let facts = facts(&db, viewer, *case).await.unwrap().unwrap();
                                if allows(viewer.role, capability, Some(&facts), terms) {
                                    expected.push(*case);
                                }
                            }
                            granted += expected.len();
                            assert_eq!(
                                matching(&db, viewer, capability, terms).await,
                                expected,
                                "{engine}: {} {capability:?} on {today}",
                                viewer.email
                            );
                        }
                    }
                }
            }
            assert!(
                granted > 100,
                "{engine}: the comparison covered granted cases ({granted})"
            );
        }
    }

    #[tokio::test]
    async fn people_lists_accounts_and_teams_in_the_order_they_were_added() {
        for (engine, db) in databases().await {
            let now = Utc.with_ymd_and_hms(2026, 11, 22, 10, 0, 0).unwrap();
            demo::load(&db, &TimeLimits::default(), day(2026, 11, 22), now)
                .await
                .unwrap();
            let before = people(&db, CaseId(2)).await.unwrap();
            let salt = everyone(&db)
                .await
                .into_iter()
                .find(|v| v.role == Role::TeamManager)
                .unwrap();
            link(&db, CaseId(2), None, salt.team, Link::TeamManagerOfAskedTeam, now)
                .await
                .unwrap();
            let after = people(&db, CaseId(2)).await.unwrap();
            assert_eq!(after.len(), before.len() + 1, "{engine}");
            let team = after.last().unwrap();
            assert_eq!(
                (team.account, team.email.as_ref(), team.link),
                (None, None, Link::TeamManagerOfAskedTeam),
                "{engine}"
            );
            // The emails go to accounts only, once each.
            let linked = linked_people(&db, CaseId(2)).await.unwrap();
            assert_eq!(
                linked.len(),
                before.iter().filter(|p| p.account.is_some()).count(),
                "{engine}"
            );
        }
    }
}

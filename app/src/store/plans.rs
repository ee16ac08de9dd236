//! EHC plans: versions, saving a part with a check that nobody else saved it
//! first, sharing a draft, comments, the family's and settings' responses,
//! and issuing the final plan.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionSession, TransactionTrait,
};

use super::entities::{account, plan_consultee, plan_part, plan_version};
use crate::domain::ids::{AccountId, CaseId, PlanVersionId};
use crate::domain::plan::consultation::respond_by;
use crate::domain::plan::content::{PartContent, Placement};
use crate::domain::plan::part::{Part, PartStatus};
use crate::domain::plan::version::VersionState;
use crate::domain::role::Role;
use crate::plans::types::{PartView, VersionSummary};

/// How a time is shown on plan pages: "23 November 2026 at 14:05".
pub(crate) fn shown(at: DateTime<Utc>) -> String {
    at.with_timezone(&chrono_tz::Europe::London)
        .format("%-d %B %Y at %H:%M")
        .to_string()
}

fn summary(v: &plan_version::Model) -> VersionSummary {
    VersionSummary {
        id: v.id,
        number: v.number,
        state: v.state,
        shared_on: v.shared_on,
        issued_on: v.issued_on,
    }
}

/// Every version of the case's plan, oldest first.
///
/// # Errors
/// A database error.
pub async fn versions(db: &impl ConnectionTrait, case: CaseId) -> Result<Vec<VersionSummary>, DbErr> {
    Ok(plan_version::Entity::find()
        .filter(plan_version::Column::CaseId.eq(case))
        .order_by_asc(plan_version::Column::Number)
        .all(db)
        .await?
        .iter()
        .map(summary)
        .collect())
}

fn decode(row: &plan_part::Model) -> Result<(Part, PartStatus, PartContent), DbErr> {
    let (part, status) = (row.part, row.status);
    let content: PartContent =
        serde_json::from_str(&row.content).map_err(|e| DbErr::Type(format!("plan part {}: {e}", row.id)))?;
    Ok((part, status, content))
}

fn encode(content: &PartContent) -> Result<String, DbErr> {
    serde_json::to_string(content).map_err(|e| DbErr::Custom(format!("plan part not stored: {e}")))
}

/// Names of accounts by id, for "saved by" and comment authors.
pub(crate) async fn names(
    db: &impl ConnectionTrait,
    ids: Vec<AccountId>,
) -> Result<HashMap<AccountId, (String, Option<Role>)>, DbErr> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(account::Entity::find()
        .filter(account::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, (a.name, Some(a.role))))
        .collect())
}

/// The parts of a version in plan order.
///
/// # Errors
/// A database error, or a stored part this version cannot read.
pub async fn parts(db: &impl ConnectionTrait, version: PlanVersionId) -> Result<Vec<PartView>, DbErr> {
    let rows = plan_part::Entity::find()
        .filter(plan_part::Column::PlanVersionId.eq(version))
        .all(db)
        .await?;
    let people = names(db, rows.iter().filter_map(|r| r.updated_by).collect()).await?;
    let mut parts = rows
        .iter()
        .map(|row| {
            let (part, status, content) = decode(row)?;
            Ok(PartView {
                part,
                status,
                content,
                revision: row.revision,
                saved_at: shown(row.updated_at),
                saved_by: row.updated_by.and_then(|id| people.get(&id)).map(|(n, _)| n.clone()),
            })
        })
        .collect::<Result<Vec<_>, DbErr>>()?;
    parts.sort_by_key(|p| p.part);
    Ok(parts)
}

/// Adds a part, at its first revision, to a version being made.
async fn insert_part(
    txn: &impl ConnectionTrait,
    version: PlanVersionId,
    part: Part,
    status: PartStatus,
    content: &PartContent,
    by: AccountId,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    plan_part::ActiveModel {
        plan_version_id: Set(version),
        part: Set(part),
        status: Set(status),
        content: Set(encode(content)?),
        revision: Set(1),
        updated_by: Set(Some(by)),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(())
}

/// Opens a draft to write: the draft already being written, or a new version
/// copied from the latest one (empty for a first plan).
///
/// # Errors
/// A database error.
pub async fn start_draft(
    db: &(impl ConnectionTrait + TransactionTrait),
    case: CaseId,
    by: AccountId,
    now: DateTime<Utc>,
) -> Result<VersionSummary, DbErr> {
    let txn = db.begin().await?;
    super::cases::lock(&txn, case).await?;
    let latest = plan_version::Entity::find()
        .filter(plan_version::Column::CaseId.eq(case))
        .order_by_desc(plan_version::Column::Number)
        .one(&txn)
        .await?;
    if let Some(latest) = &latest
        && latest.state == VersionState::Drafting
    {
        return Ok(summary(latest));
    }
    let created = plan_version::ActiveModel {
        case_id: Set(case),
        number: Set(latest.as_ref().map_or(1, |v| v.number + 1)),
        state: Set(VersionState::Drafting),
        created_by: Set(Some(by)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let copied = match &latest {
        Some(v) => parts(&txn, v.id).await?,
        None => Vec::new(),
    };
    for part in Part::ALL {
        let (status, content) = match copied.iter().find(|p| p.part == part) {
            Some(p) => (p.status, p.content.clone()),
            None => (PartStatus::NotStarted, PartContent::empty(part)),
        };
        insert_part(&txn, created.id, part, status, &content, by, now).await?;
    }
    txn.commit().await?;
    Ok(summary(&created))
}

/// What became of a save.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Saved {
    /// Saved; the part's new revision.
    Revision(i32),
    /// Someone saved the part after the editor opened it: nothing was written.
    Conflict,
    /// The version is shared or issued and can no longer change.
    Closed,
}

/// Saves a part of a draft being written, but only if it is still at the
/// revision the editor started from.
///
/// # Errors
/// A database error.
#[allow(clippy::too_many_arguments)]
pub async fn save_part(
    db: &impl ConnectionTrait,
    version: PlanVersionId,
    part: Part,
    expected: i32,
    status: PartStatus,
    content: &PartContent,
    by: AccountId,
    now: DateTime<Utc>,
) -> Result<Saved, DbErr> {
    let open = plan_version::Entity::find_by_id(version)
        .one(db)
        .await?
        .is_some_and(|v| v.state == VersionState::Drafting);
    if !open {
        return Ok(Saved::Closed);
    }
    // One statement compares and writes, so two saves at once cannot both pass.
    let result = plan_part::Entity::update_many()
        .col_expr(plan_part::Column::Content, Expr::value(encode(content)?))
        .col_expr(plan_part::Column::Status, Expr::value(status))
        .col_expr(plan_part::Column::Revision, Expr::value(expected + 1))
        .col_expr(plan_part::Column::UpdatedBy, Expr::value(by.0))
        .col_expr(plan_part::Column::UpdatedAt, Expr::value(now))
        .filter(plan_part::Column::PlanVersionId.eq(version))
        .filter(plan_part::Column::Part.eq(part))
        .filter(plan_part::Column::Revision.eq(expected))
        .exec(db)
        .await?;
    Ok(if result.rows_affected == 1 {
        Saved::Revision(expected + 1)
    } else {
        Saved::Conflict
    })
}

/// Someone linked to a case, with what the plan needs to know of them.
/// Shares a draft: it can no longer change, and each parent, carer or young
/// person gets 15 days to comment.
///
/// # Errors
/// A database error.
pub async fn share(
    db: &(impl ConnectionTrait + TransactionTrait),
    version: PlanVersionId,
    family: &[AccountId],
    today: NaiveDate,
) -> Result<bool, DbErr> {
    let txn = db.begin().await?;
    let changed = plan_version::Entity::update_many()
        .col_expr(plan_version::Column::State, Expr::value(VersionState::Shared))
        .col_expr(plan_version::Column::SharedOn, Expr::value(today))
        .filter(plan_version::Column::Id.eq(version))
        .filter(plan_version::Column::State.eq(VersionState::Drafting))
        .exec(&txn)
        .await?;
    if changed.rows_affected != 1 {
        return Ok(false);
    }
    for account in family {
        plan_consultee::ActiveModel {
            plan_version_id: Set(version),
            account_id: Set(*account),
            shared_on: Set(today),
            comment_by: Set(respond_by(today)),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(true)
}

/// Issues the final plan: a new version copied from `from`, with the named
/// setting in section I, that can never change.
///
/// # Errors
/// A database error.
pub async fn issue(
    db: &(impl ConnectionTrait + TransactionTrait),
    case: CaseId,
    from: PlanVersionId,
    placement: Placement,
    by: AccountId,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<VersionSummary, DbErr> {
    let txn = db.begin().await?;
    super::cases::lock(&txn, case).await?;
    let latest = plan_version::Entity::find()
        .filter(plan_version::Column::CaseId.eq(case))
        .order_by_desc(plan_version::Column::Number)
        .one(&txn)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound(format!("plan of case {case}")))?;
    let created = plan_version::ActiveModel {
        case_id: Set(case),
        number: Set(latest.number + 1),
        state: Set(VersionState::Issued),
        created_by: Set(Some(by)),
        created_at: Set(now),
        shared_on: Set(Some(today)),
        issued_on: Set(Some(today)),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    for p in parts(&txn, from).await? {
        let (status, content) = if p.part == Part::I {
            (PartStatus::Complete, PartContent::Placement(placement.clone()))
        } else {
            (p.status, p.content)
        };
        insert_part(&txn, created.id, p.part, status, &content, by, now).await?;
    }
    txn.commit().await?;
    Ok(summary(&created))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::deadlines::TimeLimits;
    use crate::domain::ids::TeamId;
    use crate::domain::new_case::NewCase;
    use crate::domain::plan::consultation::Answer;
    use crate::domain::plan::content::Views;
    use crate::domain::requester::Requester;
    use crate::domain::stage::Stage;
    use crate::domain::team_kind::TeamKind;
    use crate::store::plan_responses::{
        add_comment, answer_consultation, comments, consult_setting, consultations, consultees, respond_as_family,
    };
    use crate::store::test_db::databases;
    use crate::store::{accounts, cases, councils, teams};
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap()
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    struct Fixture {
        case: CaseId,
        caseworker: AccountId,
        other_caseworker: AccountId,
        parent: AccountId,
        school: TeamId,
        senco: AccountId,
    }

    async fn fixture(db: &sea_orm::DatabaseConnection) -> Fixture {
        let council = councils::ensure(db, "Test Council", "TC").await.unwrap();
        let school = teams::create(db, council, "Oak Lane School", TeamKind::EducationSetting)
            .await
            .unwrap();
        let request = NewCase {
            first_name: "Maya".into(),
            last_name: "Quill".into(),
            date_of_birth: NaiveDate::from_ymd_opt(2020, 4, 1).unwrap(),
            setting: Some(school),
            requested_by: Requester::Parent,
            received_on: NaiveDate::from_ymd_opt(2026, 8, 1).unwrap(),
        };
        let limits = TimeLimits::default();
        let case = cases::create(
            db,
            council,
            &request,
            Stage::DraftBeingDrafted,
            &Default::default(),
            &limits,
            now(),
        )
        .await
        .unwrap()
        .id;
        let account = |email: &'static str, role: Role, team: Option<TeamId>| async move {
            accounts::create(db, council, email, email, role, team, None, now())
                .await
                .unwrap()
        };
        let parent = account("parent@example.org", Role::ParentCarer, None).await;
        crate::store::case_links::link(db, case, Some(parent), None, crate::domain::access::Link::Family, now())
            .await
            .unwrap();
        Fixture {
            case,
            caseworker: account("sam@example.org", Role::Caseworker, None).await,
            other_caseworker: account("ana@example.org", Role::Caseworker, None).await,
            parent,
            school,
            senco: account("senco@example.org", Role::EducationSetting, Some(school)).await,
        }
    }

    fn about(text: &str) -> PartContent {
        PartContent::Views(Views {
            about_me: text.into(),
            ..Views::default()
        })
    }

    async fn about_me(db: &sea_orm::DatabaseConnection, version: PlanVersionId) -> PartContent {
        parts(db, version)
            .await
            .unwrap()
            .into_iter()
            .find(|p| p.part == Part::A)
            .unwrap()
            .content
    }

    #[tokio::test]
    async fn a_first_draft_has_every_part_not_started() {
        for (engine, db) in databases().await {
            let f = fixture(&db).await;
            let draft = start_draft(&db, f.case, f.caseworker, now()).await.unwrap();
            assert_eq!((draft.number, draft.state), (1, VersionState::Drafting), "{engine}");
            let all = parts(&db, draft.id).await.unwrap();
            assert_eq!(
                all.iter().map(|p| p.part).collect::<Vec<_>>(),
                Part::ALL.to_vec(),
                "{engine}"
            );
            assert!(
                all.iter()
                    .all(|p| p.status == PartStatus::NotStarted && p.content == PartContent::empty(p.part))
            );
            let again = start_draft(&db, f.case, f.caseworker, now()).await.unwrap();
            assert_eq!(again.id, draft.id, "{engine}: the open draft is reused");
        }
    }

    #[tokio::test]
    async fn the_second_of_two_saves_from_one_revision_is_refused_and_overwrites_nothing() {
        for (engine, db) in databases().await {
            let f = fixture(&db).await;
            let draft = start_draft(&db, f.case, f.caseworker, now()).await.unwrap();
            let first = save_part(
                &db,
                draft.id,
                Part::A,
                1,
                PartStatus::InProgress,
                &about("Sam's text"),
                f.caseworker,
                now(),
            )
            .await
            .unwrap();
            assert_eq!(first, Saved::Revision(2), "{engine}");
            let second = save_part(
                &db,
                draft.id,
                Part::A,
                1,
                PartStatus::Complete,
                &about("Ana's text"),
                f.other_caseworker,
                now(),
            )
            .await
            .unwrap();
            assert_eq!(second, Saved::Conflict, "{engine}");
            assert_eq!(about_me(&db, draft.id).await, about("Sam's text"), "{engine}");
            let part = parts(&db, draft.id).await.unwrap().remove(0);
            assert_eq!(part.saved_by.as_deref(), Some("sam@example.org"), "{engine}");
            assert_eq!(part.status, PartStatus::InProgress, "{engine}");
        }
    }

    #[tokio::test]
    async fn a_shared_draft_cannot_change_and_the_next_draft_starts_from_it() {
        for (engine, db) in databases().await {
            let f = fixture(&db).await;
            let v1 = start_draft(&db, f.case, f.caseworker, now()).await.unwrap();
            save_part(
                &db,
                v1.id,
                Part::A,
                1,
                PartStatus::Complete,
                &about("Version one"),
                f.caseworker,
                now(),
            )
            .await
            .unwrap();
            assert!(share(&db, v1.id, &[f.parent], today()).await.unwrap(), "{engine}");
            assert!(
                !share(&db, v1.id, &[f.parent], today()).await.unwrap(),
                "{engine}: shared once"
            );
            let late = save_part(
                &db,
                v1.id,
                Part::A,
                2,
                PartStatus::Complete,
                &about("Changed"),
                f.caseworker,
                now(),
            )
            .await
            .unwrap();
            assert_eq!(late, Saved::Closed, "{engine}");

            let family = consultees(&db, v1.id).await.unwrap();
            assert_eq!(family.len(), 1, "{engine}");
            assert_eq!(
                family[0].comment_by,
                NaiveDate::from_ymd_opt(2026, 12, 7).unwrap(),
                "{engine}"
            );
            assert!(!family[0].completed);

            let v2 = start_draft(&db, f.case, f.caseworker, now()).await.unwrap();
            assert_eq!(v2.number, 2, "{engine}");
            assert_eq!(about_me(&db, v2.id).await, about("Version one"), "{engine}");
            assert_eq!(
                about_me(&db, v1.id).await,
                about("Version one"),
                "{engine}: the old version is kept"
            );
            let listed: Vec<i32> = versions(&db, f.case).await.unwrap().iter().map(|v| v.number).collect();
            assert_eq!(listed, vec![1, 2], "{engine}");
        }
    }

    #[tokio::test]
    async fn families_comment_and_name_a_setting_and_settings_answer_once() {
        for (engine, db) in databases().await {
            let f = fixture(&db).await;
            let v1 = start_draft(&db, f.case, f.caseworker, now()).await.unwrap();
            share(&db, v1.id, &[f.parent], today()).await.unwrap();
            add_comment(&db, v1.id, Part::Cognition, f.parent, "Maya reads well at home", now())
                .await
                .unwrap();
            let said = comments(&db, v1.id).await.unwrap();
            assert_eq!(said.len(), 1, "{engine}");
            assert_eq!(
                (said[0].part, said[0].author.as_str()),
                (Part::Cognition, "parent@example.org")
            );
            let responded = respond_as_family(&db, v1.id, f.parent, Some("Oak Lane School".into()), true, now());
            assert!(responded.await.unwrap(), "{engine}");
            let not_asked = respond_as_family(&db, v1.id, f.senco, Some("Elsewhere".into()), true, now());
            assert!(!not_asked.await.unwrap(), "{engine}");
            let family = consultees(&db, v1.id).await.unwrap();
            assert!(family[0].completed, "{engine}");
            assert_eq!(family[0].preferred_setting.as_deref(), Some("Oak Lane School"));

            let consulted = consult_setting(&db, f.case, v1.id, f.school, today(), now())
                .await
                .unwrap();
            assert_eq!(
                consulted.staff_emails,
                vec!["senco@example.org".to_owned()],
                "{engine}: who to email"
            );
            let asked = consulted.id;
            assert!(
                crate::store::case_links::is_linked(&db, f.case, f.senco).await.unwrap(),
                "{engine}: the setting can read the draft"
            );
            let wrong_team = answer_consultation(
                &db,
                asked,
                TeamId(f.school.0 + 100),
                Answer::CanMeet,
                "",
                f.senco,
                now(),
            );
            assert!(!wrong_team.await.unwrap(), "{engine}");
            let answered = answer_consultation(&db, asked, f.school, Answer::CannotMeet, "No lift", f.senco, now());
            assert!(answered.await.unwrap(), "{engine}");
            let twice = answer_consultation(&db, asked, f.school, Answer::CanMeet, "", f.senco, now());
            assert!(!twice.await.unwrap(), "{engine}: an answer is not replaced");
            let listed = consultations(&db, v1.id).await.unwrap();
            assert_eq!(listed[0].answer, Some(Answer::CannotMeet), "{engine}");
            assert_eq!(listed[0].reasons.as_deref(), Some("No lift"));
            assert_eq!(listed[0].setting, "Oak Lane School");
        }
    }

    #[tokio::test]
    async fn issuing_makes_a_final_version_with_the_named_setting() {
        for (engine, db) in databases().await {
            let f = fixture(&db).await;
            let v1 = start_draft(&db, f.case, f.caseworker, now()).await.unwrap();
            save_part(
                &db,
                v1.id,
                Part::A,
                1,
                PartStatus::Complete,
                &about("Final words"),
                f.caseworker,
                now(),
            )
            .await
            .unwrap();
            share(&db, v1.id, &[f.parent], today()).await.unwrap();
            let placement = Placement {
                setting_name: "Oak Lane School".into(),
                setting_type: "Mainstream primary".into(),
            };
            let fin = issue(&db, f.case, v1.id, placement.clone(), f.caseworker, today(), now())
                .await
                .unwrap();
            assert_eq!(
                (fin.number, fin.state, fin.issued_on),
                (2, VersionState::Issued, Some(today())),
                "{engine}"
            );
            let all = parts(&db, fin.id).await.unwrap();
            assert_eq!(
                all.iter().find(|p| p.part == Part::I).unwrap().content,
                PartContent::Placement(placement)
            );
            assert_eq!(about_me(&db, fin.id).await, about("Final words"), "{engine}");
            let closed = save_part(
                &db,
                fin.id,
                Part::A,
                1,
                PartStatus::Complete,
                &about("x"),
                f.caseworker,
                now(),
            )
            .await
            .unwrap();
            assert_eq!(closed, Saved::Closed, "{engine}: the issued plan is read-only");
        }
    }
}

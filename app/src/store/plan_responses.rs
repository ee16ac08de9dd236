//! Responses to a shared draft: the family's comments, preferred setting and
//! "finished", and the settings consulted with their answers.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
    TransactionSession, TransactionTrait,
};

use super::case_links::linked_people;
use super::entities::{account, plan_comment, plan_consultee, setting_consultation, team};
use super::plans::{names, shown};
use crate::domain::access::Link;
use crate::domain::ids::{AccountId, CaseId, ConsultationId, PlanVersionId, TeamId};
use crate::domain::plan::consultation::{Answer, respond_by};
use crate::domain::plan::part::Part;
use crate::domain::role::Role;
use crate::plans::types::{CommentView, ConsultationView, ConsulteeView};

/// Comments on a version, oldest first.
///
/// # Errors
/// A database error.
pub async fn comments(db: &impl ConnectionTrait, version: PlanVersionId) -> Result<Vec<CommentView>, DbErr> {
    let rows = plan_comment::Entity::find()
        .filter(plan_comment::Column::PlanVersionId.eq(version))
        .order_by_asc(plan_comment::Column::CreatedAt)
        .order_by_asc(plan_comment::Column::Id)
        .all(db)
        .await?;
    let people = names(db, rows.iter().map(|r| r.account_id).collect()).await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let (author, role) = people.get(&r.account_id).cloned().unwrap_or_default();
            CommentView {
                part: r.part,
                author,
                role,
                when: shown(r.created_at),
                body: r.body,
            }
        })
        .collect())
}

/// # Errors
/// A database error.
pub async fn add_comment(
    db: &impl ConnectionTrait,
    version: PlanVersionId,
    part: Part,
    by: AccountId,
    body: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    plan_comment::ActiveModel {
        plan_version_id: Set(version),
        part: Set(part),
        account_id: Set(by),
        body: Set(body.to_owned()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// How many comments one person has left on one part of a version. (Read
/// before adding one; two added at the same moment may both pass the limit's
/// check, so the limit bounds the table without being exact.)
///
/// # Errors
/// A database error.
pub async fn comment_count(
    db: &impl ConnectionTrait,
    version: PlanVersionId,
    part: Part,
    by: AccountId,
) -> Result<usize, DbErr> {
    let count = plan_comment::Entity::find()
        .filter(plan_comment::Column::PlanVersionId.eq(version))
        .filter(plan_comment::Column::Part.eq(part.as_str()))
        .filter(plan_comment::Column::AccountId.eq(by))
        .count(db)
        .await?;
    Ok(usize::try_from(count).unwrap_or(usize::MAX))
}

/// The family members asked to comment on a version.
///
/// # Errors
/// A database error.
pub async fn consultees(db: &impl ConnectionTrait, version: PlanVersionId) -> Result<Vec<ConsulteeView>, DbErr> {
    let rows = plan_consultee::Entity::find()
        .filter(plan_consultee::Column::PlanVersionId.eq(version))
        .order_by_asc(plan_consultee::Column::Id)
        .all(db)
        .await?;
    let people = names(db, rows.iter().map(|r| r.account_id).collect()).await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let (name, role) = people.get(&r.account_id).cloned().unwrap_or_default();
            ConsulteeView {
                account: r.account_id,
                name,
                role,
                shared_on: r.shared_on,
                comment_by: r.comment_by,
                completed: r.completed_at.is_some(),
                preferred_setting: r.preferred_setting,
            }
        })
        .collect())
}

/// Records a family member's preferred setting and, if they say so, that
/// they have finished commenting. Answers whether they are a consultee.
///
/// # Errors
/// A database error.
pub async fn respond_as_family(
    db: &impl ConnectionTrait,
    version: PlanVersionId,
    by: AccountId,
    preferred_setting: Option<String>,
    finished: bool,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let Some(row) = plan_consultee::Entity::find()
        .filter(plan_consultee::Column::PlanVersionId.eq(version))
        .filter(plan_consultee::Column::AccountId.eq(by))
        .one(db)
        .await?
    else {
        return Ok(false);
    };
    let mut active: plan_consultee::ActiveModel = row.into();
    if preferred_setting.is_some() {
        active.preferred_setting = Set(preferred_setting);
    }
    if finished {
        active.completed_at = Set(Some(now));
    }
    active.update(db).await?;
    Ok(true)
}

/// A setting asked, and the email addresses of its people, who may now read the case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Consulted {
    pub id: ConsultationId,
    pub staff_emails: Vec<String>,
}

/// Asks a setting whether it can meet the needs in a shared draft, and lets
/// the setting's people read the case.
///
/// # Errors
/// A database error.
pub async fn consult_setting(
    db: &(impl ConnectionTrait + TransactionTrait),
    case: CaseId,
    version: PlanVersionId,
    setting: TeamId,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Consulted, DbErr> {
    let txn = db.begin().await?;
    super::cases::lock(&txn, case).await?;
    let staff = account::Entity::find()
        .filter(account::Column::TeamId.eq(setting))
        .filter(account::Column::Role.eq(Role::EducationSetting))
        .all(&txn)
        .await?;
    let staff_emails = staff.iter().map(|a| a.email.clone()).collect();
    if let Some(existing) = setting_consultation::Entity::find()
        .filter(setting_consultation::Column::PlanVersionId.eq(version))
        .filter(setting_consultation::Column::TeamId.eq(setting))
        .one(&txn)
        .await?
    {
        return Ok(Consulted {
            id: existing.id,
            staff_emails,
        });
    }
    let created = setting_consultation::ActiveModel {
        plan_version_id: Set(version),
        team_id: Set(setting),
        requested_on: Set(today),
        respond_by: Set(respond_by(today)),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let already: Vec<AccountId> = linked_people(&txn, case).await?.iter().map(|p| p.account).collect();
    for person in staff.iter().filter(|a| !already.contains(&a.id)) {
        super::case_links::link(&txn, case, Some(person.id), None, Link::Contributor, now).await?;
    }
    txn.commit().await?;
    Ok(Consulted {
        id: created.id,
        staff_emails,
    })
}

/// The settings consulted on a version.
///
/// # Errors
/// A database error.
pub async fn consultations(db: &impl ConnectionTrait, version: PlanVersionId) -> Result<Vec<ConsultationView>, DbErr> {
    let rows = setting_consultation::Entity::find()
        .filter(setting_consultation::Column::PlanVersionId.eq(version))
        .order_by_asc(setting_consultation::Column::Id)
        .all(db)
        .await?;
    let teams: HashMap<TeamId, String> = team::Entity::find()
        .filter(team::Column::Id.is_in(rows.iter().map(|r| r.team_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.id, t.name))
        .collect();
    Ok(rows
        .into_iter()
        .map(|r| ConsultationView {
            id: r.id,
            team: r.team_id,
            setting: teams.get(&r.team_id).cloned().unwrap_or_default(),
            requested_on: r.requested_on,
            respond_by: r.respond_by,
            answer: r.answer,
            reasons: r.reasons,
            answered_at: r.answered_at.map(shown),
        })
        .collect())
}

/// Records a setting's answer; only the setting asked may answer, once.
///
/// # Errors
/// A database error.
pub async fn answer_consultation(
    db: &impl ConnectionTrait,
    consultation: ConsultationId,
    setting: TeamId,
    answer: Answer,
    reasons: &str,
    by: AccountId,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let result = setting_consultation::Entity::update_many()
        .col_expr(setting_consultation::Column::Answer, Expr::value(answer))
        .col_expr(setting_consultation::Column::Reasons, Expr::value(reasons))
        .col_expr(setting_consultation::Column::AnsweredBy, Expr::value(by))
        .col_expr(setting_consultation::Column::AnsweredAt, Expr::value(now))
        .filter(setting_consultation::Column::Id.eq(consultation))
        .filter(setting_consultation::Column::TeamId.eq(setting))
        .filter(setting_consultation::Column::Answer.is_null())
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

//! The audit log: every significant read and every change, who did it, in
//! what role, to which case, and when. Rows are only ever added.

use super::entities::{account, audit_event};
use crate::domain::audit::{AuditAction, AuditEntry, AuditFilter};
use crate::domain::ids::CaseId;
use crate::domain::role::Role;
use crate::domain::viewer::Viewer;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, JoinType, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

/// Adds an event to the log.
///
/// # Errors
/// A database error.
pub async fn record(
    db: &impl ConnectionTrait,
    who: Option<&Viewer>,
    action: AuditAction,
    case: Option<CaseId>,
    detail: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    audit_event::ActiveModel {
        at: Set(now),
        account_id: Set(who.map(|v| v.account)),
        role: Set(who.map(|v| v.role.as_str()).unwrap_or("").to_owned()),
        action: Set(action),
        case_id: Set(case),
        detail: Set(detail.to_owned()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// A moment as people in England read it: "23 November 2026, 10:42:05".
pub fn in_england(at: DateTime<Utc>) -> String {
    at.with_timezone(&chrono_tz::Europe::London)
        .format("%-d %B %Y, %H:%M:%S")
        .to_string()
}

/// The newest events matching the filter, at most `limit`.
///
/// # Errors
/// A database error.
pub async fn search(db: &impl ConnectionTrait, filter: &AuditFilter, limit: u64) -> Result<Vec<AuditEntry>, DbErr> {
    let mut condition = Condition::all();
    if let Some(case) = filter.case {
        condition = condition.add(audit_event::Column::CaseId.eq(case));
    }
    if let Some(account) = filter.account {
        condition = condition.add(audit_event::Column::AccountId.eq(account));
    }
    let person = filter.person.trim().to_lowercase();
    if !person.is_empty() {
        let escaped = person.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
        let like = |col: account::Column| {
            Expr::expr(Func::lower(Expr::col((account::Entity, col))))
                .like(LikeExpr::new(format!("%{escaped}%")).escape('\\'))
        };
        condition = condition.add(
            Condition::any()
                .add(like(account::Column::Name))
                .add(like(account::Column::Email)),
        );
    }
    let rows = audit_event::Entity::find()
        .select_also(account::Entity)
        .join(
            JoinType::LeftJoin,
            audit_event::Entity::belongs_to(account::Entity)
                .from(audit_event::Column::AccountId)
                .to(account::Column::Id)
                .into(),
        )
        .filter(condition)
        .order_by_desc(audit_event::Column::At)
        .order_by_desc(audit_event::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(event, person)| AuditEntry {
            when: in_england(event.at),
            who: person.map(|p| (p.name, p.email)),
            role: Role::parse(&event.role),
            action: Some(event.action),
            case: event.case_id,
            detail: event.detail,
        })
        .collect())
}

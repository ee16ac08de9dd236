//! The audit log: every significant read and every change, who did it, in
//! what role, to which case, and when. Rows are only ever added.

use super::entities::{account, audit_event, ehc_case};
use crate::domain::audit::{AuditAction, AuditEntry, AuditFilter};
use crate::domain::ids::{CaseId, LocalAuthorityId};
use crate::domain::role::Role;
use crate::domain::viewer::Viewer;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, JoinType, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

/// Adds an event to the log, in `db`'s transaction if it is one.
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
    row(who, action, case, detail, now).insert(db).await?;
    Ok(())
}

/// One event as a row to write.
pub fn row(
    who: Option<&Viewer>,
    action: AuditAction,
    case: Option<CaseId>,
    detail: &str,
    now: DateTime<Utc>,
) -> audit_event::ActiveModel {
    audit_event::ActiveModel {
        at: Set(now),
        account_id: Set(who.map(|v| v.account)),
        role: Set(who.map(|v| v.role.as_str()).unwrap_or("").to_owned()),
        action: Set(action),
        case_id: Set(case),
        detail: Set(detail.to_owned()),
        ..Default::default()
    }
}

/// A moment as people in England read it: "23 November 2026, 10:42:05".
pub fn in_england(at: DateTime<Utc>) -> String {
    at.with_timezone(&chrono_tz::Europe::London)
        .format("%-d %B %Y, %H:%M:%S")
        .to_string()
}

/// The newest events of one council matching the filter, at most `limit`.
/// An event is the council's when its person or its case is: one council's
/// administrators never read another's log, though they share a database.
///
/// # Errors
/// A database error.
pub async fn search(
    db: &impl ConnectionTrait,
    council: LocalAuthorityId,
    filter: &AuditFilter,
    limit: u64,
) -> Result<Vec<AuditEntry>, DbErr> {
    let councils_cases = Query::select()
        .column(ehc_case::Column::Id)
        .from(ehc_case::Entity)
        .and_where(Expr::col((ehc_case::Entity, ehc_case::Column::LocalAuthorityId)).eq(council))
        .to_owned();
    let mut condition = Condition::all().add(
        Condition::any()
            .add(Expr::col((account::Entity, account::Column::LocalAuthorityId)).eq(council))
            .add(audit_event::Column::CaseId.in_subquery(councils_cases)),
    );
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
        .select_only()
        .columns([
            audit_event::Column::At,
            audit_event::Column::Role,
            audit_event::Column::Action,
            audit_event::Column::CaseId,
            audit_event::Column::Detail,
        ])
        .column_as(account::Column::Name, "person_name")
        .column_as(account::Column::Email, "person_email")
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
        .into_model::<EventRow>()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|event| AuditEntry {
            when: in_england(event.at),
            who: event.person_name.zip(event.person_email),
            role: Role::parse(&event.role),
            action: Some(event.action),
            case: event.case_id,
            detail: event.detail,
        })
        .collect())
}

/// The columns of an event the log shows, and its person's name and address.
#[derive(Debug, sea_orm::FromQueryResult)]
struct EventRow {
    at: DateTime<Utc>,
    role: String,
    action: AuditAction,
    case_id: Option<CaseId>,
    detail: String,
    person_name: Option<String>,
    person_email: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{accounts, councils, test_db};

    #[tokio::test]
    async fn a_council_reads_only_its_own_peoples_and_cases_events() {
        for (engine, db) in test_db::databases().await {
            let now = Utc::now();
            let ours = councils::ensure(&db, "Our Council", "OC").await.unwrap();
            let theirs = councils::ensure(&db, "Their Council", "TC").await.unwrap();
            let mut people = Vec::new();
            for (council, email) in [(ours, "ours@example.org"), (theirs, "theirs@example.org")] {
                let account = accounts::create(&db, council, email, email, Role::LaAdmin, None, None, now)
                    .await
                    .unwrap();
                let viewer = accounts::find(&db, account).await.unwrap().unwrap();
                record(&db, Some(&viewer), AuditAction::SignedIn, None, email, now)
                    .await
                    .unwrap();
                people.push(viewer);
            }
            // Nobody's: a refused sign-in for an address with no account.
            record(&db, None, AuditAction::SignInRefused, None, "nobody@example.org", now)
                .await
                .unwrap();
            for (council, seen) in [(ours, "ours@example.org"), (theirs, "theirs@example.org")] {
                let log = search(&db, council, &AuditFilter::default(), 50).await.unwrap();
                let details: Vec<&str> = log.iter().map(|e| e.detail.as_str()).collect();
                assert_eq!(details, [seen], "{engine}");
                // Naming the other council's person finds nothing either.
                let other = people.iter().find(|p| p.council != council).unwrap();
                let filter = AuditFilter {
                    account: Some(other.account),
                    ..AuditFilter::default()
                };
                assert!(search(&db, council, &filter, 50).await.unwrap().is_empty(), "{engine}");
            }
        }
    }
}

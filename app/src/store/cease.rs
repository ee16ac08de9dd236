//! A plan that has ceased: when, why and the caseworker's note, kept on the
//! case in the transaction of the case event that closes it
//! (`CaseEvent::PlanCeased`).

use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use super::entities::ehc_case;
use crate::domain::cease::Ceased;
use crate::domain::ids::CaseId;

/// Keeps why and when the case's plan ceased.
///
/// # Errors
/// A database error.
pub async fn record(txn: &impl ConnectionTrait, case: CaseId, ceased: &Ceased) -> Result<(), DbErr> {
    ehc_case::Entity::update_many()
        .col_expr(ehc_case::Column::CeasedOn, Expr::value(ceased.on))
        .col_expr(ehc_case::Column::CeaseReason, Expr::value(ceased.reason))
        .col_expr(ehc_case::Column::CeaseNote, Expr::value(ceased.note.clone()))
        .filter(ehc_case::Column::Id.eq(case))
        .exec(txn)
        .await?;
    Ok(())
}

/// When and why the case's plan ceased, if it has.
///
/// # Errors
/// A database error.
pub async fn of_case(db: &impl ConnectionTrait, case: CaseId) -> Result<Option<Ceased>, DbErr> {
    let row = ehc_case::Entity::find_by_id(case).one(db).await?;
    Ok(row.and_then(|r| {
        Some(Ceased {
            on: r.ceased_on?,
            reason: r.cease_reason?,
            note: r.cease_note.unwrap_or_default(),
        })
    }))
}

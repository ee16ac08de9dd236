//! A professional's advice on the advice template, one row per request. The
//! whole advice carries one revision: a save names the revision it was typed
//! over, so two tabs (or a writer and their supervisor) never overwrite each
//! other silently. Submitting freezes it.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Set};

use super::entities::{advice, advice_request};
use crate::domain::advice::RequestStatus;
use crate::domain::advice_template::{AdviceAreas, AdviceHeader};
use crate::domain::ids::{AccountId, CaseId};

/// Advice as saved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Advice {
    pub request: i64,
    pub header: AdviceHeader,
    pub areas: AdviceAreas,
    pub revision: i32,
    pub updated_at: DateTime<Utc>,
    pub updated_by: AccountId,
    pub submitted_at: Option<DateTime<Utc>>,
}

fn from_row(row: advice::Model) -> Result<Advice, DbErr> {
    let areas = serde_json::from_str(&row.areas).map_err(|e| DbErr::Custom(format!("advice areas: {e}")))?;
    Ok(Advice {
        request: row.request_id,
        header: AdviceHeader {
            on_behalf: row.on_behalf,
            on_behalf_of: row.on_behalf_of,
            giver_name: row.giver_name,
            giver_role: row.giver_role,
            will_provide: match row.will_provide.as_str() {
                "yes" => Some(true),
                "no" => Some(false),
                _ => None,
            },
            no_reason: row.no_reason,
        },
        areas,
        revision: row.revision,
        updated_at: row.updated_at,
        updated_by: row.updated_by,
        submitted_at: row.submitted_at,
    })
}

fn will_provide(header: &AdviceHeader) -> &'static str {
    match header.will_provide {
        Some(true) => "yes",
        Some(false) => "no",
        None => "",
    }
}

/// The advice answering `request`, if any was saved.
///
/// # Errors
/// A database error.
pub async fn for_request(db: &impl ConnectionTrait, request: i64) -> Result<Option<Advice>, DbErr> {
    advice::Entity::find()
        .filter(advice::Column::RequestId.eq(request))
        .one(db)
        .await?
        .map(from_row)
        .transpose()
}

/// Every submitted advice on a case, oldest first.
///
/// # Errors
/// A database error.
pub async fn submitted(db: &impl ConnectionTrait, case: CaseId) -> Result<Vec<Advice>, DbErr> {
    advice::Entity::find()
        .filter(advice::Column::CaseId.eq(case))
        .filter(advice::Column::SubmittedAt.is_not_null())
        .order_by_asc(advice::Column::SubmittedAt)
        .order_by_asc(advice::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(from_row)
        .collect()
}

/// What became of a save or a submission.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Saved {
    /// Saved; the new revision.
    At(i32),
    /// Someone saved after this was read, or it was submitted meanwhile.
    Conflict,
}

/// One save of the advice answering `request` on `case`.
pub struct Save<'a> {
    pub case: CaseId,
    pub request: i64,
    /// The revision it was typed over: 0 for advice never saved.
    pub revision: i32,
    pub header: &'a AdviceHeader,
    pub areas: &'a AdviceAreas,
    /// Submit it in the same write: it is then read-only.
    pub submit: bool,
    pub by: AccountId,
    pub now: DateTime<Utc>,
}

/// Saves advice if nobody saved since it was read and it is not submitted;
/// the request's status follows (draft, or submitted).
///
/// # Errors
/// A database error.
pub async fn save(db: &impl ConnectionTrait, save: Save<'_>) -> Result<Saved, DbErr> {
    let areas = serde_json::to_string(save.areas).map_err(|e| DbErr::Custom(format!("advice areas: {e}")))?;
    let submitted_at = save.submit.then_some(save.now);
    let next = if save.revision == 0 {
        let row = advice::ActiveModel {
            request_id: Set(save.request),
            case_id: Set(save.case),
            on_behalf: Set(save.header.on_behalf),
            on_behalf_of: Set(save.header.on_behalf_of.clone()),
            giver_name: Set(save.header.giver_name.clone()),
            giver_role: Set(save.header.giver_role.clone()),
            will_provide: Set(will_provide(save.header).to_owned()),
            no_reason: Set(save.header.no_reason.clone()),
            areas: Set(areas),
            revision: Set(1),
            updated_at: Set(save.now),
            updated_by: Set(save.by),
            submitted_at: Set(submitted_at),
            ..Default::default()
        };
        // Two first saves at once: the unique request lets one in.
        if row.insert(db).await.is_err() {
            return Ok(Saved::Conflict);
        }
        1
    } else {
        let result = advice::Entity::update_many()
            .col_expr(advice::Column::OnBehalf, Expr::value(save.header.on_behalf))
            .col_expr(
                advice::Column::OnBehalfOf,
                Expr::value(save.header.on_behalf_of.clone()),
            )
            .col_expr(advice::Column::GiverName, Expr::value(save.header.giver_name.clone()))
            .col_expr(advice::Column::GiverRole, Expr::value(save.header.giver_role.clone()))
            .col_expr(advice::Column::WillProvide, Expr::value(will_provide(save.header)))
            .col_expr(advice::Column::NoReason, Expr::value(save.header.no_reason.clone()))
            .col_expr(advice::Column::Areas, Expr::value(areas))
            .col_expr(advice::Column::Revision, Expr::value(save.revision + 1))
            .col_expr(advice::Column::UpdatedAt, Expr::value(save.now))
            .col_expr(advice::Column::UpdatedBy, Expr::value(save.by))
            .col_expr(advice::Column::SubmittedAt, Expr::value(submitted_at))
            .filter(advice::Column::RequestId.eq(save.request))
            .filter(advice::Column::Revision.eq(save.revision))
            .filter(advice::Column::SubmittedAt.is_null())
            .exec(db)
            .await?;
        if result.rows_affected != 1 {
            return Ok(Saved::Conflict);
        }
        save.revision + 1
    };
    let status = if save.submit {
        RequestStatus::Submitted
    } else {
        RequestStatus::Draft
    };
    advice_request::Entity::update_many()
        .col_expr(advice_request::Column::Status, Expr::value(status))
        .col_expr(advice_request::Column::UpdatedAt, Expr::value(save.now))
        .col_expr(
            advice_request::Column::Version,
            Expr::col(advice_request::Column::Version).add(1),
        )
        .filter(advice_request::Column::Id.eq(save.request))
        .filter(advice_request::Column::Status.is_in([
            RequestStatus::Requested,
            RequestStatus::Allocated,
            RequestStatus::Draft,
        ]))
        .exec(db)
        .await?;
    Ok(Saved::At(next))
}

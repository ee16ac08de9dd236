//! A request for information or for advice, to a team or a named professional.

use sea_orm::entity::prelude::*;

use crate::domain::advice::{RequestKind, RequestStatus, TeamAnswer};
use crate::domain::ids::{AccountId, CaseId, TeamId};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "advice_request")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub case_id: CaseId,
    pub kind: RequestKind,
    pub team_id: Option<TeamId>,
    pub account_id: Option<AccountId>,
    pub status: RequestStatus,
    pub asked_by: AccountId,
    pub asked_on: Date,
    pub due_on: Date,
    pub note: String,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// The team manager's answer for the team, with its reason.
    pub team_answer: Option<TeamAnswer>,
    pub answer_reason: Option<String>,
    pub answered_by: Option<AccountId>,
    pub answered_at: Option<DateTimeUtc>,
    /// For a member's request: the team's request it was allocated from.
    pub allocated_from: Option<i64>,
    /// The days reminders went: once due soon, once overdue.
    pub reminded_soon_on: Option<Date>,
    pub reminded_overdue_on: Option<Date>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

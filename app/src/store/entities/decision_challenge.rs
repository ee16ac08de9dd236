//! A mediation or an appeal against one decision.

use sea_orm::entity::prelude::*;

use crate::domain::challenge::{ChallengeKind, ChallengeOutcome};
use crate::domain::ids::AccountId;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "decision_challenge")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub decision_id: i64,
    pub kind: ChallengeKind,
    pub started_on: Date,
    pub outcome: ChallengeOutcome,
    pub ended_on: Option<Date>,
    pub note: String,
    pub recorded_by: AccountId,
    pub recorded_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

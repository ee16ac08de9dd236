//! A school or setting asked whether it can meet the needs in a draft plan.

use sea_orm::entity::prelude::*;

use crate::domain::ids::{AccountId, ConsultationId, PlanVersionId, TeamId};

use crate::domain::plan::consultation::Answer;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "setting_consultation")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: ConsultationId,
    pub plan_version_id: PlanVersionId,
    pub team_id: TeamId,
    pub requested_on: Date,
    pub respond_by: Date,
    /// Once answered.
    pub answer: Option<Answer>,
    pub reasons: Option<String>,
    pub answered_by: Option<AccountId>,
    pub answered_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

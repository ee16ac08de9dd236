//! A parent, carer or young person asked to comment on a shared draft.

use sea_orm::entity::prelude::*;

use crate::domain::ids::{AccountId, PlanVersionId};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "plan_consultee")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub plan_version_id: PlanVersionId,
    pub account_id: AccountId,
    pub shared_on: Date,
    /// 15 days after sharing.
    pub comment_by: Date,
    pub preferred_setting: Option<String>,
    /// When they said they had finished commenting.
    pub completed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! A school or setting asked whether it can meet the needs in a draft plan.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "setting_consultation")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub plan_version_id: i64,
    pub team_id: i64,
    pub requested_on: Date,
    pub respond_by: Date,
    /// A [`crate::domain::plan::consultation::Answer`] stored by name, once answered.
    pub answer: Option<String>,
    pub reasons: Option<String>,
    pub answered_by: Option<i64>,
    pub answered_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

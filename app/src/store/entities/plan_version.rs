//! One version of a case's EHC plan: a draft, a shared draft or the final plan.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "plan_version")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub case_id: i64,
    /// From 1, per case.
    pub number: i32,
    /// A [`crate::domain::plan::version::VersionState`] stored by name.
    pub state: String,
    pub created_by: Option<i64>,
    pub created_at: DateTimeUtc,
    pub shared_on: Option<Date>,
    pub issued_on: Option<Date>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

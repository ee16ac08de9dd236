//! One part of one plan version, saved as a whole.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "plan_part")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub plan_version_id: i64,
    /// A [`crate::domain::plan::part::Part`] stored by name.
    pub part: String,
    /// A [`crate::domain::plan::part::PartStatus`] stored by name.
    pub status: String,
    /// A [`crate::domain::plan::content::PartContent`] as JSON.
    pub content: String,
    pub revision: i32,
    pub updated_by: Option<i64>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

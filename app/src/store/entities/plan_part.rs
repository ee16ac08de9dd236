//! One part of one plan version, saved as a whole.

use sea_orm::entity::prelude::*;

use crate::domain::ids::{AccountId, PlanVersionId};

use crate::domain::plan::part::{Part, PartStatus};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "plan_part")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub plan_version_id: PlanVersionId,
    pub part: Part,
    pub status: PartStatus,
    /// A [`crate::domain::plan::content::PartContent`] as JSON.
    pub content: String,
    pub revision: i32,
    pub updated_by: Option<AccountId>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

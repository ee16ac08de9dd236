//! A comment on one part of a shared draft.

use sea_orm::entity::prelude::*;

use crate::domain::ids::{AccountId, PlanVersionId};

use crate::domain::plan::part::Part;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "plan_comment")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub plan_version_id: PlanVersionId,
    pub part: Part,
    pub account_id: AccountId,
    pub body: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

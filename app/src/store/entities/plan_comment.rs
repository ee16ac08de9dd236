//! A comment on one part of a shared draft.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "plan_comment")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub plan_version_id: i64,
    pub part: String,
    pub account_id: i64,
    pub body: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

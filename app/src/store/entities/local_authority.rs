//! A council running the hub. `next_case_number` hands out case references.

use sea_orm::entity::prelude::*;

use crate::domain::ids::LocalAuthorityId;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "local_authority")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: LocalAuthorityId,
    pub name: String,
    pub code: String,
    pub next_case_number: i64,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

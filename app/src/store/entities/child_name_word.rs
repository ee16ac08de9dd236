//! One word of a child's names ([`crate::domain::names`]), under the child's
//! council: the index the trays' name search reads a range of.

use sea_orm::entity::prelude::*;

use crate::domain::ids::{ChildId, LocalAuthorityId};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "child_name_word")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub local_authority_id: LocalAuthorityId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub word: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub child_id: ChildId,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

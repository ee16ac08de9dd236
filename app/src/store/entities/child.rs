//! A child or young person. One child may have more than one case over time.

use sea_orm::entity::prelude::*;

use crate::domain::ids::{ChildId, LocalAuthorityId};
use crate::domain::sen2::codes::{Ethnicity, Sex, UpnUnknown};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "child")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: ChildId,
    pub local_authority_id: LocalAuthorityId,
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: Date,
    /// The details the DfE's SEN2 return needs; empty until recorded.
    pub sex: Option<Sex>,
    pub ethnicity: Option<Ethnicity>,
    /// The unique pupil number, or why there is none (`upn_unknown`).
    pub upn: Option<String>,
    pub upn_unknown: Option<UpnUnknown>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::ehc_case::Entity")]
    Case,
}

impl Related<super::ehc_case::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Case.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

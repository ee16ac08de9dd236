//! A council running the hub. `next_case_number` hands out case references.

use sea_orm::entity::prelude::*;

use crate::domain::ids::LocalAuthorityId;
use crate::domain::sen2::codes::InPost;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "local_authority")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: LocalAuthorityId,
    pub name: String,
    pub code: String,
    pub next_case_number: i64,
    /// The council's DfE number, and its answers in the SEN2 return's
    /// header: whether its designated officers are in post.
    pub dfe_number: Option<String>,
    pub medical_officer: Option<InPost>,
    pub clinical_officer: Option<InPost>,
    pub social_care_officer: Option<InPost>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

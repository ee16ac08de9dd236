//! One version of a case's EHC plan: a draft, a shared draft or the final plan.

use sea_orm::entity::prelude::*;

use crate::domain::ids::{AccountId, CaseId, PlanVersionId};

use crate::domain::plan::version::VersionState;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "plan_version")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: PlanVersionId,
    pub case_id: CaseId,
    /// From 1, per case.
    pub number: i32,
    pub state: VersionState,
    pub created_by: Option<AccountId>,
    pub created_at: DateTimeUtc,
    pub shared_on: Option<Date>,
    pub issued_on: Option<Date>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! An exception to the pathway's time limits recorded on a case.

use sea_orm::entity::prelude::*;

use crate::domain::exception::ExceptionKind;
use crate::domain::ids::{AccountId, CaseId};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "case_exception")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub case_id: CaseId,
    pub kind: ExceptionKind,
    pub starts_on: Date,
    pub ends_on: Option<Date>,
    pub note: String,
    pub recorded_by: AccountId,
    pub recorded_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

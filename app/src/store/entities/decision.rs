//! A decision whether to assess or whether to issue a plan, on one case.

use sea_orm::entity::prelude::*;

use crate::domain::decision::DecisionQuestion;
use crate::domain::ids::{AccountId, CaseId};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "decision")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub case_id: CaseId,
    pub question: DecisionQuestion,
    pub agreed: bool,
    pub decided_on: Date,
    pub reasons: String,
    /// The areas of need's stored names, comma-separated.
    pub areas: String,
    pub recommendations: String,
    pub recorded_by: AccountId,
    pub recorded_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

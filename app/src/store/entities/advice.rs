//! One person's advice on the advice template, answering one request.

use sea_orm::entity::prelude::*;

use crate::domain::ids::{AccountId, CaseId};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "advice")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub request_id: i64,
    pub case_id: CaseId,
    pub on_behalf: bool,
    pub on_behalf_of: String,
    pub giver_name: String,
    pub giver_role: String,
    pub will_provide: String,
    pub no_reason: String,
    /// The areas as JSON ([`crate::domain::advice_template::AdviceAreas`]).
    pub areas: String,
    pub revision: i32,
    pub updated_at: DateTimeUtc,
    pub updated_by: AccountId,
    pub submitted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

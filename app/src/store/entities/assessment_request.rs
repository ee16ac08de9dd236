//! A request for an assessment made online, beside the case it opened.

use sea_orm::entity::prelude::*;

use crate::domain::ids::{AccountId, CaseId};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "assessment_request")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub case_id: CaseId,
    pub made_by: AccountId,
    pub parental_responsibility: Option<bool>,
    pub others_with_responsibility: String,
    pub phone: String,
    pub family_name: String,
    pub family_email: String,
    pub consent: bool,
    /// The areas of need's stored names, comma-separated.
    pub areas: String,
    pub reasons: String,
    pub support_tried: String,
    pub made_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! The written views of one space on a case, and whether they were sent.

use sea_orm::entity::prelude::*;

use crate::domain::ids::{AccountId, CaseId};
use crate::domain::uploads::Attachment;
use crate::domain::views::ViewsState;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "family_views")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub case_id: CaseId,
    pub space: Attachment,
    pub liked: String,
    pub important: String,
    pub support: String,
    pub hopes: String,
    pub state: ViewsState,
    pub revision: i32,
    pub updated_at: DateTimeUtc,
    pub updated_by: Option<AccountId>,
    pub sent_at: Option<DateTimeUtc>,
    pub sent_by: Option<AccountId>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

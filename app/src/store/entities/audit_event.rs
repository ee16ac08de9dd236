//! One recorded read or change: who, in what role, did what, to which case, when.

use sea_orm::entity::prelude::*;

use crate::domain::ids::{AccountId, CaseId};

use crate::domain::audit::AuditAction;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_event")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub at: DateTimeUtc,
    pub account_id: Option<AccountId>,
    /// A [`crate::domain::role::Role`] stored by name, or empty when nobody was signed in.
    pub role: String,
    pub action: AuditAction,
    pub case_id: Option<CaseId>,
    pub detail: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

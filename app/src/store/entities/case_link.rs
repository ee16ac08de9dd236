//! What links a person, or a team, to a case they may see.

use sea_orm::entity::prelude::*;

use crate::domain::ids::{AccountId, CaseId, TeamId};

use crate::domain::access::Link;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "case_link")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub case_id: CaseId,
    pub account_id: Option<AccountId>,
    pub team_id: Option<TeamId>,
    pub link: Link,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

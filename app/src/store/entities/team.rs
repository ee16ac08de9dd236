//! A team or organisation in a council's area: a service or an education setting.

use sea_orm::entity::prelude::*;

use crate::domain::ids::{LocalAuthorityId, TeamId};

use crate::domain::team_kind::TeamKind;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "team")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: TeamId,
    pub local_authority_id: LocalAuthorityId,
    pub name: String,
    pub kind: TeamKind,
    /// Where requests to the team are emailed; without one, to its managers.
    pub contact_email: Option<String>,
    /// A school's or college's unique reference number, for the SEN2 return.
    pub urn: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

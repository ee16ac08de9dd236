//! A person who signs in. The password hash never leaves `store`.

use sea_orm::entity::prelude::*;

use crate::domain::ids::{AccountId, LocalAuthorityId, TeamId};

use crate::domain::role::Role;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "account")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: AccountId,
    pub local_authority_id: LocalAuthorityId,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub team_id: Option<TeamId>,
    pub password_hash: Option<String>,
    /// The authenticator app's key, sealed with the server's key.
    pub totp_secret: Option<String>,
    pub totp_last_step: Option<i64>,
    pub failed_sign_ins: i32,
    pub locked_until: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! A signed-in browser. The id is the SHA-256 of the cookie's token.

use sea_orm::entity::prelude::*;

use crate::domain::ids::AccountId;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "session")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub account_id: AccountId,
    pub second_factor_passed: bool,
    pub email_code_hash: Option<String>,
    pub email_code_expires_at: Option<DateTimeUtc>,
    /// Tries at the second-factor code so far.
    pub code_attempts: i32,
    /// The authenticator key shown while the person sets up an app, sealed.
    pub pending_totp_secret: Option<String>,
    pub created_at: DateTimeUtc,
    pub last_seen_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// Whose session it is: read with the session on every request.
    #[sea_orm(
        belongs_to = "super::account::Entity",
        from = "Column::AccountId",
        to = "super::account::Column::Id"
    )]
    Account,
}

impl Related<super::account::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Account.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

//! Adds single-use tokens for emailed links: invitations and password resets.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261123_000002_account_tokens"
    }
}

#[derive(DeriveIden)]
enum Account {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum AccountToken {
    Table,
    Id,
    AccountId,
    Purpose,
    TokenHash,
    ExpiresAt,
    UsedAt,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AccountToken::Table)
                    .col(big_pk_auto(AccountToken::Id))
                    .col(big_integer(AccountToken::AccountId))
                    .col(string_len(AccountToken::Purpose, 20))
                    // SHA-256 of the token in the link; the link itself is never stored.
                    .col(string_len(AccountToken::TokenHash, 64))
                    .col(timestamp_with_time_zone(AccountToken::ExpiresAt))
                    .col(timestamp_with_time_zone_null(AccountToken::UsedAt))
                    .col(timestamp_with_time_zone(AccountToken::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_account_token_account")
                            .from(AccountToken::Table, AccountToken::AccountId)
                            .to(Account::Table, Account::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_account_token_hash")
                    .table(AccountToken::Table)
                    .col(AccountToken::TokenHash)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AccountToken::Table).to_owned())
            .await
    }
}

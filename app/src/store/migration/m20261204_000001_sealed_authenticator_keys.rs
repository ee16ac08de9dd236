//! Room for sealed authenticator keys: the account's key column grows to
//! hold one (SQLite does not enforce lengths; PostgreSQL does), and each
//! session gets a place for the key shown while the person sets up an app,
//! so the key never has to come back from the browser.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::DbBackend;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261204_000001_sealed_authenticator_keys"
    }
}

#[derive(DeriveIden)]
enum Account {
    Table,
    TotpSecret,
}

#[derive(DeriveIden)]
enum Session {
    Table,
    PendingTotpSecret,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == DbBackend::Postgres {
            manager
                .alter_table(
                    Table::alter()
                        .table(Account::Table)
                        .modify_column(string_len_null(Account::TotpSecret, 200))
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Session::Table)
                    .add_column(string_len_null(Session::PendingTotpSecret, 200))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Session::Table)
                    .drop_column(Session::PendingTotpSecret)
                    .to_owned(),
            )
            .await
    }
}

//! Wrong passwords from one network address no longer lock it out: past a
//! limit it is paced instead, one try every few seconds. The lock's end
//! becomes the time of the next try; counts so far are dropped.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261203_000001_sign_in_pacing"
    }
}

#[derive(DeriveIden)]
enum SignInThrottle {
    Table,
    LockedUntil,
    NextAttemptAt,
}

fn rename(from: SignInThrottle, to: SignInThrottle) -> TableAlterStatement {
    Table::alter()
        .table(SignInThrottle::Table)
        .rename_column(from, to)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // An address locked before the upgrade starts afresh rather than waiting out its lock.
        manager
            .exec_stmt(Query::delete().from_table(SignInThrottle::Table).to_owned())
            .await?;
        manager
            .alter_table(rename(SignInThrottle::LockedUntil, SignInThrottle::NextAttemptAt))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(rename(SignInThrottle::NextAttemptAt, SignInThrottle::LockedUntil))
            .await
    }
}

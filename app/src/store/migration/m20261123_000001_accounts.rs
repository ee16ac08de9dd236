//! Adds accounts, their server-side sessions, the links that give a person
//! access to a case, and the audit log of reads and changes.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261123_000001_accounts"
    }
}

#[derive(DeriveIden)]
enum LocalAuthority {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Team {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum EhcCase {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Account {
    Table,
    Id,
    LocalAuthorityId,
    Email,
    Name,
    Role,
    TeamId,
    PasswordHash,
    TotpSecret,
    TotpLastStep,
    FailedSignIns,
    LockedUntil,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Session {
    Table,
    Id,
    AccountId,
    SecondFactorPassed,
    EmailCodeHash,
    EmailCodeExpiresAt,
    CreatedAt,
    LastSeenAt,
}

#[derive(DeriveIden)]
enum CaseLink {
    Table,
    Id,
    CaseId,
    AccountId,
    TeamId,
    Link,
    CreatedAt,
}

#[derive(DeriveIden)]
enum AuditEvent {
    Table,
    Id,
    At,
    AccountId,
    Role,
    Action,
    CaseId,
    Detail,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Account::Table)
                    .col(big_pk_auto(Account::Id))
                    .col(big_integer(Account::LocalAuthorityId))
                    // Stored lower-case, so one address is one account.
                    .col(string_len(Account::Email, 254))
                    .col(string_len(Account::Name, 200))
                    .col(string_len(Account::Role, 30))
                    .col(big_integer_null(Account::TeamId))
                    // Empty until the person accepts their invitation.
                    .col(string_len_null(Account::PasswordHash, 200))
                    .col(string_len_null(Account::TotpSecret, 64))
                    .col(big_integer_null(Account::TotpLastStep))
                    .col(integer(Account::FailedSignIns).default(0))
                    .col(timestamp_with_time_zone_null(Account::LockedUntil))
                    .col(timestamp_with_time_zone(Account::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_account_local_authority")
                            .from(Account::Table, Account::LocalAuthorityId)
                            .to(LocalAuthority::Table, LocalAuthority::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_account_team")
                            .from(Account::Table, Account::TeamId)
                            .to(Team::Table, Team::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_account_email")
                    .table(Account::Table)
                    .col(Account::Email)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Session::Table)
                    // The SHA-256 of the cookie's token: a copy of the table signs nobody in.
                    .col(string_len(Session::Id, 64).primary_key())
                    .col(big_integer(Session::AccountId))
                    .col(boolean(Session::SecondFactorPassed).default(false))
                    .col(string_len_null(Session::EmailCodeHash, 64))
                    .col(timestamp_with_time_zone_null(Session::EmailCodeExpiresAt))
                    .col(timestamp_with_time_zone(Session::CreatedAt))
                    .col(timestamp_with_time_zone(Session::LastSeenAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_session_account")
                            .from(Session::Table, Session::AccountId)
                            .to(Account::Table, Account::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_session_account")
                    .table(Session::Table)
                    .col(Session::AccountId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(CaseLink::Table)
                    .col(big_pk_auto(CaseLink::Id))
                    .col(big_integer(CaseLink::CaseId))
                    // A link names a person, or a whole team (whose manager then sees the case).
                    .col(big_integer_null(CaseLink::AccountId))
                    .col(big_integer_null(CaseLink::TeamId))
                    .col(string_len(CaseLink::Link, 30))
                    .col(timestamp_with_time_zone(CaseLink::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_case_link_case")
                            .from(CaseLink::Table, CaseLink::CaseId)
                            .to(EhcCase::Table, EhcCase::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_case_link_account")
                            .from(CaseLink::Table, CaseLink::AccountId)
                            .to(Account::Table, Account::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_case_link_team")
                            .from(CaseLink::Table, CaseLink::TeamId)
                            .to(Team::Table, Team::Id),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, col) in [
            ("ix_case_link_case", CaseLink::CaseId),
            ("ix_case_link_account", CaseLink::AccountId),
            ("ix_case_link_team", CaseLink::TeamId),
        ] {
            manager
                .create_index(Index::create().name(name).table(CaseLink::Table).col(col).to_owned())
                .await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(AuditEvent::Table)
                    .col(big_pk_auto(AuditEvent::Id))
                    .col(timestamp_with_time_zone(AuditEvent::At))
                    // Kept as plain values, not foreign keys: the log outlives what it describes.
                    .col(big_integer_null(AuditEvent::AccountId))
                    .col(string_len(AuditEvent::Role, 30))
                    .col(string_len(AuditEvent::Action, 60))
                    .col(big_integer_null(AuditEvent::CaseId))
                    .col(text(AuditEvent::Detail))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_audit_event_case_at")
                    .table(AuditEvent::Table)
                    .col(AuditEvent::CaseId)
                    .col(AuditEvent::At)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_audit_event_at")
                    .table(AuditEvent::Table)
                    .col(AuditEvent::At)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            AuditEvent::Table.into_iden(),
            CaseLink::Table.into_iden(),
            Session::Table.into_iden(),
            Account::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}

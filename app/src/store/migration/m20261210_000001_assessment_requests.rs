//! A request for an assessment made online: what the family or professional
//! said beyond the child's record (who has parental responsibility, how to
//! reach them, the family's consent, the areas of need, why, and the support
//! tried). One per case; a request registered by a caseworker has none.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261210_000001_assessment_requests"
    }
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
}

#[derive(DeriveIden)]
enum AssessmentRequest {
    Table,
    Id,
    CaseId,
    MadeBy,
    ParentalResponsibility,
    OthersWithResponsibility,
    Phone,
    FamilyName,
    FamilyEmail,
    Consent,
    Areas,
    Reasons,
    SupportTried,
    MadeAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AssessmentRequest::Table)
                    .col(big_pk_auto(AssessmentRequest::Id))
                    .col(big_integer_uniq(AssessmentRequest::CaseId))
                    .col(big_integer(AssessmentRequest::MadeBy))
                    .col(boolean_null(AssessmentRequest::ParentalResponsibility))
                    .col(string_len(AssessmentRequest::OthersWithResponsibility, 200))
                    .col(string_len(AssessmentRequest::Phone, 40))
                    .col(string_len(AssessmentRequest::FamilyName, 200))
                    .col(string_len(AssessmentRequest::FamilyEmail, 320))
                    .col(boolean(AssessmentRequest::Consent))
                    // The areas' stored names, comma-separated.
                    .col(string_len(AssessmentRequest::Areas, 200))
                    .col(text(AssessmentRequest::Reasons))
                    .col(text(AssessmentRequest::SupportTried))
                    .col(timestamp_with_time_zone(AssessmentRequest::MadeAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_assessment_request_case")
                            .from(AssessmentRequest::Table, AssessmentRequest::CaseId)
                            .to(EhcCase::Table, EhcCase::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_assessment_request_made_by")
                            .from(AssessmentRequest::Table, AssessmentRequest::MadeBy)
                            .to(Account::Table, Account::Id),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AssessmentRequest::Table).to_owned())
            .await
    }
}

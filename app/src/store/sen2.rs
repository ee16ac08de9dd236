//! Reads what the SEN2 return is written from, and keeps the details it
//! needs: the child's and the case's (sex, ethnicity, UPN, types of need),
//! and the council's (DfE number, designated officers). Each read is bounded
//! by the council; the cases by the last day the return reports.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, FromQueryResult, JoinType, QueryFilter,
    QuerySelect, RelationTrait, Set,
};

use super::entities::{case_exception, child, decision, decision_challenge, ehc_case, local_authority, team};
use crate::domain::cease::CeaseReason;
use crate::domain::challenge::ChallengeKind;
use crate::domain::decision::DecisionQuestion;
use crate::domain::ids::{CaseId, LocalAuthorityId, TeamId};
use crate::domain::requester::Requester;
use crate::domain::sen2::codes::{Ethnicity, NeedType, Sex, UpnUnknown};
use crate::domain::sen2::details::{CouncilReturn, ReturnDetails};
use crate::domain::sen2::{CaseFacts, Collection, DecisionFacts};
use crate::domain::stage::Stage;

#[derive(Debug, FromQueryResult)]
struct CaseRow {
    id: CaseId,
    reference: String,
    stage: Stage,
    requested_by: Requester,
    request_received_on: NaiveDate,
    decided_to_assess_on: Option<NaiveDate>,
    decided_to_issue_on: Option<NaiveDate>,
    plan_issued_on: Option<NaiveDate>,
    last_reviewed_on: Option<NaiveDate>,
    setting_team_id: Option<TeamId>,
    ceased_on: Option<NaiveDate>,
    cease_reason: Option<CeaseReason>,
    primary_need: Option<NeedType>,
    secondary_need: Option<NeedType>,
    first_name: String,
    last_name: String,
    date_of_birth: NaiveDate,
    sex: Option<Sex>,
    ethnicity: Option<Ethnicity>,
    upn: Option<String>,
    upn_unknown: Option<UpnUnknown>,
    urn: Option<String>,
}

/// The council's cases received by the end of the year `collection`
/// reports, with their decisions, challenges and exceptions.
///
/// # Errors
/// A database error.
pub async fn facts(
    db: &impl ConnectionTrait,
    council: LocalAuthorityId,
    collection: Collection,
) -> Result<Vec<CaseFacts>, DbErr> {
    let (_, last) = collection.period();
    let rows: Vec<CaseRow> = ehc_case::Entity::find()
        .select_only()
        .columns([
            ehc_case::Column::Id,
            ehc_case::Column::Reference,
            ehc_case::Column::Stage,
            ehc_case::Column::RequestedBy,
            ehc_case::Column::RequestReceivedOn,
            ehc_case::Column::DecidedToAssessOn,
            ehc_case::Column::DecidedToIssueOn,
            ehc_case::Column::PlanIssuedOn,
            ehc_case::Column::LastReviewedOn,
            ehc_case::Column::SettingTeamId,
            ehc_case::Column::CeasedOn,
            ehc_case::Column::CeaseReason,
            ehc_case::Column::PrimaryNeed,
            ehc_case::Column::SecondaryNeed,
        ])
        .columns([
            child::Column::FirstName,
            child::Column::LastName,
            child::Column::DateOfBirth,
            child::Column::Sex,
            child::Column::Ethnicity,
            child::Column::Upn,
            child::Column::UpnUnknown,
        ])
        .column(team::Column::Urn)
        .join(JoinType::InnerJoin, ehc_case::Relation::Child.def())
        .join(JoinType::LeftJoin, ehc_case::Relation::Setting.def())
        .filter(ehc_case::Column::LocalAuthorityId.eq(council))
        .filter(ehc_case::Column::RequestReceivedOn.lte(last))
        .into_model()
        .all(db)
        .await?;
    let councils_cases = || {
        Query::select()
            .column(ehc_case::Column::Id)
            .from(ehc_case::Entity)
            .and_where(Expr::col((ehc_case::Entity, ehc_case::Column::LocalAuthorityId)).eq(council))
            .to_owned()
    };
    let decisions = decision::Entity::find()
        .filter(decision::Column::CaseId.in_subquery(councils_cases()))
        .all(db)
        .await?;
    let decision_ids = Query::select()
        .column(decision::Column::Id)
        .from(decision::Entity)
        .and_where(Expr::col(decision::Column::CaseId).in_subquery(councils_cases()))
        .to_owned();
    let mut challenged: HashMap<i64, (bool, bool)> = HashMap::new();
    for c in decision_challenge::Entity::find()
        .filter(decision_challenge::Column::DecisionId.in_subquery(decision_ids))
        .all(db)
        .await?
    {
        let entry = challenged.entry(c.decision_id).or_default();
        match c.kind {
            ChallengeKind::Mediation => entry.0 = true,
            ChallengeKind::Appeal => entry.1 = true,
        }
    }
    let mut decided: HashMap<(CaseId, DecisionQuestion), DecisionFacts> = HashMap::new();
    for d in decisions {
        let (mediation, appeal) = challenged.get(&d.id).copied().unwrap_or_default();
        decided.insert(
            (d.case_id, d.question),
            DecisionFacts {
                agreed: d.agreed,
                on: d.decided_on,
                mediation,
                appeal,
            },
        );
    }
    let excepted: HashSet<CaseId> = case_exception::Entity::find()
        .select_only()
        .column(case_exception::Column::CaseId)
        .filter(case_exception::Column::CaseId.in_subquery(councils_cases()))
        .into_tuple::<CaseId>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(rows
        .into_iter()
        .map(|r| CaseFacts {
            case: r.id,
            reference: r.reference,
            first_name: r.first_name,
            last_name: r.last_name,
            date_of_birth: r.date_of_birth,
            sex: r.sex,
            ethnicity: r.ethnicity,
            upn: r.upn,
            upn_unknown: r.upn_unknown,
            requested_by: r.requested_by,
            received_on: r.request_received_on,
            // A case moved on before decisions were recorded (or registered
            // part-way) has only the milestone's date: a decision to go on.
            assess: decided
                .get(&(r.id, DecisionQuestion::Assess))
                .copied()
                .or_else(|| r.decided_to_assess_on.map(agreed)),
            issue: decided
                .get(&(r.id, DecisionQuestion::Issue))
                .copied()
                .or_else(|| r.decided_to_issue_on.map(agreed)),
            plan_issued_on: r.plan_issued_on,
            last_reviewed_on: r.last_reviewed_on,
            closed: r.stage == Stage::Closed,
            ceased: r.ceased_on.zip(r.cease_reason),
            excepted: excepted.contains(&r.id),
            has_setting: r.setting_team_id.is_some(),
            setting_urn: r.urn,
            primary_need: r.primary_need,
            secondary_need: r.secondary_need,
        })
        .collect())
}

fn agreed(on: NaiveDate) -> DecisionFacts {
    DecisionFacts {
        agreed: true,
        on,
        mediation: false,
        appeal: false,
    }
}

/// The council's name and its answers in the return's header.
///
/// # Errors
/// A database error, or no such council.
pub async fn council(db: &impl ConnectionTrait, council: LocalAuthorityId) -> Result<(String, CouncilReturn), DbErr> {
    let la = local_authority::Entity::find_by_id(council)
        .one(db)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound(format!("local authority {council}")))?;
    Ok((
        la.name,
        CouncilReturn {
            dfe_number: la.dfe_number,
            medical_officer: la.medical_officer,
            clinical_officer: la.clinical_officer,
            social_care_officer: la.social_care_officer,
        },
    ))
}

/// # Errors
/// A database error.
pub async fn set_council(
    db: &impl ConnectionTrait,
    council: LocalAuthorityId,
    details: &CouncilReturn,
) -> Result<(), DbErr> {
    local_authority::ActiveModel {
        id: sea_orm::Unchanged(council),
        dfe_number: Set(details.dfe_number.clone()),
        medical_officer: Set(details.medical_officer),
        clinical_officer: Set(details.clinical_officer),
        social_care_officer: Set(details.social_care_officer),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

/// The details kept on one case for the return.
///
/// # Errors
/// A database error.
pub async fn case_details(db: &impl ConnectionTrait, case: CaseId) -> Result<Option<ReturnDetails>, DbErr> {
    let Some((case, child)) = ehc_case::Entity::find_by_id(case)
        .find_also_related(child::Entity)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    Ok(child.map(|child| ReturnDetails {
        sex: child.sex,
        ethnicity: child.ethnicity,
        upn: child.upn,
        upn_unknown: child.upn_unknown,
        primary_need: case.primary_need,
        secondary_need: case.secondary_need,
        setting: case.setting_team_id,
    }))
}

/// Keeps the case's details (the child's on the child, the needs and the
/// setting on the case). The caller holds the case's lock.
///
/// # Errors
/// A database error.
pub async fn save_case_details(db: &impl ConnectionTrait, case: CaseId, details: &ReturnDetails) -> Result<(), DbErr> {
    let found = ehc_case::Entity::find_by_id(case)
        .one(db)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound(format!("case {case}")))?;
    child::ActiveModel {
        id: sea_orm::Unchanged(found.child_id),
        sex: Set(details.sex),
        ethnicity: Set(details.ethnicity),
        upn: Set(details.upn.clone()),
        upn_unknown: Set(details.upn_unknown),
        ..Default::default()
    }
    .update(db)
    .await?;
    ehc_case::Entity::update_many()
        .col_expr(ehc_case::Column::PrimaryNeed, Expr::value(details.primary_need))
        .col_expr(ehc_case::Column::SecondaryNeed, Expr::value(details.secondary_need))
        .col_expr(ehc_case::Column::SettingTeamId, Expr::value(details.setting))
        .filter(ehc_case::Column::Id.eq(case))
        .exec(db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::challenge::{Challenge, ChallengeOutcome};
    use crate::domain::decision::Decided;
    use crate::store::test_db;

    #[tokio::test]
    async fn facts_bring_the_decision_its_challenges_and_the_details_kept() {
        for (engine, db) in test_db::databases().await {
            let council = crate::store::councils::ensure(&db, "Sen2 Council", "S2").await.unwrap();
            let (case, parent) = test_db::case_and_person(&db, council).await;
            let today = chrono::Utc::now().date_naive();
            let decided = Decided {
                question: DecisionQuestion::Assess,
                agreed: false,
                on: today,
                reasons: "Needs met at school.".into(),
                areas: Vec::new(),
                recommendations: String::new(),
            };
            let id = crate::store::decisions::record(&db, case, &decided, parent, chrono::Utc::now())
                .await
                .unwrap();
            let challenge = Challenge {
                kind: ChallengeKind::Mediation,
                started_on: today,
                outcome: ChallengeOutcome::Pending,
                ended_on: None,
                note: String::new(),
            };
            crate::store::challenges::record(&db, id, &challenge, parent, chrono::Utc::now())
                .await
                .unwrap();
            let details = ReturnDetails {
                sex: Some(Sex::Male),
                ethnicity: Some(Ethnicity::Chinese),
                upn: None,
                upn_unknown: Some(UpnUnknown::UnderSix),
                primary_need: Some(NeedType::Hearing),
                secondary_need: None,
                setting: None,
            };
            save_case_details(&db, case, &details).await.unwrap();
            assert_eq!(case_details(&db, case).await.unwrap(), Some(details), "{engine}");

            let facts = facts(&db, council, Collection::gathering(today)).await.unwrap();
            let kit = facts.iter().find(|f| f.case == case).unwrap();
            let assess = kit.assess.unwrap();
            assert!(!assess.agreed && assess.mediation && !assess.appeal, "{engine}");
            assert_eq!(
                (kit.sex, kit.upn_unknown),
                (Some(Sex::Male), Some(UpnUnknown::UnderSix)),
                "{engine}"
            );
            assert_eq!(kit.primary_need, Some(NeedType::Hearing), "{engine}");
            // Nothing of another council's.
            let other = crate::store::councils::ensure(&db, "Other Council", "OT")
                .await
                .unwrap();
            assert!(
                facts_of_other(&db, other, today).await.iter().all(|f| f.case != case),
                "{engine}"
            );
        }
    }

    async fn facts_of_other(
        db: &sea_orm::DatabaseConnection,
        council: LocalAuthorityId,
        today: NaiveDate,
    ) -> Vec<CaseFacts> {
        facts(db, council, Collection::gathering(today)).await.unwrap()
    }

    #[tokio::test]
    async fn the_councils_details_are_kept() {
        for (engine, db) in test_db::databases().await {
            let council = crate::store::councils::ensure(&db, "Sen2 Council", "S2").await.unwrap();
            let kept = CouncilReturn {
                dfe_number: Some("320".into()),
                medical_officer: Some(crate::domain::sen2::codes::InPost::Yes),
                clinical_officer: Some(crate::domain::sen2::codes::InPost::Recruiting),
                social_care_officer: None,
            };
            set_council(&db, council, &kept).await.unwrap();
            assert_eq!(self::council(&db, council).await.unwrap().1, kept, "{engine}");
        }
    }
}

//! What an online request for an assessment said, kept beside the case it
//! opened, in the transaction of the case event that opened it.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set};

use super::entities::{account, assessment_request};
use crate::domain::assessment_request::RequestDetails;
use crate::domain::ids::{AccountId, CaseId};
use crate::domain::plan::part::Part;

/// A request as kept, with the name of the person who made it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SavedRequest {
    pub details: RequestDetails,
    pub made_by: String,
    pub made_at: DateTime<Utc>,
}

/// Keeps what the request for `case` said.
///
/// # Errors
/// A database error, including a second request for the same case.
pub async fn save(
    txn: &impl ConnectionTrait,
    case: CaseId,
    details: &RequestDetails,
    by: AccountId,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let areas: Vec<&str> = details.areas.iter().map(|a| a.as_str()).collect();
    assessment_request::ActiveModel {
        case_id: Set(case),
        made_by: Set(by),
        parental_responsibility: Set(details.parental_responsibility),
        others_with_responsibility: Set(details.others_with_responsibility.clone()),
        phone: Set(details.phone.clone()),
        family_name: Set(details.family_name.clone()),
        family_email: Set(details.family_email.clone()),
        consent: Set(details.consent),
        areas: Set(areas.join(",")),
        reasons: Set(details.reasons.clone()),
        support_tried: Set(details.support_tried.clone()),
        made_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(())
}

/// The online request that opened `case`, if it was made online.
///
/// # Errors
/// A database error.
pub async fn for_case(db: &impl ConnectionTrait, case: CaseId) -> Result<Option<SavedRequest>, DbErr> {
    let Some(row) = assessment_request::Entity::find()
        .filter(assessment_request::Column::CaseId.eq(case))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let made_by = account::Entity::find_by_id(row.made_by)
        .one(db)
        .await?
        .map(|a| a.name)
        .unwrap_or_default();
    Ok(Some(SavedRequest {
        details: RequestDetails {
            parental_responsibility: row.parental_responsibility,
            others_with_responsibility: row.others_with_responsibility,
            phone: row.phone,
            family_name: row.family_name,
            family_email: row.family_email,
            consent: row.consent,
            areas: row.areas.split(',').filter_map(Part::parse).collect(),
            reasons: row.reasons,
            support_tried: row.support_tried,
        },
        made_by,
        made_at: row.made_at,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::test_db;

    #[tokio::test]
    async fn a_request_is_kept_with_its_case_and_read_back() {
        for (_, db) in test_db::databases().await {
            let council = crate::store::councils::ensure(&db, "Test Council", "999")
                .await
                .unwrap();
            let (case, by) = test_db::case_and_person(&db, council).await;
            assert_eq!(for_case(&db, case).await.unwrap(), None);
            let details = RequestDetails {
                parental_responsibility: Some(true),
                others_with_responsibility: "Her father, Sam".into(),
                phone: "07700 900982".into(),
                consent: true,
                areas: vec![Part::Communication, Part::Sensory],
                reasons: "Needs help with words".into(),
                support_tried: "Speech therapy".into(),
                ..Default::default()
            };
            let now = Utc::now();
            save(&db, case, &details, by, now).await.unwrap();
            let saved = for_case(&db, case).await.unwrap().unwrap();
            assert_eq!(saved.details, details);
            assert!(!saved.made_by.is_empty());
            // One request per case.
            assert!(save(&db, case, &details, by, now).await.is_err());
        }
    }
}

//! Mediation and appeals against a decision, written in the transaction of
//! the case event that records them (`CaseEvent::ChallengeRecorded`).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Set};

use super::entities::{account, decision_challenge};
use crate::domain::challenge::{Challenge, RecordedChallenge};
use crate::domain::ids::AccountId;

/// Keeps a mediation or appeal against `decision`.
///
/// # Errors
/// A database error, including a decision that does not exist.
pub async fn record(
    txn: &impl ConnectionTrait,
    decision: i64,
    challenge: &Challenge,
    by: AccountId,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    decision_challenge::ActiveModel {
        decision_id: Set(decision),
        kind: Set(challenge.kind),
        started_on: Set(challenge.started_on),
        outcome: Set(challenge.outcome),
        ended_on: Set(challenge.ended_on),
        note: Set(challenge.note.clone()),
        recorded_by: Set(by),
        recorded_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(())
}

/// The mediation and appeals against `decision`, in the order they began.
///
/// # Errors
/// A database error.
pub async fn for_decision(db: &impl ConnectionTrait, decision: i64) -> Result<Vec<RecordedChallenge>, DbErr> {
    let rows = decision_challenge::Entity::find()
        .filter(decision_challenge::Column::DecisionId.eq(decision))
        .order_by_asc(decision_challenge::Column::StartedOn)
        .order_by_asc(decision_challenge::Column::Id)
        .all(db)
        .await?;
    let names: HashMap<AccountId, String> = account::Entity::find()
        .filter(account::Column::Id.is_in(rows.iter().map(|r| r.recorded_by)))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.name))
        .collect();
    Ok(rows
        .into_iter()
        .map(|row| RecordedChallenge {
            id: row.id,
            recorded_by: names.get(&row.recorded_by).cloned().unwrap_or_default(),
            challenge: Challenge {
                kind: row.kind,
                started_on: row.started_on,
                outcome: row.outcome,
                ended_on: row.ended_on,
                note: row.note,
            },
        })
        .collect())
}

//! What the decision page shows, as sent from its server function.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::decision::{DecisionQuestion, RecordedDecision};
use crate::domain::ids::CaseId;
use crate::domain::requester::Requester;
use crate::domain::stage::Stage;

/// One piece of evidence gathered so far, as the panel reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// "Advice from Educational Psychology Service".
    pub label: String,
    /// "Submitted", "Awaiting response" and so on.
    pub status: String,
    /// Where to read it, once there is something to read.
    pub href: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionPage {
    pub case: CaseId,
    pub reference: String,
    pub child_name: String,
    pub question: DecisionQuestion,
    pub stage: Stage,
    /// The case's version, posted back so a change made meanwhile is detected.
    pub version: i32,
    pub received_on: NaiveDate,
    pub requested_by: Requester,
    pub setting: Option<String>,
    /// The statutory date the decision is due by.
    pub due_on: Option<NaiveDate>,
    pub today: NaiveDate,
    /// The decision, once made.
    pub decision: Option<RecordedDecision>,
    /// Why it cannot be recorded now, when it cannot.
    pub not_now: Option<String>,
    /// Whether the person may record it.
    pub may_record: bool,
    /// The requests for information and advice, for the panel.
    pub evidence: Vec<Evidence>,
    /// Mediation and appeals against the decision (a refusal).
    pub challenges: Vec<crate::domain::challenge::RecordedChallenge>,
    /// Whether the person may record them.
    pub may_record_challenge: bool,
}

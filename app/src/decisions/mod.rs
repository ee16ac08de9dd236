//! The two statutory decisions on a case: the page where the panel reads the
//! evidence and a caseworker or panel member records the decision, its
//! letter (PDF, through the one document writer) and the emails telling the
//! family and the school; and mediation and appeals against a refusal.

pub mod challenges;
pub mod decision_page;
#[cfg(feature = "ssr")]
pub mod letter;
#[cfg(feature = "ssr")]
pub mod notify;
pub mod types;

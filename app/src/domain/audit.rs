//! What the audit log records: significant reads and every change, named as
//! the people reading the log would say them.

use crate::domain::stored::stored_enum;
use serde::{Deserialize, Serialize};

use super::ids::{AccountId, CaseId};
use super::role::Role;

/// One line of the log as people read it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// When, in England's time ("23 November 2026, 10:42:05").
    pub when: String,
    /// Name and email address of the person, when the event was theirs.
    pub who: Option<(String, String)>,
    pub role: Option<Role>,
    pub action: Option<AuditAction>,
    pub case: Option<CaseId>,
    pub detail: String,
}

/// What to look for in the log.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AuditFilter {
    /// Part of a person's name or email address.
    pub person: String,
    pub case: Option<CaseId>,
    pub account: Option<AccountId>,
}

stored_enum! {
    #[derive(Hash)]
    pub enum AuditAction {
        SignedIn = "signed_in",
        SignInRefused = "sign_in_refused",
        AccountLocked = "account_locked",
        SignedOut = "signed_out",
        CaseViewed = "case_viewed",
        CaseRegistered = "case_registered",
        AuditSearched = "audit_searched",
        PasswordResetRequested = "password_reset_requested",
        PasswordChanged = "password_changed",
        PersonInvited = "person_invited",
        AccountActivated = "account_activated",
        AuthenticatorEnabled = "authenticator_enabled",
        AuthenticatorRemoved = "authenticator_removed",
        OtherSessionsEnded = "other_sessions_ended",
        AccessGiven = "access_given",
        PlanDraftStarted = "plan_draft_started",
        PlanSectionSaved = "plan_section_saved",
        PlanShared = "plan_shared",
        PlanCommented = "plan_commented",
        PreferredSettingNamed = "preferred_setting_named",
        SettingConsulted = "setting_consulted",
        ConsultationAnswered = "consultation_answered",
        PlanIssued = "plan_issued",
        PlanDownloaded = "plan_downloaded",
        PlanViewed = "plan_viewed",
        ViewsRead = "views_read",
        ViewsSaved = "views_saved",
        ViewsSent = "views_sent",
        ViewsReopened = "views_reopened",
        FileAdded = "file_added",
        FileRemoved = "file_removed",
        FileOpened = "file_opened",
        AdviceRequested = "advice_requested",
        TeamAnswered = "team_answered",
        AdviceAllocated = "advice_allocated",
        AdviceSaved = "advice_saved",
        AdviceSubmitted = "advice_submitted",
        AdviceClosed = "advice_closed",
        AdviceReopened = "advice_reopened",
        AdviceRead = "advice_read",
        AdviceUsedInPlan = "advice_used_in_plan",
        TeamContactSet = "team_contact_set",
        DecidedToAssess = "decided_to_assess",
        DecidedNotToAssess = "decided_not_to_assess",
        DecidedToIssue = "decided_to_issue",
        DecidedNotToIssue = "decided_not_to_issue",
        DecisionLetterDownloaded = "decision_letter_downloaded",
        ExceptionRecorded = "exception_recorded",
        AccountRequested = "account_requested",
        CaseAllocated = "case_allocated",
        ChallengeRecorded = "challenge_recorded",
        ReturnDetailsSaved = "return_details_saved",
        CouncilReturnDetailsSaved = "council_return_details_saved",
        ReturnDownloaded = "return_downloaded",
        ReopenedOnAppeal = "reopened_on_appeal",
        PlanCeased = "plan_ceased",
    }
}

impl AuditAction {
    pub fn label(self) -> &'static str {
        match self {
            AuditAction::SignedIn => "Signed in",
            AuditAction::SignInRefused => "Sign-in refused",
            AuditAction::AccountLocked => "Account locked",
            AuditAction::SignedOut => "Signed out",
            AuditAction::CaseViewed => "Viewed the case",
            AuditAction::CaseRegistered => "Registered the request",
            AuditAction::AuditSearched => "Searched the audit log",
            AuditAction::PasswordResetRequested => "Asked to reset the password",
            AuditAction::PasswordChanged => "Changed the password",
            AuditAction::PersonInvited => "Invited a person",
            AuditAction::AccountActivated => "Set up their account",
            AuditAction::AuthenticatorEnabled => "Started using an authenticator app",
            AuditAction::AuthenticatorRemoved => "Went back to email codes",
            AuditAction::OtherSessionsEnded => "Signed out of all other devices",
            AuditAction::AccessGiven => "Gave a person access to the case",
            AuditAction::PlanDraftStarted => "Started a draft plan",
            AuditAction::PlanSectionSaved => "Saved a section of the draft plan",
            AuditAction::PlanShared => "Shared the draft plan",
            AuditAction::PlanCommented => "Commented on the draft plan",
            AuditAction::PreferredSettingNamed => "Named a preferred setting",
            AuditAction::SettingConsulted => "Consulted a setting on the draft plan",
            AuditAction::ConsultationAnswered => "Answered a setting consultation",
            AuditAction::PlanIssued => "Issued the final plan",
            AuditAction::PlanDownloaded => "Downloaded the plan",
            AuditAction::PlanViewed => "Read the plan",
            AuditAction::ViewsRead => "Read the child's and family's views",
            AuditAction::ViewsSaved => "Saved views",
            AuditAction::ViewsSent => "Sent views to the council",
            AuditAction::ViewsReopened => "Re-opened views for changes",
            AuditAction::FileAdded => "Added a file",
            AuditAction::FileRemoved => "Removed a file",
            AuditAction::FileOpened => "Opened a file",
            AuditAction::AdviceRequested => "Asked a team or professional for information or advice",
            AuditAction::TeamAnswered => "Answered a request for the team",
            AuditAction::AdviceAllocated => "Allocated a request to a team member",
            AuditAction::AdviceSaved => "Saved advice",
            AuditAction::AdviceSubmitted => "Submitted advice",
            AuditAction::AdviceClosed => "Closed a member's request",
            AuditAction::AdviceReopened => "Re-opened a member's request",
            AuditAction::AdviceRead => "Read advice",
            AuditAction::AdviceUsedInPlan => "Brought advice into the draft plan",
            AuditAction::TeamContactSet => "Set a team's contact address",
            AuditAction::DecidedToAssess => "Decided to assess",
            AuditAction::DecidedNotToAssess => "Decided not to assess",
            AuditAction::DecidedToIssue => "Decided to issue a plan",
            AuditAction::DecidedNotToIssue => "Decided not to issue a plan",
            AuditAction::DecisionLetterDownloaded => "Downloaded a decision letter",
            AuditAction::ExceptionRecorded => "Recorded an exception to the time limits",
            AuditAction::AccountRequested => "Asked for an account to request an assessment",
            AuditAction::CaseAllocated => "Allocated the case to a caseworker",
            AuditAction::ChallengeRecorded => "Recorded mediation or an appeal",
            AuditAction::ReopenedOnAppeal => "Reopened the case: a refusal overturned on appeal",
            AuditAction::PlanCeased => "Ceased the plan",
            AuditAction::ReturnDetailsSaved => "Saved the details for the SEN2 return",
            AuditAction::CouncilReturnDetailsSaved => "Saved the council's details for the SEN2 return",
            AuditAction::ReturnDownloaded => "Downloaded the SEN2 return",
        }
    }
}

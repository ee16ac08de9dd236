//! What the audit log records: significant reads and every change, named as
//! the people reading the log would say them.

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

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AuditAction {
    SignedIn,
    SignInRefused,
    AccountLocked,
    SignedOut,
    CaseViewed,
    CaseRegistered,
    AuditSearched,
    PasswordResetRequested,
    PasswordChanged,
    PersonInvited,
    AccountActivated,
    AuthenticatorEnabled,
    AuthenticatorRemoved,
    AccessGiven,
    PlanDraftStarted,
    PlanSectionSaved,
    PlanShared,
    PlanCommented,
    PreferredSettingNamed,
    SettingConsulted,
    ConsultationAnswered,
    PlanIssued,
    PlanDownloaded,
}

impl AuditAction {
    pub const ALL: [AuditAction; 23] = [
        AuditAction::SignedIn,
        AuditAction::SignInRefused,
        AuditAction::AccountLocked,
        AuditAction::SignedOut,
        AuditAction::CaseViewed,
        AuditAction::CaseRegistered,
        AuditAction::AuditSearched,
        AuditAction::PasswordResetRequested,
        AuditAction::PasswordChanged,
        AuditAction::PersonInvited,
        AuditAction::AccountActivated,
        AuditAction::AuthenticatorEnabled,
        AuditAction::AuthenticatorRemoved,
        AuditAction::AccessGiven,
        AuditAction::PlanDraftStarted,
        AuditAction::PlanSectionSaved,
        AuditAction::PlanShared,
        AuditAction::PlanCommented,
        AuditAction::PreferredSettingNamed,
        AuditAction::SettingConsulted,
        AuditAction::ConsultationAnswered,
        AuditAction::PlanIssued,
        AuditAction::PlanDownloaded,
    ];

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
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::SignedIn => "signed_in",
            AuditAction::SignInRefused => "sign_in_refused",
            AuditAction::AccountLocked => "account_locked",
            AuditAction::SignedOut => "signed_out",
            AuditAction::CaseViewed => "case_viewed",
            AuditAction::CaseRegistered => "case_registered",
            AuditAction::AuditSearched => "audit_searched",
            AuditAction::PasswordResetRequested => "password_reset_requested",
            AuditAction::PasswordChanged => "password_changed",
            AuditAction::PersonInvited => "person_invited",
            AuditAction::AccountActivated => "account_activated",
            AuditAction::AuthenticatorEnabled => "authenticator_enabled",
            AuditAction::AuthenticatorRemoved => "authenticator_removed",
            AuditAction::AccessGiven => "access_given",
            AuditAction::PlanDraftStarted => "plan_draft_started",
            AuditAction::PlanSectionSaved => "plan_section_saved",
            AuditAction::PlanShared => "plan_shared",
            AuditAction::PlanCommented => "plan_commented",
            AuditAction::PreferredSettingNamed => "preferred_setting_named",
            AuditAction::SettingConsulted => "setting_consulted",
            AuditAction::ConsultationAnswered => "consultation_answered",
            AuditAction::PlanIssued => "plan_issued",
            AuditAction::PlanDownloaded => "plan_downloaded",
        }
    }

    pub fn parse(s: &str) -> Option<AuditAction> {
        AuditAction::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_round_trips() {
        for action in AuditAction::ALL {
            assert_eq!(AuditAction::parse(action.as_str()), Some(action));
        }
    }
}

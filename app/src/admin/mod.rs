//! Council administration: searching the audit log, the email log, and
//! where each team's requests are emailed.

pub mod audit_page;
pub mod email_log_page;
pub mod teams_page;

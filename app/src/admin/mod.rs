//! Council administration: searching the audit log, and the email log.

pub mod audit_page;
pub mod email_log_page;

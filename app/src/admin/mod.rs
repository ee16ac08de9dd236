//! Council administration: searching the audit log, the email log, where
//! each team's requests are emailed, the council's figures and its SEN2
//! return.

pub mod audit_page;
pub mod email_log_page;
pub mod figures_page;
pub mod sen2_page;
pub mod teams_page;

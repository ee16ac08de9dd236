//! Council administration: for now, searching the audit log.

pub mod audit_page;

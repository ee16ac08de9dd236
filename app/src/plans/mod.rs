//! The EHC plan pages: the caseworker's task list and part editor, the plan
//! as everyone on the case reads it, sharing and consultation, comparing
//! versions, issuing the final plan, and downloads.

pub mod types;

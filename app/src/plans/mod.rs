//! The EHC plan pages: the caseworker's task list and part editor, the plan
//! as everyone on the case reads it, sharing and consultation, comparing
//! versions, issuing the final plan, and downloads.

#[cfg(feature = "ssr")]
pub mod access;
pub mod advice_in_plan;
pub mod comments;
pub mod compare_page;
pub mod consultations;
pub mod document;
#[cfg(feature = "ssr")]
pub mod downloads;
pub mod findings;
pub mod issue_page;
#[cfg(feature = "ssr")]
pub mod letters;
pub mod live_editor;
pub mod load;
#[cfg(feature = "ssr")]
pub mod notify;
pub mod part_edit_page;
pub mod part_form;
pub mod plan_page;
pub mod share_page;
pub mod task_list;
pub mod types;

//! Shared page parts in GOV.UK Design System style: layout, form fields, the
//! error summary, status tags, and progressive form submission.

pub mod banner;
pub mod error_summary;
pub mod fields;
pub mod form_page;
pub mod forms;
pub mod layout;
pub mod tags;

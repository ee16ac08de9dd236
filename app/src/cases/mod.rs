//! Cases: the work trays, registering a request for assessment, and the case
//! summary with its statutory timeline.

pub mod allocation;
pub mod case_access;
pub mod case_list_page;
pub mod case_summary_page;
pub mod cease_page;
#[cfg(feature = "ssr")]
pub mod context;
pub mod exceptions_page;
pub mod new_case_page;
pub mod pathway;
pub mod return_details;
pub mod timeline;
pub mod types;

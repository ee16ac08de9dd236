//! Advice from professionals and their teams: requests for information
//! (stage 1) and for advice (stage 2) made by the caseworker, their due
//! dates and where each stands; a team manager's allocation; the advice
//! template a professional fills in, and reading it once submitted.

pub mod allocation;
pub mod area_page;
pub mod autosave;
#[cfg(feature = "ssr")]
pub mod download;
#[cfg(feature = "ssr")]
pub mod notify;
#[cfg(feature = "ssr")]
pub mod reminders;
pub mod requests_page;
pub mod response;
pub mod response_page;
pub mod tray_page;

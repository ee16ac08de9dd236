//! Advice from professionals and their teams: requests for information
//! (stage 1) and for advice (stage 2) made by the caseworker, their due
//! dates and where each stands.

#[cfg(feature = "ssr")]
pub mod notify;
pub mod requests_page;

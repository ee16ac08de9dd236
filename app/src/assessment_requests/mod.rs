//! Requests for an EHC needs assessment made online: the open start page
//! (and a family's account), the form families and professionals send, the
//! request as kept on its case with what happens next, and the emails it
//! sends. A caseworker registering a request that came by post or email uses
//! `cases::new_case_page`.

#[cfg(feature = "ssr")]
pub mod notify;
pub mod record_page;
pub mod request_page;
pub mod start_page;

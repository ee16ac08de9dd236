//! Telling people what to do: email. Messages carry no child's details, only
//! what to do and a link to sign in.

#[cfg(feature = "ssr")]
pub mod mail;
#[cfg(feature = "ssr")]
pub mod outbox;

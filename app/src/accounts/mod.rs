//! Accounts: passwords, second factors, sessions and sign-in. The building
//! blocks are server-only; the pages that use them sit beside them.

pub mod code_page;
#[cfg(feature = "ssr")]
pub mod confirm_password;
#[cfg(feature = "ssr")]
pub mod guard;
pub mod invite_page;
#[cfg(feature = "ssr")]
pub mod lock_notice;
#[cfg(feature = "ssr")]
pub mod password;
pub mod password_pages;
#[cfg(feature = "ssr")]
pub mod secret_key;
pub mod security_page;
pub mod sessions_list;
pub mod sign_in_page;
pub mod sign_out;
#[cfg(feature = "ssr")]
pub mod throttle;
#[cfg(feature = "ssr")]
pub mod totp;

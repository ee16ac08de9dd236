//! Accounts: passwords, second factors and sign-in. The building blocks here
//! are server-only; the pages that use them sit beside them.

#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
pub mod totp;

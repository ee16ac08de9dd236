//! The EHC hub web server: configuration, start-up, and the axum router that
//! serves pages, server functions, form posts and static files.

pub mod config;
pub mod forms;
pub mod routes;
pub mod security;
pub mod session_layer;
pub mod startup;

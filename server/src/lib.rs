//! The EHC hub web server: configuration, start-up, and the axum router that
//! serves pages, server functions, form posts and static files.

pub mod api_status;
pub mod body_limit;
pub mod caching;
pub mod config;
pub mod dev_mail;
pub mod forms;
pub mod plan_routes;
pub mod routes;
pub mod security;
pub mod session_layer;
pub mod startup;
pub mod uploads;

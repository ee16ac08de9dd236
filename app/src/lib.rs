//! The EHC hub application: pages, components and server functions shared by
//! server rendering and browser hydration, with the domain rules beneath them.

#![recursion_limit = "256"]

pub mod accounts;
pub mod admin;
pub mod advice;
pub mod app;
pub mod assessment_requests;
pub mod cases;
pub mod components;
pub mod csp;
pub mod decisions;
pub mod domain;
pub mod error;
#[cfg(feature = "ssr")]
pub mod exports;
pub mod islands;
pub mod notify;
pub mod paths;
pub mod plans;
#[cfg(feature = "ssr")]
pub mod state;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(feature = "ssr")]
pub mod uploads;
pub mod views;

/// The browser's entry point, called by the `frontend` crate once the WASM
/// loads: sets up the reactive system, then the island loader hydrates each
/// island on the page.
#[cfg(feature = "hydrate")]
pub fn hydrate() {
    leptos::mount::hydrate_islands();
}

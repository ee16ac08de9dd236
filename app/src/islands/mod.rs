//! Where the browser runs code: pages are server-rendered HTML, and only
//! `#[island]` components ship as WebAssembly. This module owns the script
//! that finds a page's islands and hydrates them.
//!
//! The rule for what is an island: a part where the browser must act on its
//! own (autosave, checks as someone types, live search, an answer shown
//! without a page load). Everything else, forms included, is plain HTML that
//! posts to its own page and works with JavaScript off.

use leptos::prelude::*;

/// The island loader, in the page's `<head>`. Unlike Leptos's own
/// `HydrationScripts`, it asks for no preload: the WASM and its JS are fetched
/// only once the page turns out to hold an island.
#[component]
pub fn IslandScripts(options: LeptosOptions) -> impl IntoView {
    // Only islands serialise their data into the page; the rest renders inert.
    if let Some(context) = Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
    let nonce = leptos::nonce::use_nonce();
    let script = format!(
        "{}({:?}, {:?});",
        include_str!("loader.js").trim_end(),
        options.site_pkg_dir.as_ref(),
        options.output_name.as_ref()
    );
    view! { <script type="module" nonce=nonce>{script}</script> }
}

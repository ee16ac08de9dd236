//! The WASM entry point: installs panic reporting and sets up the reactive
//! system; the island loader (`app::islands`) then hydrates each island the
//! server rendered. Islands defined in `app` are exported from this crate.

use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    app::hydrate();
}

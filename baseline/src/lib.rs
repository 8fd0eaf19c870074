//! Hello world in Leptos CSR: what any Leptos client costs before it does anything (the yardstick
//! of `cargo xtask build`'s first-load figures, built with the same profile and tools).

use leptos::prelude::*;

#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    leptos::mount::mount_to_body(|| view! { <p>"Hello, world!"</p> });
}

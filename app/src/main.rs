//! The site's entry point: trunk builds this binary for wasm32; natively it does nothing.

#[cfg(target_arch = "wasm32")]
fn main() {
    uptrend_app::web::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}

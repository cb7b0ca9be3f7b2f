//! The Uptrend report site. Everything browser-specific lives behind `cfg(target_arch = "wasm32")`;
//! the chart drawing (data -> SVG string) is pure and tested natively.

pub mod charts;

#[cfg(target_arch = "wasm32")]
mod web;

#[cfg(target_arch = "wasm32")]
fn main() {
    web::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}

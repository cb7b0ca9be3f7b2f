//! The Uptrend report site. Everything browser-specific lives behind `cfg(target_arch = "wasm32")`;
//! the chart drawing (data -> SVG string) and the table export are pure and tested natively.

pub mod cell;
pub mod charts;
pub mod csv;
pub mod file_name;
pub mod html;
pub mod instant_text;
pub mod route;
pub mod source_files;
pub mod table_html;
pub mod view_model;

#[cfg(target_arch = "wasm32")]
pub mod web;

//! The browser side: start-up, URL state, data loading and the pages. Compiled for wasm32 only.

mod app;
pub mod chart_view;
mod delivery_task;
mod download;
mod embedded_data;
mod html_view;
mod loader;
mod local_files;
mod offline_notice;
mod pages;
mod panic_report;
mod status_views;
mod table;
mod url_state;
mod zoom;

/// Installs the panic reporter and mounts the site on `<body>`.
pub fn start() {
    panic_report::install();
    leptos::mount::mount_to_body(app::App);
}

//! The single-file report: the site as trunk built it (`dist/`: wasm, its JavaScript, the stylesheet, the
//! icon) and a data set, written into one HTML page that opens from `file://` with no server and no network.
//!
//! The page carries the wasm and every data file as base64 (gzipped where that is smaller) inside one
//! `<script type="application/json">` container, which the browser never runs and which holds nothing but
//! JSON with `<`, `>` and `&` escaped, so no data can end the element. One inline module script (the
//! wasm-bindgen JavaScript and `start.js`) decodes them with the browser's `DecompressionStream`, hands the
//! data to the app and starts it; the Content-Security-Policy allows exactly that script by its SHA-256
//! hash, plus `'wasm-unsafe-eval'` to compile the wasm, and forbids every network request.

mod built_app;
mod encoding;
mod html_tags;
mod page;

pub use built_app::{BuiltApp, BuiltAppError, Icon};
pub use page::{single_file, BundleData, DataFile, SingleFile};

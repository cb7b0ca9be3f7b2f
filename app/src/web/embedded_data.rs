//! The data a single-file report carries. Its start-up script (written by `uptrend bundle`) decodes the
//! embedded files into `globalThis.uptrendBundle = { manifestPath, files: [{ path, bytes }] }` before the
//! app starts; the hosted site has no such global.

use js_sys::{Array, Reflect, Uint8Array};
use uptrend_core::load::LoadedFile;
use wasm_bindgen::{JsCast, JsValue};

use crate::source_files::SourceFiles;

const GLOBAL: &str = "uptrendBundle";

/// The embedded files, or `None` when the page carries none. The global is removed, so the bytes are
/// held once.
pub fn take() -> Option<SourceFiles> {
    let global = js_sys::global();
    let bundle = Reflect::get(&global, &JsValue::from_str(GLOBAL)).ok().filter(JsValue::is_object)?;
    Reflect::delete_property(&global, &JsValue::from_str(GLOBAL)).ok();
    let manifest_path = field(&bundle, "manifestPath").as_string()?;
    let mut manifest = None;
    let mut files = Vec::new();
    for file in field(&bundle, "files").dyn_into::<Array>().ok()?.iter() {
        let path = field(&file, "path").as_string().unwrap_or_default();
        let bytes = field(&file, "bytes").dyn_into::<Uint8Array>().map(|bytes| bytes.to_vec());
        let content = bytes.map_err(|_| "the embedded file has no bytes".to_owned());
        if path == manifest_path {
            manifest = content.ok();
        } else {
            files.push(LoadedFile { path, content });
        }
    }
    Some(SourceFiles { manifest_path, manifest: manifest?, files, notes: Vec::new() })
}

fn field(object: &JsValue, name: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

//! Saving text (CSV tables, SVG charts) as a file, through a Blob URL and a temporary link.

use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

/// Offers `content` for download as `file_name` with MIME type `mime`.
pub fn download_text(file_name: &str, mime: &str, content: &str) {
    let parts = js_sys_array_of(content);
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = Url::create_object_url_with_blob(&blob) else { return };
    let anchor = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.create_element("a").ok())
        .and_then(|element| element.dyn_into::<HtmlAnchorElement>().ok());
    if let Some(anchor) = anchor {
        anchor.set_href(&url);
        anchor.set_download(file_name);
        anchor.click();
    }
    Url::revoke_object_url(&url).ok();
}

fn js_sys_array_of(content: &str) -> wasm_bindgen::JsValue {
    let array = js_sys::Array::new();
    array.push(&wasm_bindgen::JsValue::from_str(content));
    array.into()
}

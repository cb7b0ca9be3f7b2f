//! Saving files: text (CSV tables, SVG charts) through a Blob URL and a temporary link, and charts as
//! PNG at twice their size, rasterised in the browser (the SVG drawn on a canvas; no server, no
//! script outside the site's own, so the CSP stays strict: `img-src blob:` is all it needs).

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{
    Blob, BlobPropertyBag, CanvasRenderingContext2d, HtmlAnchorElement, HtmlCanvasElement, HtmlImageElement, Url,
};

/// PNGs are drawn at this many pixels per chart pixel.
const PNG_SCALE: u32 = 2;

/// Offers `content` for download as `file_name` with MIME type `mime`.
pub fn download_text(file_name: &str, mime: &str, content: &str) {
    if let Some(blob) = text_blob(content, mime) {
        save_blob(&blob, file_name);
    }
}

/// Offers the chart `svg` (`width_px` x `height_px`) as a PNG of twice that size, in the page's
/// current text and background colours (the SVG draws text in `currentColor`, which an image
/// outside the page would not know).
pub fn download_png(file_name: &str, svg: &str, width_px: u32, height_px: u32) {
    let Some(window) = web_sys::window() else { return };
    let Some(document) = window.document() else { return };
    let (text, background) = page_colours(&window, &document);
    let standalone = standalone_svg(svg, &text, &background);
    let Some(blob) = text_blob(&standalone, "image/svg+xml") else { return };
    let Ok(svg_url) = Url::create_object_url_with_blob(&blob) else { return };
    let Ok(image) = HtmlImageElement::new() else { return };
    let loaded = image.clone();
    let source = svg_url.clone();
    let file_name = file_name.to_owned();
    let on_load = Closure::once_into_js(move || {
        let canvas =
            document.create_element("canvas").ok().and_then(|element| element.dyn_into::<HtmlCanvasElement>().ok());
        Url::revoke_object_url(&svg_url).ok();
        let Some(canvas) = canvas else { return };
        canvas.set_width(width_px * PNG_SCALE);
        canvas.set_height(height_px * PNG_SCALE);
        let context = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|context| context.dyn_into::<CanvasRenderingContext2d>().ok());
        let Some(context) = context else { return };
        let (width, height) = (f64::from(width_px * PNG_SCALE), f64::from(height_px * PNG_SCALE));
        if context.draw_image_with_html_image_element_and_dw_and_dh(&loaded, 0.0, 0.0, width, height).is_err() {
            return;
        }
        let on_blob = Closure::once_into_js(move |blob: Option<Blob>| {
            if let Some(blob) = blob {
                save_blob(&blob, &file_name);
            }
        });
        canvas.to_blob(on_blob.unchecked_ref()).ok();
    });
    image.set_onload(Some(on_load.unchecked_ref()));
    image.set_src(&source);
}

/// The SVG with its page colour made explicit and a background, so it stands alone as an image.
fn standalone_svg(svg: &str, text: &str, background: &str) -> String {
    let coloured = svg.replace("currentColor", text);
    match coloured.find("<svg").and_then(|start| coloured[start..].find('>').map(|end| start + end + 1)) {
        Some(after_open) => format!(
            "{}<rect x=\"0\" y=\"0\" width=\"100%\" height=\"100%\" fill=\"{background}\"/>{}",
            &coloured[..after_open],
            &coloured[after_open..]
        ),
        None => coloured,
    }
}

/// The page's text and background colours as CSS computes them (dark mode included).
fn page_colours(window: &web_sys::Window, document: &web_sys::Document) -> (String, String) {
    let style = document.body().and_then(|body| window.get_computed_style(&body).ok().flatten());
    let property = |name: &str, fallback: &str| {
        style
            .as_ref()
            .and_then(|style| style.get_property_value(name).ok())
            .filter(|value| !value.is_empty() && value != "rgba(0, 0, 0, 0)")
            .unwrap_or_else(|| fallback.to_owned())
    };
    (property("color", "#1b1f24"), property("background-color", "#ffffff"))
}

fn text_blob(content: &str, mime: &str) -> Option<Blob> {
    let parts = js_sys::Array::new();
    parts.push(&wasm_bindgen::JsValue::from_str(content));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    Blob::new_with_str_sequence_and_options(&parts, &options).ok()
}

fn save_blob(blob: &Blob, file_name: &str) {
    let Ok(url) = Url::create_object_url_with_blob(blob) else { return };
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

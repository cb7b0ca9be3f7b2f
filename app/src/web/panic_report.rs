//! A panic is a bug: it is logged to the console (which fails the browser tests) and shown on the
//! page, so a reader sees that the report stopped instead of a half-drawn one.

use wasm_bindgen::JsCast;

pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_on_page(&info.to_string());
    }));
}

fn show_on_page(message: &str) {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else { return };
    let Ok(element) = document.create_element("div") else { return };
    element.set_class_name("panic");
    element.set_attribute("role", "alert").ok();
    element.set_text_content(Some(&format!("The report stopped because of an internal error: {message}")));
    if let Some(body) = document.body() {
        body.prepend_with_node_1(element.unchecked_ref()).ok();
    }
}

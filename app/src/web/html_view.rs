//! Static markup on the page: one element whose content is an HTML string ([`crate::html`]), with
//! one click listener for what the markup holds that acts: in-app links (`href` starting with `?`)
//! navigate like [`super::pages`]' route links, and each `button.download` downloads its table's CSV.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, MouseEvent};

use super::download::download_text;
use super::url_state::UrlState;
use crate::route::Route;
use crate::table_html::CsvDownload;

/// Handles a click inside `container`, whose markup holds links and the CSV buttons of `downloads`
/// (in document order).
pub fn on_markup_click(event: &MouseEvent, url: UrlState, downloads: &[CsvDownload]) {
    let Some(target) = event.target().and_then(|target| target.dyn_into::<Element>().ok()) else {
        return;
    };
    let Some(container) = event.current_target().and_then(|target| target.dyn_into::<Element>().ok()) else {
        return;
    };
    if let Some(link) = target.closest("a[href^='?']").ok().flatten() {
        let href = link.get_attribute("href").unwrap_or_default();
        let (query, anchor) =
            href.split_once('#').map_or((href.as_str(), None), |(query, anchor)| (query, Some(anchor)));
        url.follow(event, Route::parse(query));
        if let Some(anchor) = anchor.filter(|_| event.default_prevented()) {
            let anchor = anchor.to_owned();
            request_animation_frame(move || {
                if let Some(element) = document().get_element_by_id(&anchor) {
                    element.scroll_into_view();
                }
            });
        }
        return;
    }
    let Some(button) = target.closest("button.download").ok().flatten() else {
        return;
    };
    let Ok(buttons) = container.query_selector_all("button.download") else {
        return;
    };
    let button: &web_sys::Node = button.as_ref();
    let index =
        (0..buttons.length()).position(|at| buttons.item(at).is_some_and(|node| node.is_same_node(Some(button))));
    if let Some(download) = index.and_then(|index| downloads.get(index)) {
        download_text(&download.file_name, "text/csv", &download.csv);
    }
}

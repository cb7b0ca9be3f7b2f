//! Static markup on the page: one element whose content is an HTML string ([`crate::html`]), with
//! one click listener for what the markup holds that acts: in-app links (`href` starting with `?`)
//! navigate like [`super::pages`]' route links, and each `button.download` downloads its table's CSV.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, MouseEvent};

use super::download::download_text;
use super::url_state::{use_url_state, UrlState};
use crate::html::Html;
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

/// An in-app link in markup: [`on_markup_click`] navigates on a plain click; `anchor` is scrolled
/// into view once the new page is drawn.
pub fn link_html(html: &mut Html, target: &Route, anchor: Option<&str>, text: &str, test_id: Option<&str>) {
    let mut href = target.to_query();
    if let Some(anchor) = anchor {
        href.push('#');
        href.push_str(anchor);
    }
    html.element("a", &[("href", Some(&href)), ("data-testid", test_id)], text);
}

/// `<div class=class data-testid=test_id>` holding `html`, its links and CSV buttons live.
pub fn markup_div(
    class: &'static str,
    test_id: Option<&'static str>,
    html: Html,
    downloads: Vec<CsvDownload>,
) -> impl IntoView {
    let url = use_url_state();
    view! { <div class=class data-testid=test_id inner_html=html.into_string() on:click=move |event| on_markup_click(&event, url, &downloads)></div> }
}

/// [`markup_div`] as a `<section>`.
pub fn markup_section(
    class: &'static str,
    test_id: Option<&'static str>,
    html: Html,
    downloads: Vec<CsvDownload>,
) -> impl IntoView {
    let url = use_url_state();
    view! { <section class=class data-testid=test_id inner_html=html.into_string() on:click=move |event| on_markup_click(&event, url, &downloads)></section> }
}

/// [`markup_div`] as a `<details>` (its `<summary>` in `html`).
pub fn markup_details(class: &'static str, html: Html, downloads: Vec<CsvDownload>) -> impl IntoView {
    let url = use_url_state();
    view! { <details class=class inner_html=html.into_string() on:click=move |event| on_markup_click(&event, url, &downloads)></details> }
}

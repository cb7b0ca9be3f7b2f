//! An in-app link: a real `href` (new tab, copy link, reload all work) that navigates without
//! reloading on a plain click.

use leptos::prelude::*;

use crate::route::Route;
use crate::web::url_state::use_url_state;

pub fn route_link(target: Route, text: String, test_id: Option<&'static str>) -> impl IntoView {
    let url = use_url_state();
    let href = target.to_query();
    view! { <a href=href data-testid=test_id on:click=move |event| url.follow(&event, target.clone())>{text}</a> }
}

/// A link that, once the new view is drawn, scrolls the element with id `anchor` into view: a
/// drill-down number far above its records list shows the list it opened.
pub fn route_link_to(target: Route, text: String, anchor: &'static str) -> impl IntoView {
    let url = use_url_state();
    let href = format!("{}#{anchor}", target.to_query());
    view! {
        <a
            href=href
            on:click=move |event| {
                url.follow(&event, target.clone());
                if event.default_prevented() {
                    request_animation_frame(move || {
                        if let Some(element) = document().get_element_by_id(anchor) {
                            element.scroll_into_view();
                        }
                    });
                }
            }
        >
            {text}
        </a>
    }
}

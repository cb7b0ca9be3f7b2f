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

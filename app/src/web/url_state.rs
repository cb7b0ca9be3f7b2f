//! The route (page, selection, filters, as_of, range) kept in sync with the address bar's query
//! string: navigating pushes a history entry, back and forward restore the route.

use js_sys::{Function, Object, Reflect};
use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::MouseEvent;

use crate::route::Route;

/// Shared through context; `Copy` so closures can capture it freely.
#[derive(Debug, Clone, Copy)]
pub struct UrlState {
    route: RwSignal<Route>,
}

impl UrlState {
    /// Reads the current query string and follows back/forward from then on.
    pub fn install() -> UrlState {
        let state = UrlState { route: RwSignal::new(Route::parse(&current_query())) };
        // The site lives as long as the page: the listener is never removed.
        let _listener = window_event_listener(ev::popstate, move |_| state.route.set(Route::parse(&current_query())));
        state
    }

    pub fn route(&self) -> Signal<Route> {
        self.route.into()
    }

    /// Shows `route` and records it as a new history entry (a no-op when nothing changes).
    pub fn navigate(&self, route: Route) {
        if self.route.with_untracked(|current| *current == route) {
            return;
        }
        mark("uptrend:navigate");
        if let Ok(history) = window().history() {
            history.push_state_with_url(&JsValue::NULL, "", Some(&route.to_query())).ok();
        }
        self.route.set(route);
    }

    /// Navigates to the current route changed by `change`.
    pub fn update(&self, change: impl FnOnce(&mut Route)) {
        let mut route = self.route.get_untracked();
        change(&mut route);
        self.navigate(route);
    }

    /// An in-app link's click: plain clicks navigate without reloading; modified clicks (new tab,
    /// new window) are left to the browser, which opens the same URL.
    pub fn follow(&self, event: &MouseEvent, route: Route) {
        if event.button() != 0 || event.ctrl_key() || event.meta_key() || event.shift_key() || event.alt_key() {
            return;
        }
        event.prevent_default();
        self.navigate(route);
    }
}

pub fn use_url_state() -> UrlState {
    use_context::<UrlState>().unwrap_or_else(UrlState::install)
}

fn current_query() -> String {
    window().location().search().unwrap_or_default()
}

/// A Performance API mark, for the browser tests' timings. Its detail is the size of the wasm
/// linear memory then, in bytes: that memory only grows, so it is the high-water mark of the Rust
/// heap so far (the load figures report it at the data's and the delivery side's marks).
pub fn mark(name: &str) {
    let Some(performance) = window().performance() else { return };
    // `mark(name, { detail })` is not in web-sys' stable API: called by name.
    let mark =
        Reflect::get(&performance, &JsValue::from_str("mark")).ok().and_then(|mark| mark.dyn_into::<Function>().ok());
    let Some(mark) = mark else { return };
    let options = Object::new();
    let memory_bytes = core::arch::wasm32::memory_size(0) * WASM_PAGE_BYTES;
    Reflect::set(&options, &JsValue::from_str("detail"), &JsValue::from_f64(memory_bytes as f64)).ok();
    mark.call2(&performance, &JsValue::from_str(name), &options).ok();
}

/// The size of a WebAssembly memory page.
const WASM_PAGE_BYTES: usize = 64 << 10;

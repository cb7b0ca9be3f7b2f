//! The browser side: start-up, data loading, pages.

use leptos::prelude::*;

pub fn start() {
    console_error_panic_hook::set_once();
    mount_to_body(App);
}

#[component]
fn App() -> impl IntoView {
    view! {
        <main class="report">
            <h1>"Uptrend"</h1>
            <p data-testid="status">"Reliability report"</p>
        </main>
    }
}

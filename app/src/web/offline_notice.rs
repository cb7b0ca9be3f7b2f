//! Says so when the hosted site is shown without a network: the service worker (app/assets/sw.js) then
//! serves the app and the data saved on the last visit, and a reader must know the numbers may be older
//! than what is published. The single-file report carries its data and never needs the network, so it
//! has no such notice.

use leptos::ev;
use leptos::prelude::*;

/// The notice, shown while the browser reports no network (`navigator.onLine`, with its `online` and
/// `offline` events).
#[component]
pub fn OfflineNotice() -> impl IntoView {
    let offline = RwSignal::new(!window().navigator().on_line());
    let _went_offline = window_event_listener(ev::offline, move |_| offline.set(true));
    let _came_back = window_event_listener(ev::online, move |_| offline.set(false));
    move || {
        offline.get().then(|| {
            view! {
                <div class="offline-notice" role="status" data-testid="offline-notice">
                    <strong>"Offline."</strong>
                    " This is the report as your browser saved it on your last visit; snapshots published since \
                     then show once you are back online and reload."
                </div>
            }
        })
    }
}

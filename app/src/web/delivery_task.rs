//! The delivery side of the report (DORA, the SLO x DORA join, the platform report) for the current
//! report instant and range, computed when a page that shows it first asks (the SLO page never does).
//! A data set of many deployments takes seconds to compute it in the tab's one thread, so it is then
//! computed after the next paint: the SLO table shows at once, the delivery numbers when they are
//! ready (the pages say "computing" meanwhile). Small data sets compute it in place, with no
//! intermediate state to see.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

use super::url_state::mark;
use crate::route::RangeChoice;
use crate::view_model::delivery_basis::DeliveryBasis;
use crate::view_model::dora_window::DoraWindow;
use crate::view_model::report_model::Delivery;
use uptrend_core::load::Loaded;

/// From this many deployments on, the delivery side is computed after the next paint (the demo data
/// has a few thousand; `demo --scale large` a million).
pub const DEFERRED_MIN_DEPLOYMENTS: usize = 20_000;

/// The Performance API mark set when a deferred delivery side is ready, for the load figures.
const DELIVERY_COMPUTED_MARK: &str = "uptrend:delivery-computed";

/// What the delivery side depends on: the report instant and the range control.
pub type DeliveryKey = (Option<DateTime<Utc>>, RangeChoice);

/// The delivery side for the current `key`: `None` without a report instant, and while a deferred
/// computation for this key has not finished.
pub fn delivery_for(loaded: Arc<Loaded>, key: Memo<DeliveryKey>) -> Memo<Option<Arc<Delivery>>> {
    // The last basis, reused while only the range changes: a range change aggregates its window alone.
    let last_basis = StoredValue::new(None::<Arc<DeliveryBasis>>);
    let compute = move |loaded: &Arc<Loaded>, (as_of, range): DeliveryKey| {
        let at = as_of?;
        let basis = match last_basis.get_value().filter(|basis| basis.is_for(loaded, at)) {
            Some(basis) => basis,
            None => {
                // Let go of the old basis first: two of a large data set's would coexist at the peak.
                last_basis.set_value(None);
                Arc::new(DeliveryBasis::at(loaded.clone(), at))
            }
        };
        last_basis.set_value(Some(basis.clone()));
        Some(Arc::new(Delivery::on(basis, DoraWindow::of(range, at))))
    };
    if loaded.dataset.deployments.len() < DEFERRED_MIN_DEPLOYMENTS {
        return Memo::new_with_compare(move |_| compute(&loaded, key.get()), changed);
    }
    let finished: RwSignal<Option<(DeliveryKey, Option<Arc<Delivery>>)>> = RwSignal::new(None);
    let started = StoredValue::new(None::<DeliveryKey>);
    // Started by the first read for a key (a page that shows delivery numbers), not before.
    Memo::new_with_compare(
        move |_| {
            let wanted = key.get();
            let done = finished.with(|done| {
                done.as_ref().filter(|(done_for, _)| *done_for == wanted).map(|(_, delivery)| delivery.clone())
            });
            if let Some(delivery) = done {
                return delivery;
            }
            if started.get_value() != Some(wanted) {
                started.set_value(Some(wanted));
                let loaded = loaded.clone();
                spawn_local(async move {
                    after_next_paint().await;
                    // A later choice supersedes this one before it starts.
                    if key.get_untracked() != wanted {
                        return;
                    }
                    // The previous key's result is not shown any more. With another report instant it
                    // holds the old basis: freed before the new one is built. After a range change
                    // (the same basis) only its reports: freed after the new ones are painted, not
                    // within the interaction.
                    let previous = match finished.try_update(Option::take).flatten() {
                        Some(previous) if previous.0 .0 == wanted.0 => Some(previous),
                        other => {
                            drop(other);
                            None
                        }
                    };
                    let delivery = compute(&loaded, wanted);
                    mark(DELIVERY_COMPUTED_MARK);
                    finished.set(Some((wanted, delivery)));
                    if previous.is_some() {
                        after_next_paint().await;
                        drop(previous);
                    }
                });
            }
            None
        },
        changed,
    )
}

/// Whether the delivery side changed: a new computation, not an equal value compared field by field.
fn changed(old: Option<&Option<Arc<Delivery>>>, new: Option<&Option<Arc<Delivery>>>) -> bool {
    match (old, new) {
        (Some(Some(old)), Some(Some(new))) => !Arc::ptr_eq(old, new),
        (Some(None), Some(None)) => false,
        _ => true,
    }
}

/// Resolves after the browser has painted the next frame: the work that follows does not hold it back.
async fn after_next_paint() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        request_animation_frame(move || {
            set_timeout(
                move || {
                    resolve.call0(&JsValue::NULL).ok();
                },
                Duration::ZERO,
            );
        });
    });
    JsFuture::from(promise).await.ok();
}

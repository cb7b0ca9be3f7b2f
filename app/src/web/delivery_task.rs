//! The delivery side of the report (DORA, the SLO x DORA join, the platform report) for the current
//! report instant and range, computed when a page that shows it first asks (the SLO page never does).
//! A data set of many deployments takes seconds to compute it in the tab's one thread, so it is then
//! computed after the next paint, its basis in steps with the thread free between them: the SLO
//! table shows at once, the delivery numbers when they are ready (the pages say "computing"
//! meanwhile). The preset ranges are then computed ahead while the tab is idle, and every report is
//! kept for its range while the basis lasts ([`WindowCache`]). Small data sets compute it in place,
//! with no intermediate state to see.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::url_state::mark;
use crate::route::RangeChoice;
use crate::view_model::delivery_basis::DeliveryBasis;
use crate::view_model::dora_window::DoraWindow;
use crate::view_model::report_model::Delivery;
use crate::view_model::window_cache::WindowCache;
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
    let reports = Reports::default();
    if loaded.dataset.deployments.len() < DEFERRED_MIN_DEPLOYMENTS {
        return Memo::new_with_compare(
            move |_| {
                let (as_of, range) = key.get();
                Some(reports.compute(&loaded, as_of?, range))
            },
            changed,
        );
    }
    let finished: RwSignal<Option<(DeliveryKey, Option<Arc<Delivery>>)>> = RwSignal::new(None);
    let started = StoredValue::new(None::<DeliveryKey>);
    // Started by the first read for a key (a page that shows delivery numbers), not before.
    Memo::new_with_compare(
        move |_| {
            let wanted = key.get();
            if let Some(delivery) = reports.kept(&loaded, wanted) {
                // Computing ahead stops while a choice is computed; one abandoned for a kept range
                // would not start it again.
                if reports.has_ranges_to_compute_ahead() {
                    let loaded = loaded.clone();
                    spawn_local(async move { reports.compute_ahead(&loaded, key).await });
                }
                return Some(delivery);
            }
            let done = finished.with(|done| {
                done.as_ref().filter(|(done_for, _)| *done_for == wanted).map(|(_, delivery)| delivery.clone())
            });
            if let Some(delivery) = done {
                return delivery;
            }
            if started.get_value() != Some(wanted) {
                started.set_value(Some(wanted));
                let loaded = loaded.clone();
                // A task superseded by a later choice leaves it to that choice's own task. It forgets
                // that it started, so that coming back to `wanted` (perhaps from a page that never
                // read this memo meanwhile) starts a new one rather than waiting for it forever.
                let give_up = move || {
                    if started.get_value() == Some(wanted) {
                        started.set_value(None);
                    }
                };
                spawn_local(async move {
                    after_next_paint().await;
                    if key.get_untracked() != wanted {
                        give_up();
                        return;
                    }
                    // The previous key's result is not shown any more. With another report instant it
                    // holds the old basis: freed before the new one is built. After a range change
                    // (the same basis) only its reports: freed after the new ones are painted, not
                    // within the interaction (unless they are kept for that range).
                    let previous = match finished.try_update(Option::take).flatten() {
                        Some(previous) if previous.0 .0 == wanted.0 => Some(previous),
                        other => {
                            drop(other);
                            None
                        }
                    };
                    let delivery = match wanted.0 {
                        Some(at) => match reports.compute_in_steps(&loaded, at, wanted.1, key, wanted).await {
                            Some(delivery) => Some(delivery),
                            None => {
                                give_up();
                                return;
                            }
                        },
                        None => None,
                    };
                    mark(DELIVERY_COMPUTED_MARK);
                    finished.set(Some((wanted, delivery)));
                    after_next_paint().await;
                    drop(previous);
                    reports.compute_ahead(&loaded, key).await;
                });
            }
            None
        },
        changed,
    )
}

/// The Performance API mark set when every range of [`WindowCache::PRECOMPUTED`] is computed.
const RANGES_COMPUTED_MARK: &str = "uptrend:ranges-computed";

/// The last basis, reused while only the range changes (a range change aggregates its window alone),
/// and its reports by range.
#[derive(Clone, Copy)]
struct Reports {
    basis: StoredValue<Option<Arc<DeliveryBasis>>>,
    by_range: StoredValue<WindowCache<Arc<Delivery>>>,
    computing_ahead: StoredValue<bool>,
}

impl Default for Reports {
    fn default() -> Self {
        Reports {
            basis: StoredValue::new(None),
            by_range: StoredValue::new(WindowCache::default()),
            computing_ahead: StoredValue::new(false),
        }
    }
}

impl Reports {
    /// The report of `key` if it was computed before on the current basis.
    fn kept(self, loaded: &Arc<Loaded>, (as_of, range): DeliveryKey) -> Option<Arc<Delivery>> {
        self.current_basis(loaded, as_of?)?;
        self.by_range.with_value(|kept| kept.get(range))
    }

    /// The report of `range` at `at`, kept or computed (and kept).
    fn compute(self, loaded: &Arc<Loaded>, at: DateTime<Utc>, range: RangeChoice) -> Arc<Delivery> {
        let basis = self.basis_at(loaded, at);
        if let Some(kept) = self.by_range.with_value(|kept| kept.get(range)) {
            return kept;
        }
        let delivery = Arc::new(Delivery::on(basis, DoraWindow::of(range, at)));
        self.by_range.update_value(|kept| kept.insert(range, delivery.clone()));
        delivery
    }

    /// [`Self::compute`], with the tab's thread free after each part of a new basis (its facts and SLO
    /// indexes, its DORA basis, its platform report: about a second each on a large data set) rather
    /// than blocked for all of them: a click meanwhile waits for one part, not all. `None` when the
    /// reader's choice changed to another than `wanted` meanwhile (that choice's own task computes it).
    async fn compute_in_steps(
        self,
        loaded: &Arc<Loaded>,
        at: DateTime<Utc>,
        range: RangeChoice,
        key: Memo<DeliveryKey>,
        wanted: DeliveryKey,
    ) -> Option<Arc<Delivery>> {
        let still_wanted = || key.get_untracked() == wanted;
        let basis = self.basis_at(loaded, at);
        if !basis.parts().is_complete() {
            loop {
                after_next_paint().await;
                if !still_wanted() {
                    return None;
                }
                if !basis.parts().compute_next_part() {
                    break;
                }
            }
        }
        still_wanted().then(|| self.compute(loaded, at, range))
    }

    /// The basis at `at`: the last one, or a new one in place of it.
    fn basis_at(self, loaded: &Arc<Loaded>, at: DateTime<Utc>) -> Arc<DeliveryBasis> {
        let basis = match self.current_basis(loaded, at) {
            Some(basis) => basis,
            None => {
                // Let go of the old basis and its reports first: two of a large data set's would
                // coexist at the peak.
                self.basis.set_value(None);
                self.by_range.update_value(WindowCache::clear);
                Arc::new(DeliveryBasis::at(loaded.clone(), at))
            }
        };
        self.basis.set_value(Some(basis.clone()));
        basis
    }

    /// The last basis, if it is the one of `loaded` at `at`.
    fn current_basis(self, loaded: &Arc<Loaded>, at: DateTime<Utc>) -> Option<Arc<DeliveryBasis>> {
        self.basis.get_value().filter(|basis| basis.is_for(loaded, at))
    }

    /// Whether a preset range is left to compute ahead and nothing is computing it.
    fn has_ranges_to_compute_ahead(self) -> bool {
        !self.computing_ahead.get_value() && self.by_range.with_value(WindowCache::next_to_precompute).is_some()
    }

    /// Computes the ranges of [`WindowCache::PRECOMPUTED`] not computed yet, one per idle period of
    /// the tab. It stops while the reader's own choice is being computed (whose end, or a kept range
    /// picked, starts it again) and when the report instant changes.
    async fn compute_ahead(self, loaded: &Arc<Loaded>, key: Memo<DeliveryKey>) {
        if self.computing_ahead.get_value() {
            return;
        }
        self.computing_ahead.set_value(true);
        loop {
            when_idle().await;
            let now = key.get_untracked();
            let Some(at) = now.0 else { break };
            if self.kept(loaded, now).is_none() {
                break;
            }
            let Some(range) = self.by_range.with_value(WindowCache::next_to_precompute) else {
                mark(RANGES_COMPUTED_MARK);
                break;
            };
            self.compute(loaded, at, range);
        }
        self.computing_ahead.set_value(false);
    }
}

/// Whether the delivery side changed: a new computation, not an equal value compared field by field.
fn changed(old: Option<&Option<Arc<Delivery>>>, new: Option<&Option<Arc<Delivery>>>) -> bool {
    match (old, new) {
        (Some(Some(old)), Some(Some(new))) => !Arc::ptr_eq(old, new),
        (Some(None), Some(None)) => false,
        _ => true,
    }
}

/// Resolves when the tab is next idle (`requestIdleCallback`), or after the next paint where the
/// browser has no idle callbacks.
async fn when_idle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let callback = wasm_bindgen::closure::Closure::once_into_js(move || {
            resolve.call0(&JsValue::NULL).ok();
        });
        let Ok(callback) = callback.dyn_into::<js_sys::Function>() else { return };
        if window().request_idle_callback(&callback).is_err() {
            request_animation_frame(move || {
                callback.call0(&JsValue::NULL).ok();
            });
        }
    });
    JsFuture::from(promise).await.ok();
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

//! Drag-to-zoom on time charts: a selection becomes the URL's custom range (whole UTC days, both
//! included), pushed as a history entry so Back undoes it; the reset control returns to the range
//! shown before the first zoom of a chain.

use leptos::prelude::*;

use super::url_state::use_url_state;
use crate::route::RangeChoice;

/// The ranges shown before each zoom, most recent last.
#[derive(Debug, Clone, Copy)]
pub struct Zoom {
    previous: RwSignal<Vec<RangeChoice>>,
}

impl Zoom {
    /// Shares one zoom trail through context.
    pub fn install() -> Zoom {
        let zoom = Zoom { previous: RwSignal::new(Vec::new()) };
        provide_context(zoom);
        zoom
    }

    /// Shows the whole UTC days from `from_secs` to `to_secs`.
    pub fn select(&self, from_secs: i64, to_secs: i64) {
        let Some(range) = RangeChoice::covering_days(from_secs, to_secs) else { return };
        let url = use_url_state();
        let current = url.route().get_untracked().range;
        if current == range {
            return;
        }
        self.previous.update(|previous| previous.push(current));
        url.update(|route| route.range = range);
    }

    /// Returns to the range before the first zoom (the default range after a deep link).
    pub fn reset(&self) {
        let first = self.previous.with_untracked(|previous| previous.first().copied()).unwrap_or_default();
        self.previous.set(Vec::new());
        use_url_state().update(|route| route.range = first);
    }
}

pub fn use_zoom() -> Zoom {
    use_context::<Zoom>().unwrap_or_else(Zoom::install)
}

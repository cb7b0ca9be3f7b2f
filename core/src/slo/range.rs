//! The time range a chart shows (7d, 28d, 90d, 1y or custom), independent of the SLO's window.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::time::Span;

/// The closed interval `[start, end]` a series covers; a range with `end < start` is empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TimeRange {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

impl TimeRange {
    /// The `span` before `end` (the site's 7d, 28d, 90d and 1y ranges); clamped at chrono's earliest date.
    pub fn ending_at(end: DateTime<Utc>, span: Span) -> TimeRange {
        let start = end.checked_sub_signed(span.to_chrono()).unwrap_or(DateTime::<Utc>::MIN_UTC);
        TimeRange { start, end }
    }
}

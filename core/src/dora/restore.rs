//! Incident time to restore (the SRE view, beside the DORA five): for incidents started in the
//! period, `resolved_at − started_at`; an incident unresolved at `as_of` is counted as open.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::elapsed::elapsed_secs;
use crate::stats;

/// Median duration of the closed cases, their count, and how many are still open.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct OpenDurations {
    pub median: Option<f64>,
    pub n: u64,
    pub open: u64,
}

impl OpenDurations {
    /// From the closed cases' durations in any order (they are reordered).
    pub fn from_durations(durations_secs: &mut [i64], open: u64) -> OpenDurations {
        OpenDurations { median: stats::median_of_unsorted(durations_secs), n: durations_secs.len() as u64, open }
    }
}

/// Seconds to restore an incident resolved at `resolved_at` (as known at `as_of`); never negative.
pub fn restore_secs(started_at: DateTime<Utc>, resolved_at: Option<DateTime<Utc>>) -> Option<i64> {
    resolved_at.map(|resolved| elapsed_secs(started_at, resolved).max(0))
}

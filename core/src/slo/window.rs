//! The compliance window at a report instant: which buckets of the grid it covers.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::slo::calendar::period_containing;
use crate::slo::grid::Grid;
use crate::time::Window;

/// The buckets `[first_index, end_index)` of an SLO's window at `as_of`.
///
/// `end` is the last bucket boundary at or before `as_of`. A rolling window of length W covers the
/// `ceil(W / step)` buckets ending at `end`; a calendar window covers the buckets that start inside the
/// calendar period holding the last bucket before `end`, up to `end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ResolvedWindow {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// Buckets in the window (at least 1).
    pub buckets: u64,
    /// The window's full length, which the alert thresholds scale with: W for a rolling window, the
    /// whole calendar period (not only its elapsed part) for a calendar window.
    pub length_secs: i64,
    /// When the window, as the forecast sees it, runs out: `end + W` for a rolling window, the end of the
    /// calendar period otherwise.
    pub horizon: DateTime<Utc>,
    #[serde(skip)]
    pub first_index: i64,
    #[serde(skip)]
    pub end_index: i64,
}

impl ResolvedWindow {
    /// `None` only when a boundary falls outside chrono's dates.
    pub fn at(window: Window, grid: Grid, as_of: DateTime<Utc>) -> Option<ResolvedWindow> {
        let end_index = grid.index_at_or_before(as_of);
        let end = grid.boundary(end_index)?;
        let (first_index, length_secs, horizon) = match window {
            Window::Rolling(span) => {
                let buckets = grid.buckets_covering(span.secs());
                (end_index.checked_sub(buckets)?, span.secs(), end.checked_add_signed(span.to_chrono())?)
            }
            Window::Calendar(period) => {
                let last_bucket_start = grid.boundary(end_index.checked_sub(1)?)?;
                let (period_start, period_end) = period_containing(last_bucket_start, period)?;
                let length_secs = (period_end - period_start).num_seconds();
                (grid.index_at_or_after(period_start), length_secs, period_end)
            }
        };
        Some(ResolvedWindow {
            start: grid.boundary(first_index)?,
            end,
            buckets: u64::try_from(end_index - first_index).ok()?,
            length_secs,
            horizon,
            first_index,
            end_index,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SliSeries;
    use crate::time::{CalendarPeriod, Span};

    fn grid(step_secs: i64) -> Grid {
        let start = "2026-01-01T00:00:00Z".parse().unwrap();
        Grid::of(&SliSeries::empty(start, Span::from_secs(step_secs).unwrap()))
    }

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    #[test]
    fn a_rolling_window_rounds_its_bucket_count_up() {
        // 1h window on a 7-minute grid: ceil(3600 / 420) = 9 buckets.
        let window = ResolvedWindow::at(Window::Rolling(Span::HOUR), grid(420), at("2026-01-02T00:00:00Z")).unwrap();
        assert_eq!(window.buckets, 9);
        assert_eq!(window.length_secs, 3_600);
    }

    #[test]
    fn a_calendar_window_on_an_unaligned_grid_starts_at_the_first_boundary_in_the_period() {
        // 7-hour grid from 2026-01-01: February starts 744 h later; 742 h = 106 steps is Jan 31 22:00,
        // 749 h = 107 steps is Feb 1 05:00, the first boundary in February.
        let month = Window::Calendar(CalendarPeriod::Month);
        let window = ResolvedWindow::at(month, grid(7 * 3_600), at("2026-02-10T00:00:00Z")).unwrap();
        assert_eq!(window.start, at("2026-02-01T05:00:00Z"));
        assert_eq!(window.length_secs, 28 * 86_400);
        assert_eq!(window.horizon, at("2026-03-01T00:00:00Z"));
    }
}

//! A half-open interval of instants: the report's windows (DORA window, SLO window bounds, trend buckets).

use chrono::{DateTime, TimeDelta, Utc};
use serde::Serialize;

use crate::time::Span;

const SECS_PER_DAY: f64 = 86_400.0;

/// A half-open interval of instants `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Period {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

impl Period {
    /// The `length` before `end`; starts at the earliest representable instant if that is later.
    pub fn ending_at(end: DateTime<Utc>, length: Span) -> Period {
        let start = end.checked_sub_signed(length.to_chrono()).unwrap_or(DateTime::<Utc>::MIN_UTC);
        Period { start, end }
    }

    /// The period of the same length just before this one.
    pub fn previous(&self) -> Period {
        let length = self.end.signed_duration_since(self.start);
        let start = self.start.checked_sub_signed(length).unwrap_or(DateTime::<Utc>::MIN_UTC);
        Period { start, end: self.start }
    }

    pub fn contains(&self, instant: DateTime<Utc>) -> bool {
        self.start <= instant && instant < self.end
    }

    /// Length in (fractional) days; `None` when the period is empty.
    pub fn length_days(&self) -> Option<f64> {
        let secs = self.end.signed_duration_since(self.start).num_seconds();
        (secs > 0).then(|| secs as f64 / SECS_PER_DAY)
    }

    /// How many UTC calendar dates the period touches (a 90-day window starting at noon touches 91).
    pub fn dates_touched(&self) -> u64 {
        if self.end <= self.start {
            return 0;
        }
        let last_instant = self.end - TimeDelta::nanoseconds(1);
        let days = last_instant.date_naive().signed_duration_since(self.start.date_naive()).num_days();
        u64::try_from(days).map_or(0, |days| days.saturating_add(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    #[test]
    fn a_window_starting_at_noon_touches_one_more_date_than_its_days() {
        let window = Period::ending_at(at("2026-11-21T12:00:00Z"), Span::DAY);
        assert_eq!(window.dates_touched(), 2);
        assert_eq!(window.length_days(), Some(1.0));
        let midnight = Period::ending_at(at("2026-11-21T00:00:00Z"), Span::WEEK);
        assert_eq!(midnight.dates_touched(), 7);
    }

    #[test]
    fn periods_are_half_open_and_the_previous_one_has_the_same_length() {
        let window = Period::ending_at(at("2026-11-21T00:00:00Z"), Span::DAY);
        assert!(window.contains(at("2026-11-20T00:00:00Z")));
        assert!(!window.contains(at("2026-11-21T00:00:00Z")));
        assert_eq!(window.previous(), Period { start: at("2026-11-19T00:00:00Z"), end: at("2026-11-20T00:00:00Z") });
    }

    #[test]
    fn windows_before_the_earliest_instant_are_clamped_not_panicking() {
        let window = Period::ending_at(DateTime::<Utc>::MIN_UTC, Span::WEEK);
        assert_eq!(window.length_days(), None);
        assert_eq!(window.dates_touched(), 0);
        assert_eq!(window.previous().length_days(), None);
    }
}

//! The DORA window of the site: the range control's period (7d, 28d, 90d, 1y ending at as_of, or
//! whole custom days), said in words, with the trend granularity that gives enough points.

use chrono::{DateTime, Timelike, Utc};
use uptrend_core::dora::Period;
use uptrend_core::time::Span;

use crate::route::{RangeChoice, TrendGranularity};

const DAY_SECS: i64 = 86_400;
/// Ranges up to this many days trend by ISO week; longer ones by month.
const WEEKLY_UP_TO_DAYS: i64 = 100;
/// Trends show at least this many buckets, reaching back before the range when it is shorter.
pub const MIN_TREND_POINTS: usize = 4;

/// How the DORA report of the page is computed: a window ending at as_of (exactly what
/// `uptrend report --dora-window <days>d` computes) or a custom period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DoraWindow {
    EndingAtAsOf(Span),
    Custom(Period),
}

impl DoraWindow {
    pub fn of(range: RangeChoice, as_of: DateTime<Utc>) -> DoraWindow {
        let (start_secs, end_secs) = range.bounds_secs(as_of.timestamp());
        match range {
            RangeChoice::Custom { .. } => {
                let instant = |secs| DateTime::from_timestamp(secs, 0).unwrap_or(as_of);
                DoraWindow::Custom(Period { start: instant(start_secs), end: instant(end_secs) })
            }
            _ => DoraWindow::EndingAtAsOf(Span::from_secs(end_secs - start_secs).unwrap_or(Span::WEEK)),
        }
    }

    pub fn period(self, as_of: DateTime<Utc>) -> Period {
        match self {
            DoraWindow::EndingAtAsOf(span) => Period::ending_at(as_of, span),
            DoraWindow::Custom(period) => period,
        }
    }
}

/// The window in words: `last 28 days, 2026-10-24 to 2026-11-21, compared with the 28 days before
/// (2026-09-26 to 2026-10-24)`. Instants at midnight are written as dates.
pub fn window_words(range: RangeChoice, window: &Period, previous: &Period) -> String {
    let days = window.end.signed_duration_since(window.start).num_seconds() / DAY_SECS;
    let days_word = if days == 1 { "day".to_owned() } else { format!("{days} days") };
    let lead = match range {
        RangeChoice::Custom { .. } => format!("{} to {} ({days_word})", instant(window.start), instant(window.end)),
        _ => format!("last {days_word}, {} to {}", instant(window.start), instant(window.end)),
    };
    format!("{lead}, compared with the {days_word} before ({} to {})", instant(previous.start), instant(previous.end))
}

fn instant(at: DateTime<Utc>) -> String {
    if at.num_seconds_from_midnight() == 0 {
        crate::instant_text::date(at)
    } else {
        crate::instant_text::minute_utc(at)
    }
}

/// Weekly buckets for ranges up to about a quarter, monthly beyond; a choice in the URL wins.
pub fn granularity(choice: TrendGranularity, window: &Period) -> TrendGranularity {
    match choice {
        TrendGranularity::Auto => {
            let days = window.end.signed_duration_since(window.start).num_seconds() / DAY_SECS;
            if days <= WEEKLY_UP_TO_DAYS {
                TrendGranularity::Weekly
            } else {
                TrendGranularity::Monthly
            }
        }
        chosen => chosen,
    }
}

/// The indices of the trend buckets to show: those overlapping the window, extended back to at least
/// [`MIN_TREND_POINTS`] buckets. `bucket_periods` are consecutive and ascending.
pub fn shown_buckets(bucket_periods: &[Period], window: &Period) -> std::ops::Range<usize> {
    let overlapping = |period: &Period| period.start < window.end && window.start < period.end;
    let Some(last) = bucket_periods.iter().rposition(overlapping) else {
        return 0..0;
    };
    let first = bucket_periods.iter().position(overlapping).unwrap_or(last);
    let first = first.min((last + 1).saturating_sub(MIN_TREND_POINTS));
    first..last + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().unwrap_or_default()
    }

    #[test]
    fn presets_end_at_as_of_and_custom_ranges_cover_whole_days() {
        let as_of = at("2026-11-21T00:00:00Z");
        assert_eq!(
            DoraWindow::of(RangeChoice::Days28, as_of),
            DoraWindow::EndingAtAsOf(Span::from_secs(28 * DAY_SECS).unwrap_or(Span::WEEK))
        );
        let from = chrono::NaiveDate::from_ymd_opt(2026, 10, 1).unwrap_or_default();
        let to = chrono::NaiveDate::from_ymd_opt(2026, 10, 31).unwrap_or_default();
        let custom = DoraWindow::of(RangeChoice::Custom { from, to }, as_of).period(as_of);
        assert_eq!(custom, Period { start: at("2026-10-01T00:00:00Z"), end: at("2026-11-01T00:00:00Z") });
    }

    #[test]
    fn the_window_is_said_in_words() {
        let window = Period { start: at("2026-10-24T00:00:00Z"), end: at("2026-11-21T00:00:00Z") };
        assert_eq!(
            window_words(RangeChoice::Days28, &window, &window.previous()),
            "last 28 days, 2026-10-24 to 2026-11-21, compared with the 28 days before (2026-09-26 to 2026-10-24)"
        );
    }

    #[test]
    fn granularity_is_weekly_up_to_a_quarter_and_shows_at_least_four_buckets() {
        let window = |days: i64| {
            Period::ending_at(at("2026-11-21T00:00:00Z"), Span::from_secs(days * DAY_SECS).unwrap_or(Span::WEEK))
        };
        assert_eq!(granularity(TrendGranularity::Auto, &window(90)), TrendGranularity::Weekly);
        assert_eq!(granularity(TrendGranularity::Auto, &window(365)), TrendGranularity::Monthly);
        assert_eq!(granularity(TrendGranularity::Weekly, &window(365)), TrendGranularity::Weekly);
        // Ten weekly buckets; a 7-day window overlaps the last two, extended back to four.
        let weeks: Vec<Period> = (0..10)
            .map(|i| Period {
                start: at("2026-09-14T00:00:00Z") + chrono::TimeDelta::weeks(i),
                end: at("2026-09-21T00:00:00Z") + chrono::TimeDelta::weeks(i),
            })
            .collect();
        let seven_days = Period { start: at("2026-11-14T00:00:00Z"), end: at("2026-11-21T00:00:00Z") };
        assert_eq!(shown_buckets(&weeks, &seven_days), 6..10);
        assert_eq!(shown_buckets(&weeks, &window(90)), 0..10);
    }
}

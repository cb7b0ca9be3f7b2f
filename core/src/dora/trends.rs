//! Trend buckets: ISO weeks (from Monday 00:00 UTC) and calendar months (UTC) covering the whole
//! data range up to `as_of`, every bucket present (empty ones with n = 0). The bucket holding
//! `as_of` ends at `as_of`; rates divide by that covered length. The range is capped at the last
//! [`MAX_TREND_BUCKETS`] buckets so absurd timestamps cannot exhaust memory.

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Utc};
use serde::Serialize;

use super::known::Period;
use super::metrics::DoraMetrics;

/// At most this many buckets per trend (about 19 years of weeks, 83 years of months).
pub const MAX_TREND_BUCKETS: usize = 1_000;

const SECS_PER_WEEK: i64 = 604_800;
/// 1970-01-01 was a Thursday: ISO week 0 of this numbering starts on Monday 1969-12-29.
const EPOCH_TO_MONDAY_SECS: i64 = 3 * 86_400;

/// Trend granularity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Granularity {
    IsoWeek,
    Month,
}

/// One trend bucket: `"2026-W47"` or `"2026-11"`, its covered period and its metrics.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendBucket {
    pub label: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    #[serde(flatten)]
    pub metrics: DoraMetrics,
}

/// Weekly and monthly trends of one scope.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Trends {
    pub weekly: Vec<TrendBucket>,
    pub monthly: Vec<TrendBucket>,
}

/// The sequence number of the bucket holding `instant`.
pub fn bucket_number(granularity: Granularity, instant: DateTime<Utc>) -> i64 {
    match granularity {
        Granularity::IsoWeek => instant.timestamp().saturating_add(EPOCH_TO_MONDAY_SECS).div_euclid(SECS_PER_WEEK),
        Granularity::Month => i64::from(instant.year()) * 12 + i64::from(instant.month0()),
    }
}

fn bucket_start(granularity: Granularity, number: i64) -> Option<DateTime<Utc>> {
    match granularity {
        Granularity::IsoWeek => {
            let secs = number.checked_mul(SECS_PER_WEEK)?.checked_sub(EPOCH_TO_MONDAY_SECS)?;
            DateTime::from_timestamp(secs, 0)
        }
        Granularity::Month => {
            let year = i32::try_from(number.div_euclid(12)).ok()?;
            let month = u32::try_from(number.rem_euclid(12)).ok()? + 1;
            Some(NaiveDate::from_ymd_opt(year, month, 1)?.and_time(NaiveTime::MIN).and_utc())
        }
    }
}

fn label(granularity: Granularity, start: DateTime<Utc>) -> String {
    match granularity {
        Granularity::IsoWeek => {
            let week = start.iso_week();
            format!("{:04}-W{:02}", week.year(), week.week())
        }
        Granularity::Month => format!("{:04}-{:02}", start.year(), start.month()),
    }
}

/// Consecutive buckets from the one holding `data_start` to the one holding the last instant
/// before `as_of` (at most [`MAX_TREND_BUCKETS`], the latest ones): (first bucket number, labels
/// and periods).
pub fn buckets(
    granularity: Granularity,
    data_start: DateTime<Utc>,
    as_of: DateTime<Utc>,
) -> (i64, Vec<(String, Period)>) {
    let Some(last_instant) = as_of.checked_sub_signed(chrono::TimeDelta::seconds(1)) else { return (0, Vec::new()) };
    if data_start > last_instant {
        return (0, Vec::new());
    }
    let last = bucket_number(granularity, last_instant);
    let cap = i64::try_from(MAX_TREND_BUCKETS).unwrap_or(i64::MAX) - 1;
    let mut first = bucket_number(granularity, data_start).max(last.saturating_sub(cap));
    let mut periods = Vec::new();
    for number in first..=last {
        match (bucket_start(granularity, number), bucket_start(granularity, number.saturating_add(1))) {
            (Some(start), Some(next)) => {
                periods.push((label(granularity, start), Period { start, end: next.min(as_of) }))
            }
            // Slots must stay consecutive: skip unrepresentable leading buckets, stop at trailing ones.
            _ if periods.is_empty() => first = number.saturating_add(1),
            _ => break,
        }
    }
    (first, periods)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    #[test]
    fn the_days_after_new_year_2021_belong_to_iso_week_2020_w53() {
        let (first, weeks) = buckets(Granularity::IsoWeek, at("2020-12-28T00:00:00Z"), at("2021-01-05T00:00:00Z"));
        let labels: Vec<&str> = weeks.iter().map(|(label, _)| label.as_str()).collect();
        assert_eq!(labels, ["2020-W53", "2021-W01"]);
        assert_eq!(bucket_number(Granularity::IsoWeek, at("2021-01-03T23:59:59Z")), first);
        assert_eq!(weeks[0].1, Period { start: at("2020-12-28T00:00:00Z"), end: at("2021-01-04T00:00:00Z") });
        // The current week is cut at as_of.
        assert_eq!(weeks[1].1, Period { start: at("2021-01-04T00:00:00Z"), end: at("2021-01-05T00:00:00Z") });
    }

    #[test]
    fn months_run_from_the_first_data_to_as_of() {
        let (_, months) = buckets(Granularity::Month, at("2025-12-31T23:00:00Z"), at("2026-02-01T00:00:00Z"));
        let labels: Vec<&str> = months.iter().map(|(label, _)| label.as_str()).collect();
        assert_eq!(labels, ["2025-12", "2026-01"]);
    }

    #[test]
    fn trends_are_capped_and_empty_without_data_before_as_of() {
        let (_, weeks) = buckets(Granularity::IsoWeek, at("1000-01-01T00:00:00Z"), at("2026-01-01T00:00:00Z"));
        assert_eq!(weeks.len(), MAX_TREND_BUCKETS);
        assert!(buckets(Granularity::Month, at("2026-01-01T00:00:00Z"), at("2026-01-01T00:00:00Z")).1.is_empty());
    }
}

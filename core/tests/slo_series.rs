//! Chart series: attainment per day, burn-down, burn rate over time, exhaustion forecast.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod slo_support;

use chrono::NaiveDate;
use slo_support::{assert_close, assert_close_opt, at, b, occurrences, repeat};
use uptrend_core::slo::series::{attainment_per_day, burn_down, burn_rate_series, exhaustion_forecast, Forecast};
use uptrend_core::slo::{Lookback, TimeRange};

fn range(start: &str, end: &str) -> TimeRange {
    TimeRange { start: at(start), end: at(end) }
}

const ALL_TIME: (&str, &str) = ("2000-01-01T00:00:00Z", "2100-01-01T00:00:00Z");

#[test]
fn attainment_per_day_counts_buckets_that_start_in_the_day_and_end_by_end() {
    // 6h buckets from Jan 1: day 1 = buckets 0-3, day 2 = 4-7 (all null), day 3 = 8-9.
    // as_of Jan 3 07:00 -> end = boundary 9 (54 h), so bucket 9 (54-60 h) is not known yet.
    let mut buckets = vec![b(10, 10), b(5, 10), b(10, 10), b(5, 10)];
    buckets.extend(repeat(None, 4));
    buckets.extend([b(1, 4), b(4, 4)]);
    let slo = occurrences(0.9, "28d", "2026-01-01T00:00:00Z", "6h", buckets);
    let days = attainment_per_day(&slo, at("2026-01-03T07:00:00Z"), range(ALL_TIME.0, ALL_TIME.1)).unwrap();
    let summary: Vec<_> = days.iter().map(|d| (d.day.to_string(), d.tally.good, d.tally.total, d.attainment)).collect();
    assert_eq!(
        summary,
        [
            ("2026-01-01".into(), 30, 40, Some(0.75)),
            ("2026-01-02".into(), 0, 0, None),
            ("2026-01-03".into(), 1, 4, Some(0.25)),
        ]
    );
    // A range from Jan 2 noon keeps the days it overlaps: Jan 2 and Jan 3.
    let days =
        attainment_per_day(&slo, at("2026-01-03T07:00:00Z"), range("2026-01-02T12:00:00Z", "2026-01-09T00:00:00Z"));
    let first_day = days.unwrap().first().map(|d| d.day);
    assert_eq!(first_day, NaiveDate::from_ymd_opt(2026, 1, 2));
}

#[test]
fn a_reversed_or_disjoint_range_gives_no_points() {
    let slo = occurrences(0.9, "28d", "2026-01-01T00:00:00Z", "1h", repeat(b(1, 1), 48));
    let as_of = at("2026-01-03T00:00:00Z");
    let reversed = range("2026-01-02T00:00:00Z", "2026-01-01T00:00:00Z");
    assert!(attainment_per_day(&slo, as_of, reversed).unwrap().is_empty());
    assert!(burn_rate_series(&slo, as_of, reversed, Lookback::Hour1).unwrap().is_empty());
    let before = range("2025-01-01T00:00:00Z", "2025-02-01T00:00:00Z");
    assert!(attainment_per_day(&slo, as_of, before).unwrap().is_empty());
    assert!(burn_down(&slo, as_of, before).unwrap().is_empty());
}

#[test]
fn the_burn_rate_series_slides_its_lookback_bucket_by_bucket() {
    // 30m buckets, 1h lookback = 2 buckets, objective 0.5 -> BR = 2 * bad ratio.
    // b0 10/10, b1 5/10, b2 0/0, b3 null, b4 0/10. Point k (at k * 30m) covers buckets k-2, k-1:
    // k=1: b0 -> 0; k=2: b0,b1 -> 5/20 -> 0.5; k=3: b1,b2 -> 5/10 -> 1; k=4: b2,b3 -> no traffic; k=5: 10/10 -> 2.
    let slo = occurrences(0.5, "1d", "2026-01-01T00:00:00Z", "30m", vec![b(10, 10), b(5, 10), b(0, 0), None, b(0, 10)]);
    let points = burn_rate_series(&slo, at("2026-01-02T00:00:00Z"), range(ALL_TIME.0, ALL_TIME.1), Lookback::Hour1);
    let rates: Vec<_> = points.unwrap().iter().map(|p| p.burn_rate).collect();
    assert_eq!(rates, [Some(0.0), Some(0.5), Some(1.0), None, Some(2.0)]);
    // The range [01:30, 02:00] keeps k=3 and k=4; as_of 02:10 stops at end = 02:00 (k=4).
    let points = burn_rate_series(
        &slo,
        at("2026-01-01T02:10:00Z"),
        range("2026-01-01T01:30:00Z", "2026-01-09T00:00:00Z"),
        Lookback::Hour1,
    );
    let points = points.unwrap();
    assert_eq!(
        points.iter().map(|p| p.at).collect::<Vec<_>>(),
        [at("2026-01-01T01:30:00Z"), at("2026-01-01T02:00:00Z")]
    );
    assert_eq!(points[0].burn_rate, Some(1.0));
}

/// 30m buckets, objective 0.5, 2h window = 4 buckets. At as_of 03:00 (boundary 6) the window is b2..b5:
/// 10/10, 5/10, null, 0/20 -> total 40, bad 25, allowed 0.5 * 40 = 20, remaining 1 - 25/20 = -0.25.
fn overspent() -> uptrend_core::model::SloData {
    let buckets = vec![b(0, 100), b(0, 100), b(10, 10), b(5, 10), None, b(0, 20)];
    occurrences(0.5, "2h", "2026-01-01T00:00:00Z", "30m", buckets)
}

#[test]
fn the_burn_down_falls_bucket_by_bucket_to_the_remaining_budget() {
    // After b2: 0 bad -> 1; b3: 5 -> 0.75; b4 (null): 0.75; b5: 25 -> -0.25.
    let points = burn_down(&overspent(), at("2026-01-01T03:00:00Z"), range(ALL_TIME.0, ALL_TIME.1)).unwrap();
    let summary: Vec<_> = points.iter().map(|p| (p.at, p.remaining_ratio)).collect();
    assert_eq!(
        summary,
        [
            (at("2026-01-01T01:30:00Z"), 1.0),
            (at("2026-01-01T02:00:00Z"), 0.75),
            (at("2026-01-01T02:30:00Z"), 0.75),
            (at("2026-01-01T03:00:00Z"), -0.25),
        ]
    );
}

#[test]
fn a_spent_budget_forecasts_when_it_ran_out() {
    // The burn-down first reaches <= 0 after b5, at 03:00.
    let forecast = exhaustion_forecast(&overspent(), at("2026-01-01T03:00:00Z")).unwrap();
    assert_eq!(forecast, Forecast::Spent { since: at("2026-01-01T03:00:00Z") });
}

/// A 4-day rolling window of 1h buckets, objective 0.5: three good days, then a day of `bad` bad events
/// of 100 per bucket.
fn last_day_burning(bad: u64) -> uptrend_core::model::SloData {
    let mut buckets = repeat(b(100, 100), 72);
    buckets.extend(repeat(b(100 - bad, 100), 24));
    occurrences(0.5, "4d", "2026-01-01T00:00:00Z", "1h", buckets)
}

#[test]
fn the_forecast_projects_the_one_day_burn_rate() {
    // bad 50: total 9600, allowed 4800, bad 1200 -> remaining 0.75; BR(1d) = 0.5 / 0.5 = 1.
    // 0.75 of the budget lasts 0.75 * 4d / 1 = 3d after end (Jan 5) -> Jan 8, before the horizon Jan 9.
    let forecast = exhaustion_forecast(&last_day_burning(50), at("2026-01-05T00:00:00Z")).unwrap();
    assert_eq!(forecast, Forecast::ExhaustsAt { at: at("2026-01-08T00:00:00Z") });
    // bad 10: remaining 1 - 240/4800 = 0.95, BR(1d) = 0.2 -> 0.95 * 4d / 0.2 = 19d, past end + 4d.
    let forecast = exhaustion_forecast(&last_day_burning(10), at("2026-01-05T00:00:00Z")).unwrap();
    assert_eq!(forecast, Forecast::NotWithinWindow);
    // Nothing bad: BR(1d) = 0 never exhausts.
    let forecast = exhaustion_forecast(&last_day_burning(0), at("2026-01-05T00:00:00Z")).unwrap();
    assert_eq!(forecast, Forecast::NotWithinWindow);
}

/// calendar:month, 1h buckets of 1,000 events from 2026-01-01, objective 0.99, as_of 2026-01-21 (480
/// buckets): the first 456 hours hold `early_bad` bad events in all (spread evenly), the last 24 hours
/// `last_day_bad_per_hour` each.
fn january_month(early_bad: u64, last_day_bad_per_hour: u64) -> uptrend_core::model::SloData {
    let mut buckets: Vec<_> = (0..456u64)
        .map(|hour| {
            let bad = early_bad / 456 + u64::from(hour < early_bad % 456);
            b(1000 - bad, 1000)
        })
        .collect();
    buckets.extend(repeat(b(1000 - last_day_bad_per_hour, 1000), 24));
    occurrences(0.99, "calendar:month", "2026-01-01T00:00:00Z", "1h", buckets)
}

#[test]
fn a_calendar_budget_grows_with_traffic_so_a_burn_rate_below_1_never_spends_it() {
    // Total 480 × 1,000 = 480,000; allowed 0.01 × 480,000 = 4,800. Bad 4,344 + 24 × 9 = 4,560:
    // remaining 1 − 4,560 / 4,800 = 0.05. BR(1d) = (216 / 24,000) / 0.01 = 0.9.
    // Each further hour adds 1,000 × 0.01 = 10 to the budget and 9 bad: the budget left (240) only grows.
    // (The fixed-budget formula said 0.05 × 31d / 0.9 = 1.7222d after Jan 21: Jan 22 17:20.)
    let slo = january_month(4_344, 9);
    let as_of = at("2026-01-21T00:00:00Z");
    let evaluation = uptrend_core::slo::evaluate(&slo, as_of).unwrap();
    assert_close_opt(evaluation.error_budget.remaining_ratio, 0.05);
    assert_close_opt(evaluation.burn_rates.day1, 0.9);
    assert_eq!(exhaustion_forecast(&slo, as_of).unwrap(), Forecast::NotWithinWindow);
    // BR exactly 1 (10 bad an hour, 4,800 − 240 = 4,560 bad): the budget left stays 240 forever.
    assert_eq!(exhaustion_forecast(&january_month(4_320, 10), as_of).unwrap(), Forecast::NotWithinWindow);
}

#[test]
fn a_calendar_budget_runs_out_when_bad_events_outpace_its_growth() {
    // Bad 3,600 + 24 × 30 = 4,320 of allowed 4,800: remaining 0.1. BR(1d) = (720 / 24,000) / 0.01 = 3.
    // Elapsed 20d: D = 0.1 × 20d / (3 − 1) = 1d after Jan 21 -> Jan 22 00:00. Check: by then total
    // 504,000, allowed 5,040, bad 4,320 + 24 × 30 = 5,040. (The fixed-budget formula: 0.1 × 31d / 3 =
    // 1.0333d -> Jan 22 00:48.)
    let slo = january_month(3_600, 30);
    let as_of = at("2026-01-21T00:00:00Z");
    assert_eq!(exhaustion_forecast(&slo, as_of).unwrap(), Forecast::ExhaustsAt { at: at("2026-01-22T00:00:00Z") });
    // The same burn with remaining 0.5 (bad 1,680 + 720 = 2,400): D = 0.5 × 20d / 2 = 5d -> Jan 26, before
    // Feb 1. Only the last day bad, 20 an hour (bad 480, remaining 0.9, BR 2): D = 0.9 × 20d / 1 = 18d
    // -> Feb 8, past the period's end.
    assert_eq!(
        exhaustion_forecast(&january_month(1_680, 30), as_of).unwrap(),
        Forecast::ExhaustsAt { at: at("2026-01-26T00:00:00Z") }
    );
    assert_eq!(exhaustion_forecast(&january_month(0, 20), as_of).unwrap(), Forecast::NotWithinWindow);
}

#[test]
fn no_traffic_has_no_budget_to_forecast() {
    let slo = occurrences(0.99, "1d", "2026-01-01T00:00:00Z", "1h", repeat(b(0, 0), 24));
    assert_eq!(exhaustion_forecast(&slo, at("2026-01-02T00:00:00Z")).unwrap(), Forecast::NoBudget);
    assert!(burn_down(&slo, at("2026-01-02T00:00:00Z"), range(ALL_TIME.0, ALL_TIME.1)).unwrap().is_empty());
}

#[test]
fn the_last_burn_down_point_is_the_evaluated_remaining_budget() {
    let slo = last_day_burning(50);
    let as_of = at("2026-01-05T00:00:00Z");
    let points = burn_down(&slo, as_of, range(ALL_TIME.0, ALL_TIME.1)).unwrap();
    assert_eq!(points.len(), 96);
    assert_close(points.last().unwrap().remaining_ratio, 0.75);
}

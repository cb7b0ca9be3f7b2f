//! The window rules: `end`, rolling and calendar windows, coverage, data outside the SLI.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod slo_support;

use slo_support::{assert_close, at, b, occurrences, repeat};
use uptrend_core::slo::{evaluate, Status};

#[test]
fn as_of_inside_a_bucket_leaves_that_bucket_out() {
    // 1h buckets from 00:00: totals 100 each, good 90, 80, 70, 60, 50. as_of 04:30 -> end 04:00; the 3h
    // window is buckets 1..4 (01:00-04:00): good 80 + 70 + 60 = 210 of 300 = 0.7.
    let slo = occurrences(
        0.5,
        "3h",
        "2026-01-01T00:00:00Z",
        "1h",
        vec![b(90, 100), b(80, 100), b(70, 100), b(60, 100), b(50, 100)],
    );
    let e = evaluate(&slo, at("2026-01-01T04:30:00Z")).unwrap();
    assert_eq!((e.window.start, e.window.end), (at("2026-01-01T01:00:00Z"), at("2026-01-01T04:00:00Z")));
    assert_eq!((e.tally.good, e.tally.bad, e.tally.total), (210, 90, 300));
    assert_close(e.attainment.unwrap(), 0.7);
}

#[test]
fn a_rolling_window_covers_ceil_w_over_step_buckets() {
    // 1h window on 25m buckets: ceil(60 / 25) = 3 buckets, i.e. 75 minutes. Totals 1, 2, 4, 8, 16: the last
    // three sum to 4 + 8 + 16 = 28.
    let slo =
        occurrences(0.5, "1h", "2026-01-01T00:00:00Z", "25m", vec![b(1, 1), b(2, 2), b(4, 4), b(8, 8), b(16, 16)]);
    let e = evaluate(&slo, at("2026-01-01T02:05:00Z")).unwrap();
    assert_eq!(e.window.buckets, 3);
    assert_eq!(e.window.start, at("2026-01-01T00:50:00Z"));
    assert_eq!(e.tally.total, 28);
}

#[test]
fn zero_traffic_has_full_coverage_and_the_no_traffic_status() {
    let slo = occurrences(0.99, "1h", "2026-01-01T00:00:00Z", "5m", repeat(b(0, 0), 12));
    let e = evaluate(&slo, at("2026-01-01T01:00:00Z")).unwrap();
    assert_eq!(e.coverage, 1.0);
    assert_eq!(e.attainment, None);
    assert_eq!((e.error_budget.allowed, e.error_budget.remaining_ratio), (0.0, None));
    assert_eq!(e.burn_rates.hour1, None);
    assert_eq!(e.status, Status::NoTraffic);
}

#[test]
fn an_all_null_window_has_zero_coverage() {
    let slo = occurrences(0.99, "1h", "2026-01-01T00:00:00Z", "5m", repeat(None, 12));
    let e = evaluate(&slo, at("2026-01-01T01:00:00Z")).unwrap();
    assert_eq!((e.coverage, e.tally.data_buckets), (0.0, 0));
    assert_eq!(e.status, Status::NoData);
}

#[test]
fn a_partially_covered_window_counts_missing_and_null_buckets_as_no_data() {
    // 1h window on 15m buckets = 4 buckets, 00:30-01:30. The data starts at 01:00 with a null then a
    // (9, 10): 1 bucket with data of 4 -> coverage 0.25, attainment 0.9.
    let slo = occurrences(0.5, "1h", "2026-01-01T01:00:00Z", "15m", vec![None, b(9, 10)]);
    let e = evaluate(&slo, at("2026-01-01T01:30:00Z")).unwrap();
    assert_eq!(e.window.start, at("2026-01-01T00:30:00Z"));
    assert_eq!(e.coverage, 0.25);
    assert_close(e.attainment.unwrap(), 0.9);
}

#[test]
fn a_report_instant_long_after_the_data_has_no_data() {
    let slo = occurrences(0.99, "1h", "2026-01-01T00:00:00Z", "5m", repeat(b(1, 1), 12));
    let e = evaluate(&slo, at("2026-03-01T00:00:00Z")).unwrap();
    assert_eq!((e.coverage, e.status), (0.0, Status::NoData));
}

/// One bucket per day of 2026-2028 (2028 is a leap year), each with total 100.
fn daily(window: &str) -> uptrend_core::model::SloData {
    occurrences(0.99, window, "2026-01-01T00:00:00Z", "1d", repeat(b(100, 100), 3 * 366))
}

#[test]
fn a_calendar_month_at_midnight_of_the_first_is_the_whole_previous_month() {
    // end = the 1st 00:00; the last bucket before it is the previous month's last day.
    for (as_of, start, days) in [
        ("2026-03-01T00:00:00Z", "2026-02-01T00:00:00Z", 28),
        ("2028-03-01T00:00:00Z", "2028-02-01T00:00:00Z", 29),
        ("2026-05-01T00:00:00Z", "2026-04-01T00:00:00Z", 30),
        ("2026-02-01T00:00:00Z", "2026-01-01T00:00:00Z", 31),
        ("2027-01-01T00:00:00Z", "2026-12-01T00:00:00Z", 31),
    ] {
        let e = evaluate(&daily("calendar:month"), at(as_of)).unwrap();
        assert_eq!(e.window.start, at(start), "{as_of}");
        assert_eq!(e.window.buckets, days, "{as_of}");
        assert_eq!(e.window.length_secs, days as i64 * 86_400, "{as_of}");
        assert_eq!(e.tally.total, days * 100, "{as_of}");
    }
}

#[test]
fn a_calendar_month_in_progress_runs_from_its_first_day_to_end() {
    // as_of 2026-04-15 12:00 -> end 04-15 00:00 -> buckets Apr 1..14 = 14; the period is still 30 days long.
    let e = evaluate(&daily("calendar:month"), at("2026-04-15T12:00:00Z")).unwrap();
    assert_eq!((e.window.start, e.window.buckets), (at("2026-04-01T00:00:00Z"), 14));
    assert_eq!(e.window.length_secs, 30 * 86_400);
    assert_eq!(e.window.horizon, at("2026-05-01T00:00:00Z"));
}

#[test]
fn a_calendar_quarter_closes_at_the_year_end_and_the_next_one_opens() {
    // 2027-01-01 00:00: the last bucket is 2026-12-31, in Q4 2026 = Oct 31 + Nov 30 + Dec 31 = 92 days.
    let e = evaluate(&daily("calendar:quarter"), at("2027-01-01T00:00:00Z")).unwrap();
    assert_eq!((e.window.start, e.window.buckets), (at("2026-10-01T00:00:00Z"), 92));
    // One day later the window is Q1 2027 (Jan 31 + Feb 28 + Mar 31 = 90 days long), one bucket so far.
    let e = evaluate(&daily("calendar:quarter"), at("2027-01-02T00:00:00Z")).unwrap();
    assert_eq!((e.window.start, e.window.buckets), (at("2027-01-01T00:00:00Z"), 1));
    assert_eq!(e.window.length_secs, 90 * 86_400);
}

#[test]
fn an_iso_week_spans_the_year_end() {
    // 2027-01-02 (Saturday) 00:00: the last bucket is Fri 2027-01-01, in the week from Mon 2026-12-28:
    // buckets Dec 28, 29, 30, 31, Jan 1 = 5, of a 7-day period.
    let e = evaluate(&daily("calendar:week"), at("2027-01-02T00:00:00Z")).unwrap();
    assert_eq!((e.window.start, e.window.buckets), (at("2026-12-28T00:00:00Z"), 5));
    assert_eq!(e.window.length_secs, 7 * 86_400);
    assert_eq!(e.tally.total, 500);
}

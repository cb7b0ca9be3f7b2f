//! Counting: occurrences summed exactly, timeslices with ties, error budgets, overflow.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod slo_support;

use slo_support::{assert_close, assert_close_opt, at, b, occurrences, timeslices};
use uptrend_core::slo::{evaluate, Alert, SloError, Status};

#[test]
fn occurrences_sum_counts_instead_of_averaging_ratios() {
    // Ratios 1/1 and 50/100 average to 0.75, but the SLI is (1 + 50) / (1 + 100) = 51/101.
    let slo = occurrences(0.5, "1h", "2026-01-01T00:00:00Z", "30m", vec![b(1, 1), b(50, 100)]);
    let e = evaluate(&slo, at("2026-01-01T01:00:00Z")).unwrap();
    assert_eq!((e.tally.good, e.tally.bad, e.tally.total), (51, 50, 101));
    assert_close(e.attainment.unwrap(), 51.0 / 101.0);
}

#[test]
fn a_four_nines_objective_keeps_its_precision() {
    // 1,000,000 events, 50 bad: attainment 0.99995; allowed = 0.0001 * 1e6 = 100; consumed 0.5.
    // Every lookback is the one 1d bucket: BR = (50 / 1e6) / 0.0001 = 0.5, far below every threshold.
    let slo = occurrences(0.9999, "28d", "2026-01-01T00:00:00Z", "1d", vec![b(999_950, 1_000_000)]);
    let e = evaluate(&slo, at("2026-01-02T00:00:00Z")).unwrap();
    assert_close(e.attainment.unwrap(), 0.99995);
    assert_close(e.error_budget.allowed, 100.0);
    assert_close_opt(e.error_budget.consumed_ratio, 0.5);
    assert_close_opt(e.error_budget.remaining_ratio, 0.5);
    assert_close_opt(e.burn_rates.day1, 0.5);
    assert_eq!((e.alert, e.status), (Alert::None, Status::Healthy));
}

#[test]
fn a_slice_exactly_at_its_target_is_good() {
    // Target 0.999: 999/1000 ties (good), 998/1000 is bad, 0/0 and null are not slices, 1/1 is good:
    // 3 slices, 2 good -> attainment 2/3. Objective 0.5: allowed 1.5 slices, 1 bad -> consumed 2/3.
    // As time on 5m slices: allowed 1.5 * 300 s = 450 s, consumed 300 s, remaining 150 s.
    let buckets = vec![b(999, 1000), b(998, 1000), b(0, 0), None, b(1, 1)];
    let slo = timeslices(0.5, 0.999, "1h", "2026-01-01T00:00:00Z", "5m", buckets);
    let e = evaluate(&slo, at("2026-01-01T01:00:00Z")).unwrap();
    assert_eq!((e.tally.good, e.tally.bad, e.tally.total), (2, 1, 3));
    assert_eq!(e.tally.data_buckets, 4);
    assert_close(e.attainment.unwrap(), 2.0 / 3.0);
    assert_close_opt(e.error_budget.consumed_ratio, 2.0 / 3.0);
    let time = e.budget_time.unwrap();
    assert_close(time.allowed_secs, 450.0);
    assert_close(time.consumed_secs, 300.0);
    assert_close(time.remaining_secs, 150.0);
}

#[test]
fn ties_hold_for_targets_that_are_not_binary_fractions() {
    // Each bucket is exactly at its target: 19/20 = 0.95, 9999/10000 = 0.9999, 7/7 = 1.
    for (target, good, total) in [(0.95, 19, 20), (0.9999, 9_999, 10_000), (1.0, 7, 7), (0.1, 1, 10)] {
        let slo = timeslices(0.5, target, "5m", "2026-01-01T00:00:00Z", "5m", vec![b(good, total)]);
        let e = evaluate(&slo, at("2026-01-01T00:05:00Z")).unwrap();
        assert_eq!((e.tally.good, e.tally.total), (1, 1), "target {target}");
    }
}

#[test]
fn occurrences_have_no_budget_time() {
    let slo = occurrences(0.5, "5m", "2026-01-01T00:00:00Z", "5m", vec![b(1, 1)]);
    assert_eq!(evaluate(&slo, at("2026-01-01T00:05:00Z")).unwrap().budget_time, None);
}

#[test]
fn sums_beyond_u64_are_reported_not_wrapped() {
    let half = u64::MAX / 2 + 1;
    let slo = occurrences(0.5, "1h", "2026-01-01T00:00:00Z", "30m", vec![b(half, half), b(half, half)]);
    let result = evaluate(&slo, at("2026-01-01T01:00:00Z"));
    assert_eq!(result, Err(SloError::CountOverflow { slo: "test-slo".into() }));
}

#[test]
fn timeslices_without_a_target_are_an_error() {
    let mut slo = timeslices(0.5, 0.9, "1h", "2026-01-01T00:00:00Z", "30m", vec![b(1, 1)]);
    slo.definition.timeslice_target = None;
    assert!(matches!(evaluate(&slo, at("2026-01-01T01:00:00Z")), Err(SloError::MissingTimesliceTarget { .. })));
}

#[test]
fn evaluations_serialise_with_flat_counts_and_named_lookbacks() {
    // 1h window: 1h lookback = both buckets, (50/101) / 0.5 = 0.99; 5m = the last, (50/100) / 0.5 = 1.
    // Both exceed f(2%, 1h) = 0.02 * 3600 / 3600 = 0.02 -> page; remaining = 1 - 50/50.5 < 0.25.
    let slo = occurrences(0.5, "1h", "2026-01-01T00:00:00Z", "30m", vec![b(1, 1), b(50, 100)]);
    let json = serde_json::to_value(evaluate(&slo, at("2026-01-01T01:00:00Z")).unwrap()).unwrap();
    assert_eq!(json["good"], 51);
    assert_eq!(json["total"], 101);
    assert_eq!(json["window"]["start"], "2026-01-01T00:00:00Z");
    assert_eq!(json["burn_rates"]["1h"].as_f64(), Some((50.0 / 101.0) / 0.5));
    assert_eq!(json["burn_rates"]["5m"].as_f64(), Some((50.0 / 100.0) / 0.5));
    assert_eq!((json["alert"].as_str(), json["status"].as_str()), (Some("page"), Some("at_risk")));
}

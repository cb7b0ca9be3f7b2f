//! The prefix-sum index: the same evaluations as `evaluate`, and counts between two instants.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod slo_support;

use chrono::{DateTime, Utc};
use slo_support::{at, b, occurrences, repeat, timeslices};
use uptrend_core::slo::{evaluate, SloIndex, Status, Tally};

/// A report instant after every bucket of these tests: all of them are known.
const LATER: DateTime<Utc> = DateTime::from_timestamp_nanos(1_900_000_000_000_000_000);

#[test]
fn the_index_evaluates_like_a_direct_pass_at_every_instant() {
    let mut buckets = repeat(b(990, 1000), 500);
    buckets.extend(repeat(None, 20));
    buckets.extend(repeat(b(700, 1000), 100));
    let slo = occurrences(0.99, "calendar:week", "2026-01-01T00:00:00Z", "5m", buckets);
    let index = SloIndex::new(&slo).unwrap();
    for minutes in (0..4_000).step_by(37) {
        let as_of = at("2025-12-31T23:00:00Z") + chrono::TimeDelta::minutes(minutes);
        assert_eq!(index.evaluate(as_of), evaluate(&slo, as_of), "at {as_of}");
    }
}

#[test]
fn the_breach_check_and_the_allowed_budget_agree_with_the_evaluation_at_every_instant() {
    // Healthy, then a gap, then bad enough to overspend the week's budget, then healthy again; and a
    // rolling window, on time slices, over the same shape.
    let mut buckets = repeat(b(990, 1000), 500);
    buckets.extend(repeat(None, 20));
    buckets.extend(repeat(b(700, 1000), 100));
    buckets.extend(repeat(b(1000, 1000), 2_500));
    let calendar = occurrences(0.99, "calendar:week", "2026-01-01T00:00:00Z", "5m", buckets.clone());
    let rolling = timeslices(0.99, 0.95, "1d", "2026-01-01T00:00:00Z", "5m", buckets.clone());
    // A week is longer than every lookback: decided from the window's sum alone.
    let rolling_week = occurrences(0.99, "7d", "2026-01-01T00:00:00Z", "5m", buckets.clone());
    // A calendar month, whose periods a probe keeps across many instants.
    let month = occurrences(0.99, "calendar:month", "2026-01-20T00:00:00Z", "5m", buckets);
    let mut breached = 0;
    for slo in [&calendar, &rolling, &rolling_week, &month] {
        let index = SloIndex::new(slo).unwrap();
        // One probe asked in time order (as the join asks), one backwards, one interleaving two instants
        // far apart, and a fresh probe per instant (`SloIndex`'s own methods).
        let (mut forwards, mut backwards, mut interleaved) = (index.probe(), index.probe(), index.probe());
        let instants: Vec<DateTime<Utc>> = (0..20_000)
            .step_by(23)
            .map(|minutes| at("2025-12-31T23:00:00Z") + chrono::TimeDelta::minutes(minutes))
            .collect();
        let backwards_answers: Vec<(bool, Result<f64, String>)> = instants
            .iter()
            .rev()
            .map(|as_of| {
                (backwards.is_breached_at(*as_of), backwards.allowed_budget_at(*as_of).map_err(|e| e.to_string()))
            })
            .collect();
        for (as_of, backwards_answer) in instants.iter().copied().zip(backwards_answers.into_iter().rev()) {
            let evaluation = evaluate(slo, as_of);
            let status = evaluation.as_ref().map(|evaluation| evaluation.status).map_err(ToString::to_string);
            let allowed = evaluation.map(|evaluation| evaluation.error_budget.allowed).map_err(|e| e.to_string());
            let expected = (status == Ok(Status::Breached), allowed);
            assert_eq!(
                (index.is_breached_at(as_of), index.allowed_budget_at(as_of).map_err(|e| e.to_string())),
                expected,
                "at {as_of}"
            );
            assert_eq!(
                (forwards.is_breached_at(as_of), forwards.allowed_budget_at(as_of).map_err(|e| e.to_string())),
                expected,
                "at {as_of}"
            );
            assert_eq!(backwards_answer, expected, "backwards, at {as_of}");
            let far = as_of + chrono::TimeDelta::days(40);
            let far_status =
                evaluate(slo, far).map(|evaluation| evaluation.status == Status::Breached).unwrap_or(false);
            assert_eq!(
                (interleaved.is_breached_at(as_of), interleaved.is_breached_at(far)),
                (expected.0, far_status),
                "at {as_of}"
            );
            breached += usize::from(expected.0);
        }
    }
    assert!(breached > 100, "the series is breached for a while: {breached} instants");
}

#[test]
fn near_the_end_of_chronos_range_the_probe_answers_as_the_evaluation_does() {
    // Windows whose start, end or horizon fall outside chrono's dates make the evaluation fail; the
    // probe's integer bounds must not answer where the evaluation cannot.
    let last = DateTime::<Utc>::MAX_UTC.timestamp();
    let start = DateTime::from_timestamp(last - last.rem_euclid(86_400) - 10 * 86_400, 0).unwrap();
    let start = start.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let (mut failed, mut evaluated) = (0, 0);
    for window in ["1d", "7d", "calendar:week", "calendar:month"] {
        let slo = occurrences(0.99, window, &start, "1h", repeat(b(1, 1000), 240));
        let index = SloIndex::new(&slo).unwrap();
        let mut probe = index.probe();
        for hours in (0..260).step_by(5) {
            let Some(as_of) = slo.series.start.checked_add_signed(chrono::TimeDelta::hours(hours)) else { continue };
            let evaluation = evaluate(&slo, as_of);
            (failed, evaluated) = if evaluation.is_ok() { (failed, evaluated + 1) } else { (failed + 1, evaluated) };
            let breached = evaluation.as_ref().is_ok_and(|evaluation| evaluation.status == Status::Breached);
            let allowed = evaluation.map(|evaluation| evaluation.error_budget.allowed).map_err(|e| e.to_string());
            assert_eq!(probe.is_breached_at(as_of), breached, "{window} at {as_of}");
            assert_eq!(probe.allowed_budget_at(as_of).map_err(|e| e.to_string()), allowed, "{window} at {as_of}");
        }
    }
    assert!(failed > 10 && evaluated > 10, "both sides of the edge: {failed} failed, {evaluated} evaluated");
}

#[test]
fn a_lookback_longer_than_the_window_that_overflows_makes_both_refuse_as_the_evaluation_does() {
    // A 1h window on 5m buckets, breached; two buckets some hours earlier hold over u64::MAX events
    // together: outside the window, inside the longer lookbacks (up to 3 days), so the evaluation fails.
    let mut buckets = repeat(b(1, u64::MAX / 2 + 1), 2);
    buckets.extend(repeat(b(500, 1000), 1_000));
    let slo = occurrences(0.99, "1h", "2026-01-01T00:00:00Z", "5m", buckets);
    let index = SloIndex::new(&slo).unwrap();
    let as_of = at("2026-01-01T02:10:00Z");
    assert!(evaluate(&slo, as_of).is_err());
    assert!(!index.is_breached_at(as_of));
    assert!(index.allowed_budget_at(as_of).is_err());
    // Once the lookbacks have passed the two buckets, it is breached.
    let later = at("2026-01-04T02:00:00Z");
    assert_eq!(evaluate(&slo, later).map(|evaluation| evaluation.status), Ok(Status::Breached));
    assert!(index.is_breached_at(later));
}

#[test]
fn counts_between_two_instants_take_every_bucket_they_overlap() {
    // 30m buckets: b0 10/10, b1 6/10, b2 3/10, b3 0/10. [00:40, 01:10) overlaps b1 (00:30-01:00) and
    // b2 (01:00-01:30): good 9, bad 11, total 20.
    let slo = occurrences(0.9, "1d", "2026-01-01T00:00:00Z", "30m", vec![b(10, 10), b(6, 10), b(3, 10), b(0, 10)]);
    let index = SloIndex::new(&slo).unwrap();
    let tally = index.tally_overlapping(at("2026-01-01T00:40:00Z"), at("2026-01-01T01:10:00Z"), LATER).unwrap();
    assert_eq!(tally, Tally { data_buckets: 2, good: 9, bad: 11, total: 20 });
    // Exact boundaries take only the buckets inside: [00:30, 01:00) is b1 alone.
    let tally = index.tally_overlapping(at("2026-01-01T00:30:00Z"), at("2026-01-01T01:00:00Z"), LATER).unwrap();
    assert_eq!((tally.good, tally.total), (6, 10));
    // An empty or reversed interval counts nothing; one outside the data counts nothing.
    let empty = index.tally_overlapping(at("2026-01-01T01:00:00Z"), at("2026-01-01T01:00:00Z"), LATER).unwrap();
    assert_eq!(empty, Tally::default());
    let later = index.tally_overlapping(at("2026-02-01T00:00:00Z"), at("2026-03-01T00:00:00Z"), LATER).unwrap();
    assert_eq!(later, Tally::default());
}

#[test]
fn counts_stop_at_the_last_bucket_known_at_as_of() {
    // Same buckets. At as_of 01:10, end = 01:00: b2 (01:00-01:30) is still running, so [00:40, 01:10)
    // takes b1 alone (good 6, bad 4), and [00:00, 02:00) takes b0 + b1 (good 16, bad 4, total 20).
    let slo = occurrences(0.9, "1d", "2026-01-01T00:00:00Z", "30m", vec![b(10, 10), b(6, 10), b(3, 10), b(0, 10)]);
    let index = SloIndex::new(&slo).unwrap();
    let as_of = at("2026-01-01T01:10:00Z");
    let tally = index.tally_overlapping(at("2026-01-01T00:40:00Z"), as_of, as_of).unwrap();
    assert_eq!(tally, Tally { data_buckets: 1, good: 6, bad: 4, total: 10 });
    let tally = index.tally_overlapping(at("2026-01-01T00:00:00Z"), at("2026-01-01T02:00:00Z"), as_of).unwrap();
    assert_eq!((tally.good, tally.bad, tally.total), (16, 4, 20));
    // An interval that starts inside the running bucket has nothing known yet.
    let running = index.tally_overlapping(at("2026-01-01T01:05:00Z"), as_of, as_of).unwrap();
    assert_eq!(running, Tally::default());
}

#[test]
fn timeslice_counts_between_instants_are_slices() {
    // Target 0.9: b0 good slice, b1 bad, b2 no traffic (not a slice).
    let slo = timeslices(0.9, 0.9, "1d", "2026-01-01T00:00:00Z", "1h", vec![b(9, 10), b(8, 10), b(0, 0)]);
    let index = SloIndex::new(&slo).unwrap();
    let tally = index.tally_overlapping(at("2026-01-01T00:00:00Z"), at("2026-01-01T03:00:00Z"), LATER).unwrap();
    assert_eq!(tally, Tally { data_buckets: 3, good: 1, bad: 1, total: 2 });
}

//! Builders for SLO engine tests: SLOs with hand-written buckets.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, Utc};
use uptrend_core::model::{Budgeting, Counts, SliSeries, SloData, SloDefinition};

pub fn at(text: &str) -> DateTime<Utc> {
    text.parse().expect("test timestamps are RFC 3339")
}

/// A bucket with data.
pub fn b(good: u64, total: u64) -> Option<Counts> {
    Some(Counts { good, total })
}

/// `count` copies of one bucket.
pub fn repeat(bucket: Option<Counts>, count: usize) -> Vec<Option<Counts>> {
    vec![bucket; count]
}

pub fn occurrences(objective: f64, window: &str, start: &str, step: &str, buckets: Vec<Option<Counts>>) -> SloData {
    slo(objective, window, Budgeting::Occurrences, None, start, step, buckets)
}

pub fn timeslices(
    objective: f64,
    target: f64,
    window: &str,
    start: &str,
    step: &str,
    buckets: Vec<Option<Counts>>,
) -> SloData {
    slo(objective, window, Budgeting::Timeslices, Some(target), start, step, buckets)
}

fn slo(
    objective: f64,
    window: &str,
    budgeting: Budgeting,
    timeslice_target: Option<f64>,
    start: &str,
    step: &str,
    buckets: Vec<Option<Counts>>,
) -> SloData {
    SloData {
        definition: SloDefinition {
            id: "test-slo".into(),
            service: "test".into(),
            name: None,
            objective,
            window: window.parse().unwrap(),
            budgeting,
            timeslice_target,
        },
        series: SliSeries::from_buckets(at(start), step.parse().unwrap(), buckets),
    }
}

#[track_caller]
pub fn assert_close(got: f64, want: f64) {
    assert!((got - want).abs() <= 1e-9 * want.abs().max(1.0), "got {got}, want {want}");
}

#[track_caller]
pub fn assert_close_opt(got: Option<f64>, want: f64) {
    assert_close(got.expect("a value, not None"), want);
}

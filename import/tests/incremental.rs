//! Weekly imports overlap; merged through the core they give every bucket once: nothing lost,
//! nothing counted twice.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use support::{import, matrix, merged, options, spec};
use uptrend_import::prometheus::ValueKind;
use uptrend_import::Numerator;

const T0: i64 = 1_795_132_800;
const HOUR: i64 = 3_600;

/// Counter values at every hour of three weeks, with a restart on day 9: good and total.
fn counters() -> (Vec<u64>, Vec<u64>) {
    let (mut good, mut total) = (vec![0_u64], vec![0_u64]);
    for hour in 1..=21 * 24_u64 {
        let (g, t) = (90 + hour % 7, 100 + hour % 11);
        let restart = hour == 9 * 24;
        let (last_good, last_total) = if restart { (0, 0) } else { (*good.last().unwrap(), *total.last().unwrap()) };
        good.push(last_good + g);
        total.push(last_total + t);
    }
    (good, total)
}

/// The query results of a weekly export covering hours `[from, to]` (inclusive sample range).
fn export(values: &[u64], from: usize, to: usize) -> String {
    let samples = (from..=to).map(|hour| (T0 + hour as i64 * HOUR, values[hour].to_string())).collect();
    matrix(&[(&[("job", "api")], samples)])
}

#[test]
fn overlapping_weekly_counter_imports_merge_without_loss_or_double_counting() {
    let (good, total) = counters();
    let weeks = [(0, 7 * 24), (5 * 24, 14 * 24), (12 * 24, 21 * 24)];
    let slo = spec("api", Numerator::Good);
    let imports = weeks
        .iter()
        .map(|&(from, to)| {
            import(&slo, &export(&good, from, to), &export(&total, from, to), &options(ValueKind::Counter))
        })
        .collect();
    let dataset = merged(imports);
    let series = &dataset.slos[0].series;
    assert_eq!(series.len(), 21 * 24);
    assert_eq!(series.start.timestamp(), T0);
    let increase = |values: &[u64], hour: usize| {
        if values[hour + 1] >= values[hour] {
            values[hour + 1] - values[hour]
        } else {
            values[hour + 1]
        }
    };
    for (hour, bucket) in series.iter().enumerate() {
        let counts = bucket.unwrap();
        assert_eq!((counts.good, counts.total), (increase(&good, hour), increase(&total, hour)), "hour {hour}");
    }
    let total_events: u64 = series.iter().map(|b| b.unwrap().total).sum();
    let expected: u64 = (1..=21 * 24_u64).map(|hour| 100 + hour % 11).sum();
    assert_eq!(total_events, expected);
}

#[test]
fn consecutive_weeks_sharing_only_the_boundary_sample_lose_nothing() {
    let (good, total) = counters();
    let slo = spec("api", Numerator::Good);
    let first = import(&slo, &export(&good, 0, 7 * 24), &export(&total, 0, 7 * 24), &options(ValueKind::Counter));
    let second =
        import(&slo, &export(&good, 7 * 24, 14 * 24), &export(&total, 7 * 24, 14 * 24), &options(ValueKind::Counter));
    let dataset = merged(vec![first, second]);
    let buckets = &dataset.slos[0].series;
    assert_eq!(buckets.len(), 14 * 24);
    assert!(buckets.iter().all(|bucket| bucket.is_some()));
}

#[test]
fn overlapping_increase_imports_merge_the_same_way() {
    let slo = spec("api", Numerator::Good);
    let week = |from: i64, to: i64| {
        let samples = (from..=to).map(|hour| (T0 + hour * HOUR, format!("{}.2", 100 + hour % 5))).collect();
        matrix(&[(&[], samples)])
    };
    let imports = [(1, 7 * 24), (6 * 24, 14 * 24)]
        .iter()
        .map(|&(from, to)| import(&slo, &week(from, to), &week(from, to), &options(ValueKind::Increase)))
        .collect();
    let dataset = merged(imports);
    let buckets = &dataset.slos[0].series;
    assert_eq!(buckets.len(), 14 * 24);
    for (index, bucket) in buckets.iter().enumerate() {
        // The sample at hour h + 1 is the increase over [h, h + 1).
        assert_eq!(bucket.unwrap().total, 100 + (index as u64 + 1) % 5, "bucket {index}");
    }
}

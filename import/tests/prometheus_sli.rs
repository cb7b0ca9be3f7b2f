//! Query results to SLI buckets, rule by rule, with hand-computed values (5-minute steps from
//! 2026-11-20T00:00:00Z = 1795132800).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use support::{import, matrix, options, samples, spec};
use uptrend_core::model::Budgeting;
use uptrend_core::time::Span;
use uptrend_import::prometheus::ValueKind;
use uptrend_import::{Imported, Numerator};

const T0: i64 = 1_795_132_800;
const STEP: i64 = 300;

fn columns(imported: &Imported, index: usize) -> (Vec<Option<u64>>, Vec<Option<u64>>) {
    let sli = &imported.slos[index].sli;
    (sli.good.iter().collect(), sli.total.iter().collect())
}

fn messages(imported: &Imported) -> Vec<String> {
    imported.problems.iter().map(ToString::to_string).collect()
}

#[test]
fn several_series_are_summed_per_bucket_with_resets_per_series() {
    let good = matrix(&[
        (&[("pod", "a")], samples(T0, STEP, &[Some(10), Some(20), Some(30)])),
        (&[("pod", "b")], samples(T0, STEP, &[Some(7), Some(2), Some(4)])),
    ]);
    let total = matrix(&[
        (&[("pod", "a")], samples(T0, STEP, &[Some(10), Some(21), Some(33)])),
        (&[("pod", "b")], samples(T0, STEP, &[Some(9), Some(2), Some(5)])),
    ]);
    let imported = import(&spec("api", Numerator::Good), &good, &total, &options(ValueKind::Counter));
    // a: 10, 10 of 11, 12; b: reset to 2, then 2 of reset 2, 3.
    assert_eq!(columns(&imported, 0), (vec![Some(12), Some(12)], vec![Some(13), Some(15)]));
    assert_eq!(imported.slos[0].sli.start.to_rfc3339(), "2026-11-20T00:00:00+00:00");
    assert_eq!(imported.slos[0].sli.step, Span::from_secs(300).unwrap());
    assert!(imported.problems.is_empty(), "{:?}", messages(&imported));
}

#[test]
fn a_label_splits_the_series_into_one_slo_per_value() {
    let good = matrix(&[
        (&[("region", "eu")], samples(T0, STEP, &[Some(0), Some(9)])),
        (&[("region", "us")], samples(T0, STEP, &[Some(0), Some(5)])),
    ]);
    let total = matrix(&[
        (&[("region", "eu")], samples(T0, STEP, &[Some(0), Some(10)])),
        (&[("region", "us")], samples(T0, STEP, &[Some(0), Some(5)])),
    ]);
    let mut split = options(ValueKind::Counter);
    split.split_by = vec!["region".to_owned()];
    let imported = import(&spec("api", Numerator::Good), &good, &total, &split);
    let ids: Vec<&str> = imported.slos.iter().map(|slo| slo.id.as_str()).collect();
    assert_eq!(ids, ["api-eu", "api-us"]);
    assert_eq!(imported.slos[0].name.as_deref(), Some("api {region=\"eu\"}"));
    assert_eq!(columns(&imported, 0), (vec![Some(9)], vec![Some(10)]));
    assert_eq!(columns(&imported, 1), (vec![Some(5)], vec![Some(5)]));
}

#[test]
fn bad_and_total_give_good_as_the_difference_and_missing_bad_series_count_zero() {
    // The errors counter has no series until the first error at the 3rd sample.
    let bad = matrix(&[(&[], samples(T0, STEP, &[None, None, Some(1), Some(4)]))]);
    let total = matrix(&[(&[], samples(T0, STEP, &[Some(100), Some(200), Some(300), Some(400)]))]);
    let imported = import(&spec("api", Numerator::Bad), &bad, &total, &options(ValueKind::Counter));
    assert_eq!(columns(&imported, 0), (vec![Some(100), Some(100), Some(97)], vec![Some(100), Some(100), Some(100)]));
    assert_eq!(
        messages(&imported),
        ["warning: numerator.json: SLO \"api\": 2 buckets with a total have no bad series: they count 0 bad events"]
    );
}

#[test]
fn more_bad_than_total_is_an_error_and_no_data() {
    let bad = matrix(&[(&[], samples(T0, STEP, &[Some(0), Some(50), Some(51)]))]);
    let total = matrix(&[(&[], samples(T0, STEP, &[Some(0), Some(10), Some(20)]))]);
    let imported = import(&spec("api", Numerator::Bad), &bad, &total, &options(ValueKind::Counter));
    assert_eq!(columns(&imported, 0), (vec![None, Some(9)], vec![None, Some(10)]));
    assert_eq!(
        messages(&imported),
        ["error: numerator.json: SLO \"api\": the bucket at 2026-11-20T00:00:00Z has 50 bad events but 10 in total: it is written as no data"]
    );
    assert!(imported.has_errors());
}

#[test]
fn gaps_become_null_buckets() {
    let values = [Some(0), Some(10), None, None, Some(40), Some(50)];
    let series = matrix(&[(&[], samples(T0, STEP, &values))]);
    let imported = import(&spec("api", Numerator::Good), &series, &series, &options(ValueKind::Counter));
    assert_eq!(columns(&imported, 0).1, [Some(10), None, None, None, Some(10)]);
}

#[test]
fn misaligned_samples_are_one_error_each_with_the_fix() {
    // A query started at "now" (17 s past the grid): every sample is off the 5m grid.
    let series = matrix(&[(&[], (0..3).map(|i| (T0 + 17 + STEP * i, (i * 10).to_string())).collect())]);
    let imported = import(&spec("api", Numerator::Good), &series, &series, &options(ValueKind::Counter));
    assert!(imported.slos.is_empty());
    let shown = messages(&imported);
    assert!(
        shown[0].starts_with(
            "error: numerator.json: data.result[0].values[0]: the sample at 2026-11-20T00:00:17Z is not on the 5m grid"
        ),
        "{shown:?}"
    );
    assert!(shown[0].ends_with("query with a step of 5m and start and end that are multiples of it"), "{shown:?}");
}

#[test]
fn nan_and_inf_are_errors_with_their_position() {
    let good = matrix(&[(&[], vec![(T0, "0".into()), (T0 + STEP, "NaN".into()), (T0 + 2 * STEP, "+Inf".into())])]);
    let total = matrix(&[(&[], samples(T0, STEP, &[Some(0), Some(1), Some(2)]))]);
    let imported = import(&spec("api", Numerator::Good), &good, &total, &options(ValueKind::Counter));
    let shown = messages(&imported);
    assert_eq!(shown[0], "error: numerator.json: data.result[0].values[1]: the sample at 2026-11-20T00:05:00Z: the value is NaN: expected a finite number of events");
    assert_eq!(shown[1], "error: numerator.json: data.result[0].values[2]: the sample at 2026-11-20T00:10:00Z: the value is +Inf: expected a finite number of events");
}

#[test]
fn increases_are_rounded_with_the_largest_error_reported() {
    // sum(increase(x[5m])) at t covers [t-5m, t): Prometheus extrapolates, so the values are floats.
    let good = matrix(&[(&[], vec![(T0 + STEP, "99.6".into()), (T0 + 2 * STEP, "100.2".into())])]);
    let total = matrix(&[(&[], vec![(T0 + STEP, "100.3".into()), (T0 + 2 * STEP, "100".into())])]);
    let imported = import(&spec("api", Numerator::Good), &good, &total, &options(ValueKind::Increase));
    assert_eq!(columns(&imported, 0), (vec![Some(100), Some(100)], vec![Some(100), Some(100)]));
    assert_eq!(imported.slos[0].sli.start.to_rfc3339(), "2026-11-20T00:00:00+00:00");
    assert_eq!(
        messages(&imported),
        [
            "warning: numerator.json: data.result[0].values[0]: increases are rounded to whole events: the largest rounding error is 0.400, here",
            "warning: total.json: data.result[0].values[0]: increases are rounded to whole events: the largest rounding error is 0.300, here",
        ]
    );
}

#[test]
fn timeslices_use_the_time_slice_as_step_and_refuse_another() {
    let mut timeslices = spec("api", Numerator::Good);
    timeslices.budgeting = Budgeting::Timeslices;
    timeslices.timeslice_target = Some(0.9);
    timeslices.slice = Span::from_secs(600);
    // Samples every 5 minutes, slices of 10: buckets between samples 10 minutes apart.
    let series = matrix(&[(&[], samples(T0, STEP, &[Some(0), Some(5), Some(10), Some(15), Some(20)]))]);
    let imported = import(&timeslices, &series, &series, &options(ValueKind::Counter));
    assert_eq!(imported.slos[0].sli.step, Span::from_secs(600).unwrap());
    assert_eq!(columns(&imported, 0).1, [Some(10), Some(10)]);
    // The samples between the slices' ends are not on the 10m grid: queried with the wrong step.
    let shown = messages(&imported);
    assert_eq!(shown.len(), 4, "{shown:?}");
    assert!(shown[0].contains("2026-11-20T00:05:00Z is not on the 10m grid"), "{shown:?}");
    assert!(shown[0].ends_with("query with a step of 10m and start and end that are multiples of it"), "{shown:?}");
    let mut other_step = options(ValueKind::Counter);
    other_step.step = Span::from_secs(300);
    let refused = import(&timeslices, &series, &series, &other_step);
    assert!(refused.slos.is_empty());
    assert_eq!(
        messages(&refused),
        ["error: slos.yaml: SLO \"api\" has time slices of 10m but --step is 5m: each SLI bucket is one time slice"]
    );
}

#[test]
fn the_step_must_be_told_when_samples_cannot() {
    let series = matrix(&[(&[], vec![(T0, "1".into())])]);
    let imported = import(&spec("api", Numerator::Good), &series, &series, &options(ValueKind::Counter));
    assert_eq!(
        messages(&imported),
        ["error: numerator.json: SLO \"api\": the step cannot be told from fewer than two samples a series: pass --step"]
    );
}

#[test]
fn non_integer_counters_and_native_histograms_are_refused() {
    let good = matrix(&[(&[], vec![(T0, "1.5".into()), (T0 + STEP, "3".into())])]);
    let imported = import(&spec("api", Numerator::Good), &good, &good, &options(ValueKind::Counter));
    assert!(messages(&imported)[0].contains("the counter value 1.5 is not a whole number of events"));
    let histogram = r#"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"histograms":[]}]}}"#;
    let imported = import(&spec("api", Numerator::Good), histogram, histogram, &options(ValueKind::Counter));
    assert!(messages(&imported)[0].contains("data.result[0].histograms: native histogram samples are not supported"));
}

#[test]
fn what_the_snapshot_would_refuse_is_skipped_here_with_the_reason() {
    let series = matrix(&[(&[], samples(T0, STEP, &[Some(0), Some(5), Some(10)]))]);
    let mut short = spec("api", Numerator::Good);
    short.window = uptrend_core::time::Window::Rolling(Span::from_secs(60).unwrap());
    let mut counter = options(ValueKind::Counter);
    counter.step = Span::from_secs(300);
    let imported = import(&short, &series, &series, &counter);
    assert!(imported.slos.is_empty());
    assert_eq!(
        messages(&imported),
        ["error: slos.yaml: SLO \"api\": its window 1m is shorter than the step 5m: the window must hold a bucket"]
    );

    let mut twice = import(&spec("api", Numerator::Good), &series, &series, &counter);
    uptrend_import::prometheus::attach(
        &[spec("api", Numerator::Good)],
        Some(uptrend_import::prometheus::QueryFile { name: "n.json", bytes: series.as_bytes() }),
        Some(uptrend_import::prometheus::QueryFile { name: "t.json", bytes: series.as_bytes() }),
        &counter,
        &mut twice,
    );
    assert_eq!(twice.slos.len(), 1);
    assert!(messages(&twice)[0].contains("the SLO id \"api\" is imported twice"), "{:?}", messages(&twice));

    // Two increase samples 40 years apart would make a series of 4 million 5-minute buckets.
    let far = matrix(&[(&[], vec![(T0 - 40 * 365 * 86_400, "1".into()), (T0, "1".into())])]);
    let mut increase = options(ValueKind::Increase);
    increase.step = Span::from_secs(60);
    let imported = import(&spec("api", Numerator::Good), &far, &far, &increase);
    assert!(imported.slos.is_empty());
    assert_eq!(
        messages(&imported),
        ["error: total.json: SLO \"api\": the samples span more than 10000000 steps of 1m: query a shorter range or a longer step"]
    );
}

/// The range query example of the Prometheus HTTP API documentation: 15-second steps from a
/// fractional start, so neither its step nor its samples fit Uptrend's grid of whole minutes.
#[test]
fn the_documented_range_query_example_is_refused_with_the_fix() {
    let docs = include_str!("fixtures/prometheus-docs-range.json");
    let mut inferred = import(&spec("up", Numerator::Good), docs, docs, &options(ValueKind::Counter));
    assert!(inferred.slos.is_empty());
    assert_eq!(
        messages(&inferred).remove(0),
        "error: numerator.json: SLO \"up\": the samples are 15s apart, not a whole number of minutes: query with a step \
         of whole minutes (Uptrend's buckets are 1m or longer) or pass --step"
    );
    let mut one_minute = options(ValueKind::Counter);
    one_minute.step = Span::from_secs(60);
    inferred = import(&spec("up", Numerator::Good), docs, docs, &one_minute);
    let shown = messages(&inferred);
    assert!(shown[0].starts_with(
        "error: numerator.json: data.result[0].values[0]: the sample at 2015-07-01T20:10:30.781Z is not on the 1m grid"
    ), "{shown:?}");
    assert!(
        shown.iter().any(|line| line.contains("2 more samples are off the step grid")) || shown.len() >= 6,
        "{shown:?}"
    );
}

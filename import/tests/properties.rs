//! Properties: importing then reporting gives the attainment computed directly from the counters;
//! no input makes either parser panic.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use chrono::DateTime;
use proptest::prelude::*;
use support::{import, matrix, merged, options, spec, Labels, Samples};
use uptrend_core::report::{build, ReportOptions};
use uptrend_core::time::{Span, Window};
use uptrend_import::openslo::{definitions, SourceFile};
use uptrend_import::prometheus::{parse_matrix, ValueKind};
use uptrend_import::{Imported, Numerator, ServiceMap};

const T0: i64 = 1_795_132_800;

const OPENSLO_FIXTURE: &str = include_str!("../../cli/tests/fixtures/import/slos.yaml");
const SLOTH_FIXTURE: &str = include_str!("../../cli/tests/fixtures/import/sloth.yaml");
const PYRRA_FIXTURE: &str = include_str!("../../cli/tests/fixtures/import/pyrra.yaml");
const STEP: i64 = 300;

/// Per-bucket (good, bad) events of one series and whether its process restarts before the bucket.
fn series_events() -> impl Strategy<Value = Vec<(u64, u64, bool)>> {
    prop::collection::vec((0_u64..1_000, 0_u64..50, prop::bool::weighted(0.1)), 1..60)
}

/// Counter samples from per-bucket increases: a restart starts the counter over from 0. A restart
/// is only seen when the counter goes down (as in Prometheus), so one that does not is not drawn.
fn counter_samples(increments: &[u64], restarts: &[bool]) -> Vec<(i64, String)> {
    let mut value = 1_000_u64;
    let mut samples = vec![(T0, value.to_string())];
    for (index, (increment, restart)) in increments.iter().zip(restarts).enumerate() {
        value = if *restart && *increment < value { *increment } else { value + increment };
        samples.push((T0 + STEP * (index as i64 + 1), value.to_string()));
    }
    samples
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn import_then_report_gives_the_attainment_of_the_counters(pods in prop::collection::vec(series_events(), 1..4)) {
        let length = pods.iter().map(Vec::len).min().unwrap();
        let (mut good_series, mut total_series) = (Vec::new(), Vec::new());
        let (mut good_sum, mut total_sum) = (0_u64, 0_u64);
        let names: Vec<String> = (0..pods.len()).map(|i| format!("pod-{i}")).collect();
        for (pod, events) in pods.iter().enumerate() {
            let events = &events[..length];
            let restarts: Vec<bool> = events.iter().map(|e| e.2).collect();
            let good: Vec<u64> = events.iter().map(|e| e.0).collect();
            let total: Vec<u64> = events.iter().map(|e| e.0 + e.1).collect();
            good_sum += good.iter().sum::<u64>();
            total_sum += total.iter().sum::<u64>();
            good_series.push((pod, counter_samples(&good, &restarts)));
            total_series.push((pod, counter_samples(&total, &restarts)));
        }
        let as_matrix = |series: &[(usize, Samples)]| {
            let labels: Vec<[(&str, &str); 1]> = series.iter().map(|(pod, _)| [("pod", names[*pod].as_str())]).collect();
            let borrowed: Vec<(Labels<'_>, Samples)> =
                labels.iter().zip(series).map(|(labels, (_, samples))| (labels.as_slice(), samples.clone())).collect();
            matrix(&borrowed)
        };
        let mut options = options(ValueKind::Counter);
        options.step = Span::from_secs(STEP);
        let imported = import(&spec("api", Numerator::Good), &as_matrix(&good_series), &as_matrix(&total_series), &options);
        prop_assert!(!imported.has_errors(), "{:?}", imported.problems);
        let dataset = merged(vec![imported]);
        let report = build(&dataset, ReportOptions { as_of: DateTime::from_timestamp(T0 + STEP * (length as i64 + 1), 0), ..ReportOptions::default() }).unwrap();
        let slo = &report.slos[0];
        prop_assert_eq!((slo.good, slo.total), (good_sum, total_sum));
        let expected = (total_sum > 0).then(|| good_sum as f64 / total_sum as f64);
        prop_assert_eq!(slo.attainment, expected);
    }

    #[test]
    fn arbitrary_bytes_never_panic_the_yaml_reader(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let mut imported = Imported::default();
        definitions(&[SourceFile { name: "a.yaml", bytes: &bytes }], &ServiceMap::identity(), &mut imported);
        let _ = ServiceMap::parse("map.yaml", &bytes);
    }

    #[test]
    fn yaml_like_text_never_panics_the_openslo_reader(text in "(apiVersion: openslo/v1\n|kind: (SLO|SLI|Service)\n|metadata: \\{name: [a-z]{1,3}\\}\n|spec:\n|  [a-zA-Z]{1,12}: [a-z0-9.\\[\\]{}:-]{0,12}\n|    - [a-z]{1,8}: [0-9a-zA-Z.]{0,6}\n|---\n|  timeWindow: \\[\\{duration: [0-9]{1,2}[mhdwMQY], isRolling: (true|false)\\}\\]\n){0,24}") {
        let mut imported = Imported::default();
        definitions(&[SourceFile { name: "a.yaml", bytes: text.as_bytes() }], &ServiceMap::identity(), &mut imported);
    }

    #[test]
    fn mutated_definitions_never_panic_any_reader(edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..12)) {
        for fixture in [OPENSLO_FIXTURE, SLOTH_FIXTURE, PYRRA_FIXTURE] {
            let mut bytes = fixture.as_bytes().to_vec();
            for (at, byte) in &edits {
                let index = at.index(bytes.len());
                bytes[index] = *byte;
            }
            let file = [SourceFile { name: "a.yaml", bytes: &bytes }];
            let mut imported = Imported::default();
            definitions(&file, &ServiceMap::identity(), &mut imported);
            uptrend_import::sloth::definitions(&file, Window::Rolling(Span::DAY), &ServiceMap::identity(), &mut imported);
            uptrend_import::pyrra::definitions(&file, None, &ServiceMap::identity(), &mut imported);
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic_the_matrix_reader(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = parse_matrix("q.json", &bytes);
    }

    #[test]
    fn matrix_like_json_never_panics_the_import(
        samples in prop::collection::vec((prop_oneof![Just(-1e300), -1e6..1e12_f64, (0_i64..100).prop_map(|i| (T0 + i * 60) as f64)], "(NaN|\\+Inf|-Inf|-?[0-9]{1,20}(\\.[0-9]{1,3})?|1e[0-9]{1,3}|x)"), 0..30),
        kind in prop_oneof![Just(ValueKind::Counter), Just(ValueKind::Increase)],
    ) {
        let values: Vec<(i64, String)> = Vec::new();
        let mut text = matrix(&[(&[("a", "b")], values)]);
        let listed: Vec<String> = samples.iter().map(|(at, value)| format!("[{at}, {value:?}]")).collect();
        text = text.replace("\"values\":[]", &format!("\"values\":[{}]", listed.join(",")));
        let _ = import(&spec("api", Numerator::Bad), &text, &text, &options(kind));
    }
}

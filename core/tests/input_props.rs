//! Properties of the input pipeline: no panic on any bytes or any snapshot-shaped JSON, every
//! rejection explained, and merging idempotent, order-independent and loss-free.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod input_support;

use std::collections::BTreeMap;

use chrono::TimeDelta;
use input_support::{at, slo, snapshot, sourced};
use proptest::prelude::*;
use serde_json::Value;
use uptrend_core::load::{load, load_snapshot, FileStatus, LoadedFile};
use uptrend_core::merge::{merge, SourcedSnapshot};
use uptrend_core::model::{Counts, Snapshot};

const EXAMPLE: &str = r#"{
  "version": 1, "generated_at": "2026-11-21T00:00:00Z",
  "services": [{"id": "checkout", "name": "Checkout API", "team": "payments"}],
  "slos": [{
    "id": "checkout-availability", "service": "checkout", "name": "Checkout requests succeed",
    "objective": 0.999, "window": "28d", "budgeting": "timeslices", "timeslice_target": 0.95,
    "sli": {"start": "2026-10-24T00:00:00Z", "step": "5m", "good": [2981, 3010, null], "total": [2983, 3010, null]}
  }],
  "deployments": [{
    "id": "dep-1042", "service": "checkout", "environment": "production",
    "finished_at": "2026-11-02T14:03:00Z", "status": "succeeded",
    "changes": [{"id": "9f2c1ab", "committed_at": "2026-11-01T09:12:00Z"}], "fixes_incident": "INC-311"
  }],
  "incidents": [{
    "id": "INC-311", "service": "checkout", "severity": "sev2",
    "started_at": "2026-11-02T14:20:00Z", "resolved_at": "2026-11-02T15:05:00Z", "caused_by": ["dep-1042"]
  }]
}"#;

/// JSON values likely to sit near the edge of what the format accepts.
fn edge_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        (-2.0..2.0_f64).prop_map(Value::from),
        prop::sample::select(vec![
            "",
            "5m",
            "0m",
            "28d",
            "calendar:month",
            "calendar:year",
            "2026-11-21T00:00:00Z",
            "2026-02-30T00:00:00Z",
            "+262143-12-31T23:59:59Z",
            "occurrences",
            "timeslices",
            "failed",
            "checkout",
            "dep-1042",
            "INC-311",
        ])
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(2, 8, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,12}", inner, 0..3)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

/// Replaces, or removes when `replacement` is `None`, the node found by following `steps` (each
/// picks a child by index modulo the number of children) from the root.
fn mutate(root: &mut Value, steps: &[usize], replacement: Option<Value>) {
    let mut node = root;
    for (depth, step) in steps.iter().enumerate() {
        let last = depth + 1 == steps.len();
        match node {
            Value::Object(map) if !map.is_empty() => {
                let key = map.keys().nth(step % map.len()).cloned().unwrap();
                if last {
                    match replacement {
                        Some(value) => map.insert(key, value),
                        None => map.remove(&key),
                    };
                    return;
                }
                node = map.get_mut(&key).unwrap();
            }
            Value::Array(items) if !items.is_empty() => {
                let index = step % items.len();
                if last {
                    match replacement {
                        Some(value) => items[index] = value,
                        None => drop(items.remove(index)),
                    }
                    return;
                }
                node = &mut items[index];
            }
            _ => return,
        }
    }
}

/// Snapshots of one SLO on an hourly grid, each starting 0..6 hours after a common origin with up to
/// 6 buckets, generated at distinct instants (hours after the origin, in a shuffled order).
fn snapshots_with_distinct_generated_at() -> impl Strategy<Value = Vec<Snapshot>> {
    let bucket = prop::option::weighted(0.8, (0..5_u64, 0..5_u64).prop_map(|(bad, good)| (good, good + bad)));
    let piece = (0..6_i64, prop::collection::vec(bucket, 0..6), 0..3_usize);
    prop::collection::vec(piece, 1..6).prop_shuffle().prop_map(|pieces| {
        pieces
            .into_iter()
            .enumerate()
            .map(|(order, (offset_hours, buckets, deployment))| {
                let origin = at("2026-11-01T00:00:00Z");
                let generated_at = (origin + TimeDelta::days(30) + TimeDelta::hours(order as i64)).to_rfc3339();
                let mut s = snapshot(&generated_at);
                let start = (origin + TimeDelta::hours(offset_hours)).to_rfc3339();
                s.slos.push(slo("a", &start, "1h", &buckets));
                s.slos[0].objective = 0.9 + 0.001 * order as f64;
                s.deployments.push(input_support::deployment(&format!("d{deployment}"), &generated_at));
                s
            })
            .collect()
    })
}

fn sourced_all(snapshots: &[Snapshot]) -> Vec<SourcedSnapshot> {
    snapshots.iter().enumerate().map(|(i, s)| sourced(&format!("s{i}.json"), s)).collect()
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic_and_are_explained(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        let loaded = load_snapshot("x.json", &bytes);
        prop_assert_eq!(loaded.files[0].status, FileStatus::LeftOut);
        prop_assert!(loaded.has_errors());
        let manifest = load("index.json", &bytes, vec![LoadedFile { path: "a.json".into(), content: Ok(bytes.clone()) }]);
        prop_assert!(manifest.has_errors() || manifest.files.iter().all(|f| f.status != FileStatus::Used));
    }

    #[test]
    fn mutated_snapshots_never_panic_and_a_left_out_file_always_has_an_error(
        steps in prop::collection::vec(any::<usize>(), 1..7),
        replacement in prop::option::weighted(0.8, edge_value()),
    ) {
        let mut document: Value = serde_json::from_str(EXAMPLE).unwrap();
        mutate(&mut document, &steps, replacement);
        let loaded = load_snapshot("m.json", &serde_json::to_vec(&document).unwrap());
        let status = loaded.files[0].status;
        let has_errors = loaded.has_errors();
        prop_assert_eq!(status == FileStatus::LeftOut, has_errors, "{:?}", loaded.problems);
        prop_assert!(loaded.problems.iter().all(|p| p.file == "m.json"));
    }

    #[test]
    fn merging_duplicates_changes_nothing(snapshots in snapshots_with_distinct_generated_at()) {
        let once = merge("t", sourced_all(&snapshots));
        let doubled: Vec<Snapshot> = snapshots.iter().chain(&snapshots).cloned().collect();
        prop_assert_eq!(&once, &merge("t", sourced_all(&doubled)));
    }

    #[test]
    fn merging_ignores_file_order_for_distinct_generated_at(snapshots in snapshots_with_distinct_generated_at()) {
        let forward = merge("t", sourced_all(&snapshots));
        let mut reversed_sources = sourced_all(&snapshots);
        reversed_sources.reverse();
        prop_assert_eq!(forward, merge("t", reversed_sources));
    }

    #[test]
    fn every_bucket_is_the_latest_data_for_its_hour(snapshots in snapshots_with_distinct_generated_at()) {
        // Reference model: a map from bucket start to counts, filled in generated_at order.
        let mut ordered = snapshots.clone();
        ordered.sort_by_key(|s| s.generated_at);
        let mut expected: BTreeMap<i64, Counts> = BTreeMap::new();
        for s in &ordered {
            let sli = &s.slos[0].sli;
            for (i, (good, total)) in sli.good.iter().zip(&sli.total).enumerate() {
                if let (Some(good), Some(total)) = (good, total) {
                    expected.insert(sli.start.timestamp() + 3_600 * i as i64, Counts { good, total });
                }
            }
        }
        let merged = merge("t", sourced_all(&snapshots));
        prop_assert!(merged.problems.is_empty());
        let series = &merged.dataset.slos[0].series;
        let actual: BTreeMap<i64, Counts> = series
            .iter()
            .enumerate()
            .filter_map(|(i, bucket)| bucket.map(|counts| (series.start.timestamp() + 3_600 * i as i64, counts)))
            .collect();
        prop_assert_eq!(actual, expected);
        // The series covers exactly the union of the snapshots' bucket ranges.
        let first = ordered.iter().map(|s| s.slos[0].sli.start).min().unwrap();
        let end = ordered.iter().map(|s| s.slos[0].sli.start.timestamp() + 3_600 * s.slos[0].sli.good.len() as i64).max().unwrap();
        prop_assert_eq!(series.start, first);
        prop_assert_eq!(series.len() as i64, (end - first.timestamp()).max(0) / 3_600);
    }
}

#[test]
fn the_property_example_is_valid() {
    let loaded = load_snapshot("e.json", EXAMPLE.as_bytes());
    assert_eq!(loaded.problems, []);
}

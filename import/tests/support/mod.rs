//! Shared helpers: query results in the Prometheus API's shape, one-spec imports, merging through
//! the core.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, Utc};
use serde_json::json;
use uptrend_core::merge::{merge, SourcedSnapshot};
use uptrend_core::model::{Budgeting, Dataset};
use uptrend_core::time::{Span, Window};
use uptrend_import::prometheus::{attach, QueryFile, SliOptions, ValueKind};
use uptrend_import::{Imported, Location, Numerator, SloSpec};

/// Samples `(unix seconds, value text)`.
pub type Samples = Vec<(i64, String)>;

/// A series' labels.
pub type Labels<'a> = &'a [(&'a str, &'a str)];

/// A `query_range` response: one series per `(labels, samples)`.
pub fn matrix(series: &[(Labels<'_>, Samples)]) -> String {
    let result: Vec<_> = series
        .iter()
        .map(|(labels, samples)| {
            let metric: serde_json::Map<String, serde_json::Value> =
                labels.iter().map(|(k, v)| (k.to_string(), json!(v))).collect();
            let values: Vec<_> = samples.iter().map(|(at, value)| json!([at, value])).collect();
            json!({"metric": metric, "values": values})
        })
        .collect();
    json!({"status": "success", "data": {"resultType": "matrix", "result": result}}).to_string()
}

/// Samples `start + i*step` with the given values (`None`: no sample).
pub fn samples(start: i64, step: i64, values: &[Option<u64>]) -> Vec<(i64, String)> {
    values.iter().enumerate().filter_map(|(i, v)| v.map(|v| (start + step * i as i64, v.to_string()))).collect()
}

pub fn spec(id: &str, numerator: Numerator) -> SloSpec {
    SloSpec {
        id: id.to_owned(),
        data_key: id.to_owned(),
        service: "api".to_owned(),
        name: None,
        objective: 0.99,
        window: Window::Rolling(Span::DAY.checked_times(28)),
        budgeting: Budgeting::Occurrences,
        timeslice_target: None,
        slice: None,
        numerator,
        split_by: Vec::new(),
        file: "slos.yaml".to_owned(),
        location: Location::file(),
    }
}

pub trait Times {
    fn checked_times(self, n: i64) -> Span;
}

impl Times for Span {
    fn checked_times(self, n: i64) -> Span {
        Span::from_secs(self.secs() * n).unwrap()
    }
}

pub fn options(values: ValueKind) -> SliOptions {
    SliOptions { values, step: None, split_by: Vec::new() }
}

/// Imports one spec from the numerator and total texts.
pub fn import(spec: &SloSpec, numerator: &str, total: &str, options: &SliOptions) -> Imported {
    let mut imported = Imported::default();
    imported.service(&uptrend_import::ServiceMap::identity(), &spec.service, None, "cli", Location::file());
    attach(
        std::slice::from_ref(spec),
        Some(QueryFile { name: "numerator.json", bytes: numerator.as_bytes() }),
        Some(QueryFile { name: "total.json", bytes: total.as_bytes() }),
        options,
        &mut imported,
    );
    imported
}

/// Merges imports (each generated at its latest instant) through the core, checking each validates.
pub fn merged(imports: Vec<Imported>) -> Dataset {
    let snapshots = imports
        .into_iter()
        .enumerate()
        .map(|(index, imported)| {
            let generated_at: DateTime<Utc> = imported.latest().unwrap();
            let (snapshot, _, _) = imported.into_snapshot(generated_at);
            let file = format!("{index}.json");
            let problems = uptrend_core::validate::validate_snapshot(&file, &snapshot);
            assert!(problems.is_empty(), "{problems:?}");
            SourcedSnapshot { file, snapshot }
        })
        .collect();
    let merged = merge("test", snapshots);
    assert!(merged.problems.is_empty(), "{:?}", merged.problems);
    merged.dataset
}

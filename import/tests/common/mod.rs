//! Fixtures and the core's view of what an import produced.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use uptrend_core::dora::{self, DoraMetrics};
use uptrend_core::load::{load, LoadedFile};
use uptrend_core::model::Dataset;
use uptrend_core::problem::Problem;
use uptrend_core::time::Span;
use uptrend_import::{Imported, ServiceMap};

pub fn at(text: &str) -> DateTime<Utc> {
    text.parse().expect("RFC 3339 instant")
}

pub fn fixture(path: &str) -> Vec<u8> {
    let full = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(path);
    std::fs::read(&full).unwrap_or_else(|err| panic!("{}: {err}", full.display()))
}

/// The imports as snapshots merged by the core (validated, as `uptrend validate` would), with the
/// problems the core found.
pub fn merged(imports: &[(&str, &Imported, &str)]) -> (Dataset, Vec<Problem>) {
    let names: Vec<String> = imports.iter().map(|(name, _, _)| format!("\"{name}\"")).collect();
    let manifest = format!("{{\"title\": \"t\", \"snapshots\": [{}]}}", names.join(","));
    let files = imports
        .iter()
        .map(|(name, import, generated_at)| LoadedFile {
            path: (*name).to_owned(),
            content: Ok(serde_json::to_vec_pretty(&(*import).clone().into_snapshot(at(generated_at)).0).unwrap()),
        })
        .collect();
    let loaded = load("index.json", manifest.as_bytes(), files);
    (loaded.dataset, loaded.problems)
}

pub fn metrics(dataset: &Dataset, as_of: &str, window_days: i64) -> DoraMetrics {
    let window = Span::from_secs(window_days * 86_400).unwrap();
    dora::compute(dataset, at(as_of), window).overall.metrics
}

/// A service map from YAML text.
pub fn service_map(yaml: &str) -> ServiceMap {
    ServiceMap::parse("service-map.yaml", yaml.as_bytes()).unwrap()
}

/// (read, written, skipped) of one kind.
pub fn count(imported: &Imported, kind: &str) -> (u64, u64, u64) {
    imported.counts.get(kind).map_or((0, 0, 0), |count| (count.read, count.written, count.skipped))
}

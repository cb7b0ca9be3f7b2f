//! Fixtures and the core's view of what an import produced.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use uptrend_core::dora::{self, DoraMetrics};
use uptrend_core::load::{load, LoadedFile};
use uptrend_core::model::Dataset;
use uptrend_core::problem::Problem;
use uptrend_core::time::Span;
use uptrend_import::delivery::DeliveryImport;

pub fn at(text: &str) -> DateTime<Utc> {
    text.parse().expect("RFC 3339 instant")
}

pub fn fixture(path: &str) -> Vec<u8> {
    let full = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(path);
    std::fs::read(&full).unwrap_or_else(|err| panic!("{}: {err}", full.display()))
}

/// The imports as snapshots merged by the core (validated, as `uptrend validate` would), with the
/// problems the core found.
pub fn merged(imports: &[(&str, &DeliveryImport, &str)]) -> (Dataset, Vec<Problem>) {
    let names: Vec<String> = imports.iter().map(|(name, _, _)| format!("\"{name}\"")).collect();
    let manifest = format!("{{\"title\": \"t\", \"snapshots\": [{}]}}", names.join(","));
    let files = imports
        .iter()
        .map(|(name, import, generated_at)| LoadedFile {
            path: (*name).to_owned(),
            content: Ok(serde_json::to_vec_pretty(&import.snapshot(at(generated_at))).unwrap()),
        })
        .collect();
    let loaded = load("index.json", manifest.as_bytes(), files);
    (loaded.dataset, loaded.problems)
}

pub fn metrics(dataset: &Dataset, as_of: &str, window_days: i64) -> DoraMetrics {
    let window = Span::from_secs(window_days * 86_400).unwrap();
    dora::compute(dataset, at(as_of), window).overall.metrics
}

/// (path, message) of each problem, for readable assertions.
pub fn located(problems: &[Problem]) -> Vec<(String, String)> {
    problems.iter().map(|p| (p.path.clone(), p.message.clone())).collect()
}

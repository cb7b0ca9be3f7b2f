//! A stand-in for `uptrend_core::load` until the core's loading lands on main: the same API
//! (`snapshot_paths`, `load`, `LoadedFile`, `Loaded`), so plugging the real one in is replacing
//! this module's body with `pub use uptrend_core::load::*;`.
//!
//! It parses and keeps each snapshot whole, without the core's validation or loss-free merge
//! (an SLO present in several snapshots keeps the latest file's copy).

use uptrend_core::model::{Counts, Dataset, Manifest, SliSeries, SloData, Snapshot, FORMAT_VERSION};
use uptrend_core::problem::Problem;

/// A snapshot file as the caller read it: its resolved path and its bytes, or why it could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadedFile {
    pub path: String,
    pub content: Result<Vec<u8>, String>,
}

/// What became of one snapshot file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileStatus {
    Used,
    LeftOut,
    Missing,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileOutcome {
    pub path: String,
    pub status: FileStatus,
}

/// The merged data, every problem, and one outcome per snapshot file in manifest order.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub dataset: Dataset,
    pub problems: Vec<Problem>,
    pub files: Vec<FileOutcome>,
}

/// The snapshot files the manifest lists, resolved against the manifest's folder.
pub fn snapshot_paths(manifest_path: &str, manifest: &[u8]) -> Result<Vec<String>, Vec<Problem>> {
    let manifest = parse_manifest(manifest_path, manifest)?;
    let folder = manifest_path.rfind('/').map_or("", |slash| &manifest_path[..=slash]);
    let mut paths: Vec<String> = Vec::new();
    for entry in &manifest.snapshots {
        let path = format!("{folder}{entry}");
        if !paths.contains(&path) {
            paths.push(path);
        }
    }
    Ok(paths)
}

/// Parses the manifest and the snapshot `files`; unusable files are named in the problems.
pub fn load(manifest_path: &str, manifest: &[u8], files: Vec<LoadedFile>) -> Loaded {
    let manifest = match parse_manifest(manifest_path, manifest) {
        Ok(manifest) => manifest,
        Err(problems) => return Loaded { dataset: Dataset::default(), problems, files: Vec::new() },
    };
    let mut dataset = Dataset { title: manifest.title, ..Dataset::default() };
    let (mut problems, mut outcomes) = (Vec::new(), Vec::new());
    for file in files {
        let status = match &file.content {
            Err(reason) => {
                problems.push(Problem::error(&file.path, "", format!("the snapshot could not be read: {reason}")));
                FileStatus::Missing
            }
            Ok(bytes) => match parse_snapshot(&file.path, bytes) {
                Ok(snapshot) => {
                    add_snapshot(&mut dataset, snapshot);
                    FileStatus::Used
                }
                Err(problem) => {
                    problems.push(problem);
                    FileStatus::LeftOut
                }
            },
        };
        outcomes.push(FileOutcome { path: file.path, status });
    }
    dataset.services.sort_by(|a, b| a.id.cmp(&b.id));
    dataset.slos.sort_by(|a, b| a.definition.id.cmp(&b.definition.id));
    dataset.deployments.sort_by(|a, b| (a.finished_at, &a.id).cmp(&(b.finished_at, &b.id)));
    dataset.incidents.sort_by(|a, b| (a.started_at, &a.id).cmp(&(b.started_at, &b.id)));
    Loaded { dataset, problems, files: outcomes }
}

fn parse_manifest(path: &str, bytes: &[u8]) -> Result<Manifest, Vec<Problem>> {
    serde_json::from_slice(bytes).map_err(|error| vec![json_problem(path, &error)])
}

fn parse_snapshot(path: &str, bytes: &[u8]) -> Result<Snapshot, Problem> {
    let snapshot: Snapshot = serde_json::from_slice(bytes).map_err(|error| json_problem(path, &error))?;
    if snapshot.version != FORMAT_VERSION {
        let message =
            format!("format version {} is not supported (this build reads {FORMAT_VERSION})", snapshot.version);
        return Err(Problem::error(path, "version", message));
    }
    Ok(snapshot)
}

fn json_problem(path: &str, error: &serde_json::Error) -> Problem {
    Problem::error(path, "", error.to_string()).at_line(error.line(), error.column())
}

fn add_snapshot(dataset: &mut Dataset, snapshot: Snapshot) {
    if dataset.latest_generated_at.is_none_or(|latest| latest < snapshot.generated_at) {
        dataset.latest_generated_at = Some(snapshot.generated_at);
    }
    for service in snapshot.services {
        dataset.services.retain(|known| known.id != service.id);
        dataset.services.push(service);
    }
    for slo in snapshot.slos {
        let buckets = slo
            .sli
            .good
            .iter()
            .zip(&slo.sli.total)
            .map(|(good, total)| Some(Counts { good: (*good)?, total: (*total)? }))
            .collect();
        let series = SliSeries { start: slo.sli.start, step: slo.sli.step, buckets };
        dataset.slos.retain(|known| known.definition.id != slo.id);
        dataset.slos.push(SloData { definition: slo.definition(), series });
    }
    for deployment in snapshot.deployments {
        dataset.deployments.retain(|known| known.id != deployment.id);
        dataset.deployments.push(deployment);
    }
    for incident in snapshot.incidents {
        dataset.incidents.retain(|known| known.id != incident.id);
        dataset.incidents.push(incident);
    }
}

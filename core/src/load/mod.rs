//! The one entry point the CLI and the browser app share: manifest and snapshot bytes in, merged
//! [`Dataset`], every problem and the fate of every file out. Pure: callers do the reading.

mod snapshot_path;
mod source;

use std::collections::HashMap;

use serde::Serialize;

pub use self::snapshot_path::resolve_snapshot_path;
pub use self::source::SnapshotSource;
use crate::merge::{merge, SourcedSnapshot};
use crate::model::{Dataset, Snapshot};
use crate::parse::{parse_manifest, parse_snapshot, parse_snapshot_owned};
use crate::problem::Problem;
use crate::validate::validate_snapshot;

/// A snapshot file as the caller read it: its resolved path (see [`snapshot_paths`]) and either its
/// bytes or why it could not be read (the fetch or I/O error, in words).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadedFile {
    pub path: String,
    pub content: Result<Vec<u8>, String>,
}

/// What became of one snapshot file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FileStatus {
    /// Merged into the dataset (it may still have warnings).
    Used,
    /// Read but left out: it is not valid JSON, not format v1, has validation errors, or its SLI grid
    /// conflicts with an earlier snapshot's.
    LeftOut,
    /// Not read: the caller reported an error or gave no content for it.
    Missing,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileOutcome {
    pub path: String,
    pub status: FileStatus,
}

/// The outcome of loading: the merged data of the usable snapshots, all problems (manifest, files,
/// merge) and one outcome per snapshot file in manifest order.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub dataset: Dataset,
    pub problems: Vec<Problem>,
    pub files: Vec<FileOutcome>,
}

impl Loaded {
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(Problem::is_error)
    }
}

/// The snapshot files a manifest lists, resolved against it (see [`resolve_snapshot_path`]), in
/// manifest order without repeats: the files the caller reads before calling [`load`].
pub fn snapshot_paths(manifest_path: &str, manifest: &[u8]) -> Result<Vec<String>, Vec<Problem>> {
    let manifest = parse_manifest(manifest_path, manifest)?;
    let mut paths: Vec<String> = Vec::with_capacity(manifest.snapshots.len());
    for entry in &manifest.snapshots {
        let path = resolve_snapshot_path(manifest_path, entry);
        if !paths.contains(&path) {
            paths.push(path);
        }
    }
    Ok(paths)
}

/// Loads the manifest at `manifest_path` and the snapshot `files` it lists (matched by resolved path;
/// files it does not list are ignored). A snapshot with errors is left out and named; the rest
/// still merge. An empty manifest gives an empty dataset.
pub fn load(manifest_path: &str, manifest: &[u8], files: Vec<LoadedFile>) -> Loaded {
    let mut contents: HashMap<String, Result<Vec<u8>, String>> =
        files.into_iter().map(|file| (file.path, file.content)).collect();
    load_each(manifest_path, manifest, |path| {
        let content = contents.remove(path).unwrap_or_else(|| Err("no content was given for it".to_owned()));
        // The bytes are given away: each file's memory is freed as soon as it is parsed.
        content.map(|bytes| parse_snapshot_owned(path, bytes))
    })
}

/// [`load`] with the snapshot files read from `source` as the loader gets to each, in chunks: at
/// most one file is in memory at a time, and a file without problems never whole. The same result
/// as [`load`] given the files' bytes.
pub fn load_from(manifest_path: &str, manifest: &[u8], source: &mut impl SnapshotSource) -> Loaded {
    load_each(manifest_path, manifest, |path| source::parse_from_source(path, source))
}

/// The loader: `parse` gives each listed snapshot file parsed, or why it could not be read.
fn load_each(
    manifest_path: &str,
    manifest: &[u8],
    mut parse: impl FnMut(&str) -> Result<Result<Snapshot, Vec<Problem>>, String>,
) -> Loaded {
    let manifest = match parse_manifest(manifest_path, manifest) {
        Ok(manifest) => manifest,
        Err(problems) => return Loaded { dataset: Dataset::default(), problems, files: Vec::new() },
    };
    let mut problems = Vec::new();
    let mut outcomes: Vec<FileOutcome> = Vec::new();
    let mut usable = Vec::new();
    let mut first_listed: HashMap<String, usize> = HashMap::new();
    for (position, entry) in manifest.snapshots.iter().enumerate() {
        let path = resolve_snapshot_path(manifest_path, entry);
        if let Some(first) = first_listed.get(&path) {
            problems.push(Problem::warning(
                manifest_path,
                format!("snapshots[{position}]"),
                format!("{entry:?} is listed again (first at snapshots[{first}]): it is read once"),
            ));
            continue;
        }
        first_listed.insert(path.clone(), position);
        let (snapshot, status) = match parse(&path) {
            Ok(parsed) => check_snapshot(&path, parsed, &mut problems),
            Err(reason) => {
                problems.push(Problem::error(&path, "", format!("the snapshot could not be read: {reason}")));
                (None, FileStatus::Missing)
            }
        };
        if let Some(snapshot) = snapshot {
            usable.push(SourcedSnapshot { file: path.clone(), snapshot });
        }
        outcomes.push(FileOutcome { path, status });
    }
    let merged = merge(&manifest.title, usable);
    problems.extend(merged.problems);
    for outcome in &mut outcomes {
        if merged.left_out.contains(&outcome.path) {
            outcome.status = FileStatus::LeftOut;
        }
    }
    Loaded { dataset: merged.dataset, problems, files: outcomes }
}

/// Loads one snapshot file on its own (`uptrend validate file.json`): the same checks as [`load`],
/// including the links between its records; the dataset is titled by the path.
pub fn load_snapshot(path: &str, bytes: &[u8]) -> Loaded {
    loaded_snapshot(path, parse_snapshot(path, bytes))
}

/// [`load_snapshot`] for bytes the caller no longer needs: the same result with less memory.
pub fn load_snapshot_owned(path: &str, bytes: Vec<u8>) -> Loaded {
    loaded_snapshot(path, parse_snapshot_owned(path, bytes))
}

/// [`load_snapshot_owned`] with the file read from `source` in chunks (see [`load_from`]); `Err`:
/// why it could not be read.
pub fn load_snapshot_from(path: &str, source: &mut impl SnapshotSource) -> Result<Loaded, String> {
    Ok(loaded_snapshot(path, source::parse_from_source(path, source)?))
}

fn loaded_snapshot(path: &str, parsed: Result<Snapshot, Vec<Problem>>) -> Loaded {
    let mut problems = Vec::new();
    let (snapshot, status) = check_snapshot(path, parsed, &mut problems);
    let usable = snapshot.map(|snapshot| SourcedSnapshot { file: path.to_owned(), snapshot });
    let merged = merge(path, usable.into_iter().collect());
    problems.extend(merged.problems);
    Loaded { dataset: merged.dataset, problems, files: vec![FileOutcome { path: path.to_owned(), status }] }
}

/// Validates one parsed snapshot; it is usable when neither parsing nor validation found an error.
fn check_snapshot(
    path: &str,
    parsed: Result<Snapshot, Vec<Problem>>,
    problems: &mut Vec<Problem>,
) -> (Option<Snapshot>, FileStatus) {
    match parsed {
        Ok(snapshot) => {
            let found = validate_snapshot(path, &snapshot);
            let usable = !found.iter().any(Problem::is_error);
            problems.extend(found);
            if usable {
                (Some(snapshot), FileStatus::Used)
            } else {
                (None, FileStatus::LeftOut)
            }
        }
        Err(found) => {
            problems.extend(found);
            (None, FileStatus::LeftOut)
        }
    }
}

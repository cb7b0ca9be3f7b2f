//! Reading what the user points at: a data directory (its `index.json` and the snapshots it lists)
//! or single snapshot files. Only I/O happens here; parsing, validation and merging are the core's.

use std::fs;
use std::path::Path;

use anyhow::{bail, Context};
use uptrend_core::load::{self, Loaded, LoadedFile};

/// The manifest's file name inside a data directory.
pub const MANIFEST_FILE: &str = "index.json";

/// The bytes of one input, ready for the core's loader.
#[derive(Debug, Clone)]
pub enum Input {
    /// A data directory: its manifest and the snapshot files the manifest lists (each read or not).
    Directory { manifest_path: String, manifest: Vec<u8>, files: Vec<LoadedFile> },
    /// One snapshot file on its own.
    Snapshot { path: String, bytes: Vec<u8> },
}

impl Input {
    /// Parses, validates and merges the input (the core's `load`).
    pub fn load(self) -> Loaded {
        match self {
            Input::Directory { manifest_path, manifest, files } => load::load(&manifest_path, &manifest, files),
            Input::Snapshot { path, bytes } => load::load_snapshot_owned(&path, bytes),
        }
    }
}

/// Reads `path`: a directory holding `index.json`, or a snapshot file. A path that does not exist,
/// a directory without a manifest, or an unreadable file is an error (a usage error for the CLI);
/// a listed snapshot that cannot be read is left to the loader, which reports it as a problem.
pub fn read(path: &Path) -> anyhow::Result<Input> {
    let metadata = fs::metadata(path).with_context(|| format!("cannot read {}", display(path)))?;
    if metadata.is_dir() {
        read_directory(path)
    } else {
        let bytes = fs::read(path).with_context(|| format!("cannot read {}", display(path)))?;
        Ok(Input::Snapshot { path: display(path), bytes })
    }
}

/// Reads a data directory: `index.json`, then every snapshot file it lists.
pub fn read_directory(dir: &Path) -> anyhow::Result<Input> {
    let manifest_file = dir.join(MANIFEST_FILE);
    if !manifest_file.is_file() {
        bail!("{} is not a data directory: it has no {MANIFEST_FILE}", display(dir));
    }
    let manifest_path = display(&manifest_file);
    let manifest = fs::read(&manifest_file).with_context(|| format!("cannot read {manifest_path}"))?;
    // An unusable manifest lists nothing; the loader reports its problems.
    let paths = load::snapshot_paths(&manifest_path, &manifest).unwrap_or_default();
    let files = paths.into_iter().map(|path| LoadedFile { content: read_listed(&path), path }).collect();
    Ok(Input::Directory { manifest_path, manifest, files })
}

/// A listed snapshot's bytes, or why they could not be read.
fn read_listed(path: &str) -> Result<Vec<u8>, String> {
    if path.contains("://") {
        return Err("the command line reads local files only, not URLs".to_owned());
    }
    fs::read(path).map_err(|err| err.to_string())
}

/// The path as the user wrote it, with `/` separators: the core resolves manifest entries lexically.
fn display(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

//! Reading what the user points at: a data directory (its `index.json` and the snapshots it lists)
//! or single snapshot files. Only I/O happens here; parsing, validation and merging are the core's.
//! Every file is read by [`read_file`]: regular files only, at most `--max-file-size` bytes.

use std::path::Path;

use anyhow::{bail, Context};
use uptrend_core::load::{self, Loaded, LoadedFile};

use crate::byte_limit::ByteLimit;
use crate::input_file::{self, read_stdin, ReadError};

/// The manifest's file name inside a data directory.
pub const MANIFEST_FILE: &str = "index.json";
/// The path that means standard input (`uptrend validate -`).
pub const STDIN_PATH: &str = "-";
/// How standard input is named in problems.
const STDIN_NAME: &str = "<stdin>";

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

/// Reads `path`: a directory holding `index.json`, a snapshot file, or `-` for a snapshot on
/// standard input. A path that does not exist, a directory without a manifest, or a file that
/// cannot be read (not a regular file, larger than `limit`) is an error (a usage error for the
/// CLI); a listed snapshot that cannot be read is left to the loader, which reports it as a problem.
pub fn read(path: &Path, limit: ByteLimit) -> anyhow::Result<Input> {
    if path == Path::new(STDIN_PATH) {
        let bytes = read_stdin(limit).with_context(|| format!("cannot read {STDIN_NAME}"))?;
        return Ok(Input::Snapshot { path: STDIN_NAME.to_owned(), bytes });
    }
    if path.is_dir() {
        return read_directory(path, limit);
    }
    let bytes = input_file::read_file(path, limit).with_context(|| format!("cannot read {}", display(path)))?;
    Ok(Input::Snapshot { path: display(path), bytes })
}

/// Reads a data directory: `index.json`, then every snapshot file it lists.
pub fn read_directory(dir: &Path, limit: ByteLimit) -> anyhow::Result<Input> {
    let manifest_file = dir.join(MANIFEST_FILE);
    if !dir.is_dir() || !manifest_file.exists() {
        bail!("{} is not a data directory: it has no {MANIFEST_FILE}", display(dir));
    }
    let manifest_path = display(&manifest_file);
    let manifest =
        input_file::read_file(&manifest_file, limit).with_context(|| format!("cannot read {manifest_path}"))?;
    // An unusable manifest lists nothing; the loader reports its problems.
    let paths = load::snapshot_paths(&manifest_path, &manifest).unwrap_or_default();
    let files = paths.into_iter().map(|path| LoadedFile { content: read_listed(&path, limit), path }).collect();
    Ok(Input::Directory { manifest_path, manifest, files })
}

/// A listed snapshot's bytes, or why they could not be read.
fn read_listed(path: &str, limit: ByteLimit) -> Result<Vec<u8>, String> {
    if path.contains("://") {
        return Err("the command line reads local files only, not URLs".to_owned());
    }
    input_file::read_file(Path::new(path), limit).map_err(|err| err.to_string())
}

/// The path as the user wrote it, with `/` separators: the core resolves manifest entries lexically.
fn display(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// One file an importer reads: its path as the user wrote it and its bytes.
#[derive(Debug, Clone)]
pub struct InputFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Reads one importer input through the one bounded reader (regular files only, at most `limit`,
/// the import's `--max-file-size`); a file that cannot be read is an error (a usage error for the CLI).
pub fn read_file(path: &Path, limit: ByteLimit) -> anyhow::Result<InputFile> {
    let bytes = input_file::read_file(path, limit).with_context(|| format!("cannot read {}", display(path)))?;
    Ok(InputFile { name: display(path), bytes })
}

/// Reads `path` like [`read_file`] when it exists: `None` when there is no such file.
pub fn read_optional_file(path: &Path, limit: ByteLimit) -> anyhow::Result<Option<InputFile>> {
    match input_file::read_file(path, limit) {
        Ok(bytes) => Ok(Some(InputFile { name: display(path), bytes })),
        Err(ReadError::Io(err)) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(err) => Err(err).with_context(|| format!("cannot read {}", display(path))),
    }
}

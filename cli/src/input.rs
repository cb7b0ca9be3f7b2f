//! Reading what the user points at: a data directory (its `index.json` and the snapshots it lists)
//! or single snapshot files. Only I/O happens here; parsing, validation and merging are the core's.
//! Every file is read by [`read_file`]: regular files only, at most `--max-file-size` bytes.

use std::path::Path;

use anyhow::{anyhow, bail, Context};
use uptrend_core::load::{self, Loaded, LoadedFile, SnapshotSource};

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

/// Loads `path` as [`read`] reads it (the same errors), the snapshot files read in chunks as the
/// core's loader gets to each (`load_from`): a valid file is never whole in memory.
pub fn load(path: &Path, limit: ByteLimit) -> anyhow::Result<Loaded> {
    if path == Path::new(STDIN_PATH) {
        // Standard input cannot be read a second time, so it is read whole.
        return Ok(read(path, limit)?.load());
    }
    if path.is_dir() {
        return load_directory(path, limit);
    }
    let name = display(path);
    let mut source = OneFileSource { path, limit };
    load::load_snapshot_from(&name, &mut source)
        .map_err(|reason| anyhow!(reason).context(format!("cannot read {name}")))
}

/// Loads a data directory as [`read_directory`] reads it, the snapshots read as [`load`] reads them.
pub fn load_directory(dir: &Path, limit: ByteLimit) -> anyhow::Result<Loaded> {
    let (manifest_path, manifest) = read_manifest(dir, limit)?;
    Ok(load_listed(&manifest_path, &manifest, limit))
}

/// Loads the snapshots a manifest already read lists, as [`load_directory`] does.
pub fn load_listed(manifest_path: &str, manifest: &[u8], limit: ByteLimit) -> Loaded {
    load::load_from(manifest_path, manifest, &mut FileSource { limit })
}

/// The snapshot files a manifest lists, read through [`read_listed`]'s checks.
struct FileSource {
    limit: ByteLimit,
}

impl SnapshotSource for FileSource {
    type Chunks = Chunks;

    fn chunks(&mut self, path: &str) -> Result<Chunks, String> {
        refuse_url(path)?;
        let chunks = input_file::read_chunks(Path::new(path), self.limit).map_err(|err| err.to_string())?;
        Ok(Chunks(chunks))
    }

    fn whole(&mut self, path: &str) -> Result<Vec<u8>, String> {
        read_listed(path, self.limit)
    }
}

/// The one snapshot file `validate FILE` names (whatever name the core gives it).
struct OneFileSource<'a> {
    path: &'a Path,
    limit: ByteLimit,
}

impl SnapshotSource for OneFileSource<'_> {
    type Chunks = Chunks;

    fn chunks(&mut self, _: &str) -> Result<Chunks, String> {
        input_file::read_chunks(self.path, self.limit).map(Chunks).map_err(|err| err.to_string())
    }

    fn whole(&mut self, _: &str) -> Result<Vec<u8>, String> {
        input_file::read_file(self.path, self.limit).map_err(|err| err.to_string())
    }
}

/// A file's chunks with their errors in words, as the core's loader takes them.
struct Chunks(input_file::FileChunks);

impl Iterator for Chunks {
    type Item = Result<Vec<u8>, String>;

    fn next(&mut self) -> Option<Self::Item> {
        self.0.next().map(|chunk| chunk.map_err(|err| err.to_string()))
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
    let (manifest_path, manifest) = read_manifest(dir, limit)?;
    // An unusable manifest lists nothing; the loader reports its problems.
    let paths = load::snapshot_paths(&manifest_path, &manifest).unwrap_or_default();
    let files = paths.into_iter().map(|path| LoadedFile { content: read_listed(&path, limit), path }).collect();
    Ok(Input::Directory { manifest_path, manifest, files })
}

/// A data directory's manifest: its path as problems name it, and its bytes.
pub fn read_manifest(dir: &Path, limit: ByteLimit) -> anyhow::Result<(String, Vec<u8>)> {
    let manifest_file = dir.join(MANIFEST_FILE);
    if !dir.is_dir() || !manifest_file.exists() {
        bail!("{} is not a data directory: it has no {MANIFEST_FILE}", display(dir));
    }
    let manifest_path = display(&manifest_file);
    let manifest =
        input_file::read_file(&manifest_file, limit).with_context(|| format!("cannot read {manifest_path}"))?;
    Ok((manifest_path, manifest))
}

/// A listed snapshot's bytes, or why they could not be read.
fn read_listed(path: &str, limit: ByteLimit) -> Result<Vec<u8>, String> {
    refuse_url(path)?;
    input_file::read_file(Path::new(path), limit).map_err(|err| err.to_string())
}

fn refuse_url(path: &str) -> Result<(), String> {
    if path.contains("://") {
        return Err("the command line reads local files only, not URLs".to_owned());
    }
    Ok(())
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

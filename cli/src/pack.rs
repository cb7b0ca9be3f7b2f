//! `uptrend pack`: the packed form of a data directory (`uptrend_core::pack`), for the site to read
//! instead of the JSON snapshots; and the check `uptrend validate` makes that a pack is current.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context};
use serde_json::Value;
use uptrend_core::load::{load, resolve_snapshot_path, snapshot_paths, LoadedFile};
use uptrend_core::pack::{self, PackError, SourceStamp};
use uptrend_core::parse::parse_manifest;
use uptrend_core::problem::Problem;

use crate::args::PackArgs;
use crate::bundle::{site_files, SITE_MANIFEST_PATH};
use crate::byte_limit::ByteLimit;
use crate::input::{self, Input};
use crate::{input_file, visible};

/// The manifest's key naming the pack.
const PACKED_KEY: &str = "packed";

/// The pack's file name unless `--name` says otherwise (also what `uptrend demo` writes).
pub const DEFAULT_NAME: &str = "uptrend.pack";

/// Writes the pack and names it in the manifest; `Ok(false)` (nothing written) when the data has
/// errors. Problems and the summary of what was written go to `problems`.
pub fn run(args: &PackArgs, problems: &mut impl Write) -> anyhow::Result<bool> {
    write_pack(&args.dir, &args.name, args.read.max_file_size, problems)
}

/// Writes `dir/name`, the pack of the data directory `dir`, and names it in `dir/index.json`.
pub fn write_pack(dir: &Path, name: &str, limit: ByteLimit, problems: &mut impl Write) -> anyhow::Result<bool> {
    let Input::Directory { manifest_path, manifest, files } = input::read_directory(dir, limit)? else {
        return Err(anyhow!("{} is not a data directory", dir.display()));
    };
    let Ok(parsed) = parse_manifest(&manifest_path, &manifest) else {
        // The load below reports the manifest's problems.
        return report_errors(&load(&manifest_path, &manifest, files).problems, problems);
    };
    let json_bytes: usize = files.iter().map(|file| file.content.as_ref().map_or(0, Vec::len)).sum();
    let file_count = files.len();
    // Loaded under the site's paths, so the pack's problems name the files as the site's own load would.
    let site = site_files(&manifest, files)?;
    let stamps: Vec<SourceStamp> = site.iter().map(|file| stamp(&file.path, &file.bytes)).collect();
    let site = site.into_iter().map(|file| LoadedFile { path: file.path, content: Ok(file.bytes) }).collect();
    let loaded = load(SITE_MANIFEST_PATH, &manifest, site);
    if loaded.has_errors() {
        return report_errors(&loaded.problems, problems);
    }
    for problem in &loaded.problems {
        visible::write_line(problems, problem)?;
    }
    let bytes = pack::encode(&loaded, &parsed.snapshots, &stamps);
    let pack_path = dir.join(name);
    write_replacing(&pack_path, &bytes)?;
    name_in_manifest(&dir.join(input::MANIFEST_FILE), &manifest, name)?;
    visible::write_line(
        problems,
        format_args!(
            "wrote {}: {:.1} MB from {file_count} snapshot files ({:.1} MB of JSON)",
            pack_path.display(),
            bytes.len() as f64 / 1e6,
            json_bytes as f64 / 1e6,
        ),
    )?;
    Ok(true)
}

fn report_errors(found: &[Problem], problems: &mut impl Write) -> anyhow::Result<bool> {
    for problem in found {
        visible::write_line(problems, problem)?;
    }
    writeln!(problems, "error: the data has errors (above): no file was written")?;
    Ok(false)
}

/// What the pack records of one snapshot file: its site path, size and XXH3-64 hash.
fn stamp(path: &str, bytes: &[u8]) -> SourceStamp {
    SourceStamp {
        path: path.to_owned(),
        bytes: bytes.len() as u64,
        hash: stamp_hash(xxhash_rust::xxh3::xxh3_64(bytes)),
    }
}

/// Whether the file at `path` still has the size and hash `source` stamped; a file that cannot be
/// read has changed.
fn unchanged(path: &str, source: &SourceStamp, limit: ByteLimit) -> bool {
    let Ok(chunks) = input_file::read_chunks(Path::new(path), limit) else { return false };
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    let mut bytes = 0u64;
    for chunk in chunks {
        let Ok(chunk) = chunk else { return false };
        bytes += chunk.len() as u64;
        hasher.update(&chunk);
    }
    bytes == source.bytes && stamp_hash(hasher.digest()) == source.hash
}

fn stamp_hash(digest: u64) -> String {
    format!("xxh3:{digest:016x}")
}

/// Writes `bytes` to a temporary file beside `path`, then renames it: a reader never sees half a file.
fn write_replacing(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let mut temporary = PathBuf::from(path);
    temporary.as_mut_os_string().push(".partial");
    std::fs::write(&temporary, bytes).with_context(|| format!("cannot write {}", temporary.display()))?;
    std::fs::rename(&temporary, path).with_context(|| format!("cannot write {}", path.display()))
}

/// Sets the manifest's `packed` to `name`, keeping its other fields; untouched when it already says so.
fn name_in_manifest(manifest_file: &Path, manifest: &[u8], name: &str) -> anyhow::Result<()> {
    let mut document: Value = serde_json::from_slice(manifest.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(manifest))
        .with_context(|| format!("cannot read {}", manifest_file.display()))?;
    let Some(fields) = document.as_object_mut() else {
        return Err(anyhow!("{} is not a JSON object", manifest_file.display()));
    };
    if fields.get(PACKED_KEY).and_then(Value::as_str) == Some(name) {
        return Ok(());
    }
    fields.insert(PACKED_KEY.to_owned(), Value::String(name.to_owned()));
    let mut text = serde_json::to_vec_pretty(&document)?;
    text.push(b'\n');
    write_replacing(manifest_file, &text)
}

/// The problems of the pack a directory's manifest names, the listed snapshot files hashed as they
/// are read in chunks: an error when the snapshots changed since it was written (the site would show
/// the old data), a warning when the site cannot use it (it then reads the snapshots, slower, and
/// says why).
pub fn check_named_pack(manifest_path: &str, manifest: &[u8], limit: ByteLimit) -> Vec<Problem> {
    let Ok(parsed) = parse_manifest(manifest_path, manifest) else { return Vec::new() };
    let Some(name) = parsed.packed.as_deref() else { return Vec::new() };
    let pack_path = resolve_snapshot_path(manifest_path, name);
    let warning = |reason: String| {
        let message = format!("the packed form {name:?} cannot be used, so the site reads the snapshots: {reason}");
        vec![Problem::warning(manifest_path, PACKED_KEY, message)]
    };
    let bytes = match input_file::read_file(Path::new(&pack_path), limit) {
        Ok(bytes) => bytes,
        Err(error) => return warning(format!("it cannot be read: {error}")),
    };
    let packed = match pack::decode(&bytes) {
        Ok(packed) => packed,
        Err(error) => return warning(error.to_string()),
    };
    if !packed.written_for(&parsed) {
        return warning(PackError::OtherManifest.to_string());
    }
    drop(bytes);
    let paths = snapshot_paths(manifest_path, manifest).unwrap_or_default();
    let changed: Vec<&str> = paths
        .iter()
        .zip(&packed.sources)
        .filter(|(path, source)| !unchanged(path, source, limit))
        .map(|(path, _)| path.as_str())
        .collect();
    if changed.is_empty() && paths.len() == packed.sources.len() {
        return Vec::new();
    }
    let message = format!(
        "the packed form {name:?} is out of date: {} changed since it was written, and the site would show the old data; run `uptrend pack` on this directory again",
        if changed.is_empty() { "the snapshot list".to_owned() } else { changed.join(", ") },
    );
    vec![Problem::error(manifest_path, PACKED_KEY, message)]
}

//! Writing the generated files: compact JSON through a buffer, one trailing newline.

use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::Context;
use serde::Serialize;

/// Writes `value` as compact JSON to `path`, creating its parent directories.
pub fn write_json(path: &Path, value: &impl Serialize) -> anyhow::Result<()> {
    let mut out = create(path)?;
    serde_json::to_writer(&mut out, value).with_context(|| format!("cannot write {}", path.display()))?;
    finish(out, path)
}

/// Writes `value` as indented JSON: for small files people read (the manifest).
pub fn write_pretty_json(path: &Path, value: &impl Serialize) -> anyhow::Result<()> {
    let mut out = create(path)?;
    serde_json::to_writer_pretty(&mut out, value).with_context(|| format!("cannot write {}", path.display()))?;
    finish(out, path)
}

/// A buffered file at `path`, its parent directories created.
pub fn create(path: &Path) -> anyhow::Result<BufWriter<File>> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).with_context(|| format!("cannot create directory {}", parent.display()))?;
    }
    let file = File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
    Ok(BufWriter::new(file))
}

/// Ends the file with a newline and flushes it.
pub fn finish(mut out: BufWriter<File>, path: &Path) -> anyhow::Result<()> {
    out.write_all(b"\n").and_then(|()| out.flush()).with_context(|| format!("cannot write {}", path.display()))
}

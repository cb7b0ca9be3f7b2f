//! What the site-page tests share: the demo data computed natively, to compare the page against,
//! and copies of the built site to serve modified data from.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Result;
use uptrend_core::load::{load, snapshot_paths, Loaded, LoadedFile};
use uptrend_core::model::Dataset;
use uptrend_core::pack;
use uptrend_core::parse::parse_manifest;
use uptrend_e2e::paths;

/// The demo data loaded natively by the core, the way the site loads it in the browser.
pub fn demo_dataset() -> Result<Dataset> {
    dataset_of(&paths::dist_dir()?.join("data"))
}

/// The demo data as the site holds it, for the report model (whose delivery side keeps the load).
pub fn demo_loaded() -> Result<Arc<Loaded>> {
    shared_loaded_of(&paths::dist_dir()?.join("data"))
}

/// [`dataset_of`], kept whole and shared.
pub fn shared_loaded_of(data_dir: &Path) -> Result<Arc<Loaded>> {
    Ok(Arc::new(loaded_of(data_dir)?))
}

/// The data of a data directory (its `index.json` and snapshots), loaded by the core as the site does.
pub fn dataset_of(data_dir: &Path) -> Result<Dataset> {
    Ok(loaded_of(data_dir)?.dataset)
}

/// Writes the pack the data directory's manifest names anew, from its snapshots as they are now, as a
/// publishing pipeline runs `uptrend pack` after writing them (no source stamps: the site reads none).
pub fn repack(data_dir: &Path) -> Result<()> {
    let manifest_bytes = std::fs::read(data_dir.join("index.json"))?;
    let manifest = parse_manifest("index.json", &manifest_bytes).map_err(|problems| anyhow::anyhow!("{problems:?}"))?;
    let name = manifest.packed.as_deref().ok_or_else(|| anyhow::anyhow!("the manifest names no pack"))?;
    std::fs::write(data_dir.join(name), pack::encode(&loaded_of(data_dir)?, &manifest.snapshots, &[]))?;
    Ok(())
}

fn loaded_of(data_dir: &Path) -> Result<Loaded> {
    let manifest = std::fs::read(data_dir.join("index.json"))?;
    let files = snapshot_paths("data/index.json", &manifest)
        .map_err(|problems| anyhow::anyhow!("{problems:?}"))?
        .into_iter()
        .map(|path| {
            let content = std::fs::read(data_dir.join(path.trim_start_matches("data/"))).map_err(|e| e.to_string());
            LoadedFile { path, content }
        })
        .collect();
    Ok(load("data/index.json", &manifest, files))
}

/// Copies the directory tree `from` into `to` (a built site, to serve other data from).
pub fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target: PathBuf = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

//! Where the harness finds the built site and puts its output.

use std::path::PathBuf;

use anyhow::{bail, Result};

/// The repository root (the parent of this crate's directory).
pub fn workspace_root() -> PathBuf {
    let crate_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    crate_dir.parent().map(PathBuf::from).unwrap_or(crate_dir)
}

/// The release build of the site, `dist/`; an error telling how to build it when it is missing.
pub fn dist_dir() -> Result<PathBuf> {
    let dist = workspace_root().join("dist");
    if !dist.join("index.html").is_file() {
        bail!(
            "{} is missing: build the site first with `scripts/test.sh` (or `trunk build --release`)",
            dist.join("index.html").display()
        );
    }
    Ok(dist)
}

/// Where screenshots go: `target/screenshots/`.
pub fn screenshots_dir() -> PathBuf {
    workspace_root().join("target").join("screenshots")
}

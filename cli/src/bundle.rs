//! `uptrend bundle`: the single-file report of a data directory (see the `uptrend-bundle` crate).

use std::io::Write;

use anyhow::{anyhow, Context};
use uptrend_bundle::{single_file, BuiltApp, BundleData, DataFile};
use uptrend_core::load::{load, snapshot_paths, LoadedFile};

use crate::args::BundleArgs;
use crate::input::{self, Input};
use crate::visible;

/// The paths the embedded files get: the hosted site's, so the app loads them as it loads `dist/data/`.
pub(crate) const SITE_MANIFEST_PATH: &str = "data/index.json";

/// Writes the file; `Ok(false)` (nothing written) when a snapshot has errors. Problems go to `problems`,
/// and so does the summary of what was written.
pub fn run(args: &BundleArgs, problems: &mut impl Write) -> anyhow::Result<bool> {
    let Input::Directory { manifest_path, manifest, files } =
        input::read_directory(&args.dir, args.read.max_file_size)?
    else {
        return Err(anyhow!("{} is not a data directory", args.dir.display()));
    };
    let loaded = load(&manifest_path, &manifest, files.clone());
    for problem in &loaded.problems {
        visible::write_line(problems, problem)?;
    }
    if loaded.has_errors() {
        writeln!(problems, "error: the data has errors (above): no file was written")?;
        return Ok(false);
    }
    if loaded.dataset.latest_generated_at.is_none() {
        return Err(anyhow!("{} holds no snapshot: there is nothing to report", args.dir.display()));
    }
    let app = BuiltApp::read(&args.dist)?;
    let data = BundleData {
        title: loaded.dataset.title.clone(),
        manifest: DataFile { path: SITE_MANIFEST_PATH.to_owned(), bytes: manifest.clone() },
        snapshots: site_files(&manifest, files)?,
    };
    let page = single_file(&app, &data);
    std::fs::write(&args.out, &page.html).with_context(|| format!("cannot write {}", args.out.display()))?;
    visible::write_line(
        problems,
        format_args!(
            "wrote {}: {} (app {}, data {} in {} snapshot files)",
            args.out.display(),
            kilobytes(page.html.len()),
            kilobytes(page.html.len() - page.data_bytes),
            kilobytes(page.data_bytes),
            data.snapshots.len(),
        ),
    )?;
    Ok(true)
}

/// The snapshot files under the paths the app resolves from `data/index.json` (the same manifest, so the
/// same order as the directory's listing).
pub(crate) fn site_files(manifest: &[u8], files: Vec<LoadedFile>) -> anyhow::Result<Vec<DataFile>> {
    let site_paths =
        snapshot_paths(SITE_MANIFEST_PATH, manifest).map_err(|_| anyhow!("the manifest cannot be read"))?;
    if site_paths.len() != files.len() {
        return Err(anyhow!("the manifest lists {} files but {} were read", site_paths.len(), files.len()));
    }
    site_paths
        .into_iter()
        .zip(files)
        .map(|(path, file)| {
            let bytes = file.content.map_err(|reason| anyhow!("cannot read {}: {reason}", file.path))?;
            Ok(DataFile { path, bytes })
        })
        .collect()
}

fn kilobytes(bytes: usize) -> String {
    format!("{:.0} KB", bytes as f64 / 1000.0)
}

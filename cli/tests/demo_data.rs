//! The committed `data/` is exactly what `uptrend demo` writes with the default seed, and the
//! generator is deterministic.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn committed_data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../data")
}

/// Every file under `root`, by path relative to it.
fn files(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut found = BTreeMap::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let relative = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
                found.insert(relative, fs::read(&path).unwrap());
            }
        }
    }
    found
}

fn demo(args: &[&str]) -> BTreeMap<String, Vec<u8>> {
    let out = tempfile::tempdir().unwrap();
    Command::cargo_bin("uptrend").unwrap().arg("demo").arg("--out").arg(out.path()).args(args).assert().success();
    files(out.path())
}

#[test]
fn committed_data_equals_the_default_demo_byte_for_byte() {
    let committed = files(&committed_data());
    let generated = demo(&[]);
    assert_eq!(committed.keys().collect::<Vec<_>>(), generated.keys().collect::<Vec<_>>());
    for (path, bytes) in &generated {
        assert!(
            committed[path] == *bytes,
            "data/{path} differs from `uptrend demo`: regenerate it with `cargo run -p uptrend -- demo --out data`"
        );
    }
}

#[test]
fn the_same_seed_gives_the_same_bytes_and_another_seed_other_bytes() {
    let first = demo(&["--seed", "5"]);
    assert_eq!(first, demo(&["--seed", "5"]));
    let other = demo(&["--seed", "6"]);
    assert_eq!(first["index.json"], other["index.json"]);
    assert_ne!(first["snapshots/2026-11-21.json"], other["snapshots/2026-11-21.json"]);
}

#[test]
fn committed_data_stays_small_enough_for_a_quick_first_load() {
    let files = files(&committed_data());
    let snapshot_bytes: usize =
        files.iter().filter(|(path, _)| path.starts_with("snapshots/")).map(|(_, bytes)| bytes.len()).sum();
    // 3.6 MB since the demo carries review instants on every change and a platform section.
    assert!(snapshot_bytes < 4_000_000, "data/snapshots holds {snapshot_bytes} bytes");
    // What the site fetches: the manifest and the pack it names.
    let manifest: serde_json::Value = serde_json::from_slice(&files["index.json"]).unwrap();
    let pack = manifest["packed"].as_str().unwrap();
    let site_bytes = files["index.json"].len() + files[pack].len();
    assert!(site_bytes < 2_000_000, "the site fetches {site_bytes} bytes");
}

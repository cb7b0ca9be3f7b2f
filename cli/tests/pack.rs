//! `uptrend pack`: writes the pack the manifest then names, holding exactly the site's load of the
//! snapshots; `uptrend validate` fails once a snapshot changed since and warns of a pack the site
//! cannot use; data with errors gets no pack.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;
use uptrend_core::load::{load, snapshot_paths, LoadedFile};
use uptrend_core::pack;
use uptrend_core::parse::parse_manifest;

fn demo_copy() -> (tempfile::TempDir, PathBuf) {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    fs::create_dir_all(data.join("snapshots")).unwrap();
    let demo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../data");
    fs::copy(demo.join("index.json"), data.join("index.json")).unwrap();
    for entry in fs::read_dir(demo.join("snapshots")).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), data.join("snapshots").join(entry.file_name())).unwrap();
    }
    (root, data)
}

fn uptrend(args: &[&str], dir: &Path) -> assert_cmd::assert::Assert {
    Command::cargo_bin("uptrend").unwrap().args(args).arg(dir).assert()
}

fn stderr(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&assert.get_output().stderr).into_owned()
}

fn stdout(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&assert.get_output().stdout).into_owned()
}

/// The site's own load of `data`: under `data/index.json`, as the site fetches it.
fn site_load(data: &Path) -> uptrend_core::load::Loaded {
    let manifest = fs::read(data.join("index.json")).unwrap();
    let files = snapshot_paths("data/index.json", &manifest)
        .unwrap()
        .into_iter()
        .map(|path| {
            let on_disk = data.join(path.strip_prefix("data/").unwrap());
            LoadedFile { content: Ok(fs::read(on_disk).unwrap()), path }
        })
        .collect();
    load("data/index.json", &manifest, files)
}

#[test]
fn the_pack_holds_the_sites_load_and_the_manifest_names_it() {
    let (_root, data) = demo_copy();
    let before: Value = serde_json::from_slice(&fs::read(data.join("index.json")).unwrap()).unwrap();
    let packed = uptrend(&["pack"], &data).success();
    assert!(stderr(&packed).contains("uptrend.pack: 1."), "{}", stderr(&packed));
    let manifest_bytes = fs::read(data.join("index.json")).unwrap();
    let manifest: Value = serde_json::from_slice(&manifest_bytes).unwrap();
    assert_eq!(manifest["packed"], "uptrend.pack");
    assert_eq!(manifest["title"], before["title"]);
    assert_eq!(manifest["snapshots"], before["snapshots"]);

    let bytes = fs::read(data.join("uptrend.pack")).unwrap();
    let opened = pack::open(&parse_manifest("index.json", &manifest_bytes).unwrap(), &bytes).unwrap();
    assert_eq!(opened, site_load(&data));

    // Packing again changes nothing.
    uptrend(&["pack"], &data).success();
    assert_eq!(fs::read(data.join("uptrend.pack")).unwrap(), bytes);
    assert_eq!(fs::read(data.join("index.json")).unwrap(), manifest_bytes);
    let valid = uptrend(&["validate"], &data).success();
    assert!(stdout(&valid).contains("0 errors, 0 warnings"), "{}", stdout(&valid));
}

#[test]
fn validate_fails_once_a_snapshot_changed_since_the_pack() {
    let (_root, data) = demo_copy();
    uptrend(&["pack"], &data).success();
    let snapshot = data.join("snapshots/2026-11-21.json");
    let mut bytes = fs::read(&snapshot).unwrap();
    bytes.push(b'\n');
    fs::write(&snapshot, bytes).unwrap();
    let stale = uptrend(&["validate"], &data).code(1);
    let out = stdout(&stale);
    assert!(out.contains("is out of date") && out.contains("2026-11-21.json") && out.contains("uptrend pack"), "{out}");
    uptrend(&["pack"], &data).success();
    uptrend(&["validate"], &data).success();
}

#[test]
fn a_pack_the_site_cannot_use_is_a_warning() {
    let (_root, data) = demo_copy();
    uptrend(&["pack"], &data).success();
    fs::write(data.join("uptrend.pack"), b"UPTRPACK\x05other").unwrap();
    let warned = uptrend(&["validate"], &data).success();
    let out = stdout(&warned);
    assert!(out.contains("warning:") && out.contains("cannot be used, so the site reads the snapshots"), "{out}");

    fs::remove_file(data.join("uptrend.pack")).unwrap();
    let missing = uptrend(&["validate"], &data).success();
    assert!(stdout(&missing).contains("it cannot be read"), "{}", stdout(&missing));
}

#[test]
fn data_with_errors_gets_no_pack() {
    let (_root, data) = demo_copy();
    fs::write(data.join("snapshots/2026-11-21.json"), b"{\"version\": 1").unwrap();
    let manifest = fs::read(data.join("index.json")).unwrap();
    let refused = uptrend(&["pack", "--name", "other.pack"], &data).code(1);
    assert!(stderr(&refused).contains("no file was written"), "{}", stderr(&refused));
    assert!(!data.join("other.pack").exists());
    assert_eq!(fs::read(data.join("index.json")).unwrap(), manifest);
}

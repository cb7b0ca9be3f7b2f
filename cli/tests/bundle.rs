//! `uptrend bundle`: a missing or foreign build and invalid data are refused with what to do and nothing
//! written; valid data gives one page that carries the app and every file of the data byte for byte.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde_json::Value;

const GLUE: &str = "let wasm;\nfunction initSync(module) { return module; }\nexport { initSync };\n";

/// A stand-in for `trunk build --release`: the index.html shape Trunk.toml gives, tiny assets.
fn fake_dist(root: &Path) -> PathBuf {
    let dist = root.join("dist");
    fs::create_dir_all(&dist).unwrap();
    fs::write(
        dist.join("index.html"),
        r#"<!doctype html><html><head><link rel="stylesheet" href="./style-abc123.css" integrity="sha384-x">
        <link rel="icon" href="./favicon-abc123.svg"><script src="file-notice.js" defer></script>
        <script type="module" src="./boot.js" data-uptrend-js="./uptrend-app-abc123.js" data-uptrend-wasm="./uptrend-app-abc123_bg.wasm"></script>
        </head><body></body></html>"#,
    )
    .unwrap();
    fs::write(dist.join("style-abc123.css"), "body { margin: 0 }").unwrap();
    fs::write(dist.join("favicon-abc123.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>").unwrap();
    fs::write(dist.join("uptrend-app-abc123.js"), GLUE).unwrap();
    fs::write(dist.join("uptrend-app-abc123_bg.wasm"), [0, 97, 115, 109, 1, 0, 0, 0].repeat(100)).unwrap();
    dist
}

fn demo_data() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../data")
}

fn bundle(data: &Path, dist: &Path, out: &Path) -> assert_cmd::assert::Assert {
    Command::cargo_bin("uptrend")
        .unwrap()
        .arg("bundle")
        .arg(data)
        .arg("--dist")
        .arg(dist)
        .arg("--out")
        .arg(out)
        .assert()
}

fn stderr(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&assert.get_output().stderr).into_owned()
}

/// The text between `start` and the next `end`.
fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text.find(start).unwrap_or_else(|| panic!("no {start:?}")) + start.len();
    &text[from..from + text[from..].find(end).unwrap()]
}

fn decoded(file: &Value) -> Vec<u8> {
    let bytes = STANDARD.decode(file["base64"].as_str().unwrap()).unwrap();
    match file["encoding"].as_str().unwrap() {
        "identity" => bytes,
        "gzip" => {
            let mut out = Vec::new();
            flate2::read::GzDecoder::new(bytes.as_slice()).read_to_end(&mut out).unwrap();
            out
        }
        other => panic!("unknown encoding {other}"),
    }
}

#[test]
fn the_page_carries_the_app_and_every_data_file_unchanged() {
    let root = tempfile::tempdir().unwrap();
    let dist = fake_dist(root.path());
    let out = root.path().join("report.html");
    let assert = bundle(&demo_data(), &dist, &out).success();
    let summary = stderr(&assert);
    assert!(
        summary.contains("report.html") && summary.contains(" KB") && summary.contains("snapshot files"),
        "{summary}"
    );
    let html = fs::read_to_string(&out).unwrap();
    assert!(html.contains("<style>\nbody { margin: 0 }\n"), "the stylesheet is inlined");
    assert!(html.contains("<link rel=\"icon\" href=\"data:image/svg+xml;base64,"), "the icon is inlined");
    assert!(!html.contains("src=") && !html.contains("file-notice"), "nothing is loaded from beside the page");
    assert!(html.contains(&format!("<script type=\"module\">{GLUE}")), "the app's module starts the one inline script");

    let container: Value = serde_json::from_str(between(&html, "id=\"uptrend-bundle\">", "</script>")).unwrap();
    assert_eq!(decoded(&container["app"]), [0, 97, 115, 109, 1, 0, 0, 0].repeat(100));
    assert_eq!(container["app"]["encoding"], "gzip");
    assert_eq!(container["manifest_path"], "data/index.json");
    let manifest: Value = serde_json::from_slice(&fs::read(demo_data().join("index.json")).unwrap()).unwrap();
    let files = container["files"].as_array().unwrap();
    assert_eq!(files.len(), 1 + manifest["snapshots"].as_array().unwrap().len());
    assert_eq!(files[0]["path"], "data/index.json");
    assert_eq!(decoded(&files[0]), fs::read(demo_data().join("index.json")).unwrap());
    for (file, entry) in files[1..].iter().zip(manifest["snapshots"].as_array().unwrap()) {
        let entry = entry.as_str().unwrap();
        assert_eq!(file["path"], format!("data/{entry}"));
        assert_eq!(file["encoding"], "gzip", "a snapshot is worth gzipping");
        assert_eq!(decoded(file), fs::read(demo_data().join(entry)).unwrap(), "{entry}");
    }
}

#[test]
fn the_page_is_the_same_for_the_same_inputs() {
    let root = tempfile::tempdir().unwrap();
    let dist = fake_dist(root.path());
    let (first, second) = (root.path().join("a.html"), root.path().join("b.html"));
    bundle(&demo_data(), &dist, &first).success();
    bundle(&demo_data(), &dist, &second).success();
    assert!(fs::read(first).unwrap() == fs::read(second).unwrap());
}

#[test]
fn a_missing_build_is_a_usage_error_that_says_how_to_build_it() {
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("report.html");
    let assert = bundle(&demo_data(), &root.path().join("no-dist"), &out).code(2);
    let message = stderr(&assert);
    assert!(message.contains("no-dist/index.html not found") && message.contains("trunk build --release"), "{message}");
    assert!(!out.exists());
}

#[test]
fn a_build_that_is_not_uptrends_is_refused() {
    let root = tempfile::tempdir().unwrap();
    let dist = root.path().join("dist");
    fs::create_dir_all(&dist).unwrap();
    fs::write(dist.join("index.html"), "<script type=module src=main.js></script>").unwrap();
    let assert = bundle(&demo_data(), &dist, &root.path().join("report.html")).code(2);
    assert!(stderr(&assert).contains("data-uptrend-js"), "{}", stderr(&assert));
}

#[test]
fn invalid_data_is_refused_with_its_problems_and_nothing_is_written() {
    let root = tempfile::tempdir().unwrap();
    let dist = fake_dist(root.path());
    let data = root.path().join("data");
    fs::create_dir_all(&data).unwrap();
    fs::write(data.join("index.json"), r#"{"title": "Broken", "snapshots": ["a.json"]}"#).unwrap();
    fs::write(data.join("a.json"), r#"{"version": 1, "generated_at": "#).unwrap();
    let out = root.path().join("report.html");
    let assert = bundle(&data, &dist, &out).code(1);
    let message = stderr(&assert);
    assert!(message.contains("a.json") && message.contains("no file was written"), "{message}");
    assert!(!out.exists());
}

#[test]
fn a_directory_without_a_manifest_is_a_usage_error() {
    let root = tempfile::tempdir().unwrap();
    let dist = fake_dist(root.path());
    let assert = bundle(root.path(), &dist, &root.path().join("report.html")).code(2);
    assert!(stderr(&assert).contains("has no index.json"), "{}", stderr(&assert));
}

#[test]
fn markup_in_the_data_cannot_leave_its_container() {
    let root = tempfile::tempdir().unwrap();
    let dist = fake_dist(root.path());
    let data = root.path().join("data");
    fs::create_dir_all(data.join("snapshots")).unwrap();
    let title = "</script><script>alert(1)</script><!--";
    fs::write(
        data.join("index.json"),
        serde_json::json!({"title": title, "snapshots": ["snapshots/a.json"]}).to_string(),
    )
    .unwrap();
    let snapshot = serde_json::json!({
        "version": 1, "generated_at": "2026-11-21T00:00:00Z",
        "services": [{"id": "checkout", "name": "</script><img src=x onerror=alert(2)>", "team": "payments"}],
        "slos": [], "deployments": [], "incidents": []
    });
    fs::write(data.join("snapshots/a.json"), snapshot.to_string()).unwrap();
    let out = root.path().join("report.html");
    bundle(&data, &dist, &out).success();
    let html = fs::read_to_string(&out).unwrap();
    assert_eq!(html.matches("<script").count(), 2, "only the data container and the start-up script");
    assert!(!html.contains("alert(1)</script>") && !html.contains("<img"));
    assert!(html.contains("<title>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;!--</title>"));
}

//! `uptrend import github|gitlab|pagerduty|csv` end to end: files the platforms' APIs print in, a
//! validated snapshot listed in `index.json` out, the report computed from it; exit codes 0 (clean
//! input), 1 (invalid records, located), 2 (unreadable file).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::{json, Value};

fn fixture(path: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../import/tests/fixtures").join(path);
    path.to_string_lossy().into_owned()
}

fn uptrend(args: &[&str]) -> (i32, String, String) {
    let output = Command::cargo_bin("uptrend").unwrap().args(args).output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn path(dir: &Path, name: &str) -> String {
    dir.join(name).to_string_lossy().into_owned()
}

fn github(dir: &Path, out: &str) -> (i32, String, String) {
    uptrend(&[
        "import",
        "github",
        "--deployments",
        &fixture("github/deployments.json"),
        "--statuses",
        &fixture("github/statuses.json"),
        "--compare",
        &fixture("github/compares.json"),
        "--service",
        "checkout",
        "--production-environment",
        "production-eu",
        "--out",
        &path(dir, out),
        "--index",
        &path(dir, "index.json"),
    ])
}

#[test]
fn github_and_pagerduty_imports_give_the_hand_computed_dora_report() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = github(dir.path(), "snapshots/github.json");
    // Two records of the fixture are invalid (a deployment without `sha`, a status of an unknown
    // state): exit 1, each named with its file, line, JSON path and reason; the rest is written.
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("deployments.json:1:1: [1].sha: `sha` is missing"), "{err}");
    assert!(err.contains("statuses.json:116:2: [7].state: unknown state \"bogus\""), "{err}");
    assert!(out.contains("deployments: 10 read, 7 written, 3 skipped"), "{out}");
    assert!(out.contains("index.json as snapshots/github.json"), "{out}");

    let (code, out, err) = uptrend(&[
        "import",
        "pagerduty",
        "--incidents",
        &fixture("pagerduty/incidents.json"),
        "--log-entries",
        &fixture("pagerduty/log_entries.json"),
        "--service-map",
        &fixture("pagerduty/service-map.yaml"),
        "--known-deployments",
        &dir.path().to_string_lossy(),
        "--out",
        &path(dir.path(), "snapshots/pagerduty.json"),
        "--index",
        &path(dir.path(), "index.json"),
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(out.contains("incidents: 5 read, 3 written, 2 skipped"), "{out}");
    assert!(err.contains("incidents[1].service.id: service \"PSRCH02\" is not in"), "{err}");

    let (code, _, err) = uptrend(&["validate", &dir.path().to_string_lossy()]);
    assert_eq!(code, 0, "{err}");
    let (code, report, err) = uptrend(&[
        "report",
        &dir.path().to_string_lossy(),
        "--format",
        "json",
        "--as-of",
        "2026-11-07T00:00:00Z",
        "--dora-window",
        "7d",
    ]);
    assert_eq!(code, 0, "{err}");
    let report: Value = serde_json::from_str(&report).unwrap();
    let expected = [
        ("/dora/overall/deployments", json!(6)),
        ("/dora/overall/change_failures", json!(2)),
        ("/dora/overall/lead_time_seconds/median", json!(79500.0)),
        ("/dora/overall/recovery_time_seconds/median", json!(2040.0)),
        ("/dora/overall/incident_restore_seconds/median", json!(2640.0)),
    ];
    for (pointer, value) in expected {
        assert_eq!(report.pointer(pointer), Some(&value), "{pointer}");
    }
}

#[test]
fn importing_the_same_history_again_changes_no_number() {
    let dir = tempfile::tempdir().unwrap();
    github(dir.path(), "snapshots/week-1.json");
    let report =
        || uptrend(&["report", &dir.path().to_string_lossy(), "--format", "json", "--as-of", "2026-11-07T00:00:00Z"]).1;
    let once: Value = serde_json::from_str(&report()).unwrap();
    github(dir.path(), "snapshots/week-2.json");
    let twice: Value = serde_json::from_str(&report()).unwrap();
    assert_eq!(once.pointer("/dora/overall"), twice.pointer("/dora/overall"));
    let index: Value = serde_json::from_str(&fs::read_to_string(dir.path().join("index.json")).unwrap()).unwrap();
    assert_eq!(index["snapshots"], json!(["snapshots/week-1.json", "snapshots/week-2.json"]));
}

#[test]
fn clean_csv_input_exits_0_and_writes_a_valid_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let deployments = path(dir.path(), "deployments.csv");
    fs::write(
        &deployments,
        "id,service,environment,finished_at,status,changes\nr1,web,production-us,2026-11-02T10:00:00Z,succeeded,c1\n",
    )
    .unwrap();
    let changes = path(dir.path(), "changes.csv");
    fs::write(&changes, "id,committed_at,repository\nc1,2026-11-02T09:00:00Z,acme/web\n").unwrap();
    let out = path(dir.path(), "snapshot.json");
    let (code, stdout, err) = uptrend(&[
        "import",
        "csv",
        "--deployments",
        &deployments,
        "--changes",
        &changes,
        "--production-environment",
        "production-us",
        "--out",
        &out,
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(stdout.contains("deployments: 1 read, 1 written, 0 skipped"), "{stdout}");
    let snapshot: Value = serde_json::from_str(&fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(snapshot.pointer("/deployments/0/environment"), Some(&json!("production-us")));
    assert_eq!(snapshot.pointer("/deployments/0/production"), Some(&json!(true)));
    assert_eq!(snapshot.pointer("/deployments/0/changes/0/repository"), Some(&json!("acme/web")));
    assert_eq!(uptrend(&["validate", &out]).0, 0);
}

#[test]
fn malformed_json_exits_1_naming_line_and_column_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let bad = path(dir.path(), "deployments.json");
    fs::write(&bad, "[{\"id\": 1},\n {\"id\": }]").unwrap();
    let out = path(dir.path(), "snapshot.json");
    let (code, _, err) = uptrend(&["import", "github", "--deployments", &bad, "--out", &out]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("deployments.json:2:9: not JSON"), "{err}");
    assert!(!Path::new(&out).exists());
}

#[test]
fn an_unreadable_file_exits_2() {
    let (code, _, err) =
        uptrend(&["import", "pagerduty", "--incidents", "/nonexistent/incidents.json", "--out", "x.json"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("cannot read /nonexistent/incidents.json"), "{err}");
}

#[test]
fn known_deployments_that_cannot_be_used_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let known = path(dir.path(), "earlier.json");
    fs::write(&known, "{\"version\": 1, \"generated_at\": ").unwrap();
    let incidents = path(dir.path(), "incidents.csv");
    fs::write(&incidents, "incident_id,service,time_created,changes\ni-1,web,2026-11-02T10:00:00Z,c1\n").unwrap();
    let out = path(dir.path(), "snapshot.json");
    let (code, _, err) =
        uptrend(&["import", "csv", "--incidents", &incidents, "--known-deployments", &known, "--out", &out]);
    // The truncated snapshot is not silently ignored: its deployments are unknown, and it says so.
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains(&format!(
            "warning: {known}: the file is left out of the known deployments (`uptrend validate` says why): \
             incidents cannot name its deployments as causes"
        )),
        "{err}"
    );
}

#[test]
fn the_size_limit_the_error_names_can_be_set_on_import() {
    let dir = tempfile::tempdir().unwrap();
    let deployments = path(dir.path(), "deployments.csv");
    fs::write(&deployments, "id,service,finished_at\nr1,web,2026-11-02T10:00:00Z\n").unwrap();
    let out = path(dir.path(), "snapshot.json");
    let import = |limit: &str| {
        uptrend(&["import", "csv", "--deployments", &deployments, "--max-file-size", limit, "--out", &out])
    };
    let (code, _, err) = import("10");
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("it is larger than the limit of 10 bytes; raise the limit with --max-file-size"), "{err}");
    assert!(!Path::new(&out).exists());
    let (code, _, err) = import("1KiB");
    assert_eq!(code, 0, "{err}");
}

#[test]
fn when_nothing_dates_the_snapshot_the_warnings_saying_why_are_shown() {
    let dir = tempfile::tempdir().unwrap();
    let deployments = path(dir.path(), "deployments.csv");
    fs::write(&deployments, "id,service,finished_at,status\nr1,web,2026-11-02T10:00:00Z,FAILURE\n").unwrap();
    let out = path(dir.path(), "snapshot.json");
    let (code, stdout, err) = uptrend(&["import", "csv", "--deployments", &deployments, "--out", &out]);
    // Every record was skipped with a warning: nothing to date the snapshot by (exit 2), and the
    // warnings and counts say why.
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("deployment \"r1\" failed (FAILURE), so it did not reach production"), "{err}");
    assert!(err.contains("error: the input holds no instant to date the snapshot by: pass --generated-at"), "{err}");
    assert!(stdout.contains("deployments: 1 read, 0 written, 1 skipped"), "{stdout}");
    assert!(!Path::new(&out).exists());
}

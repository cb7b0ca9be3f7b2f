//! `uptrend validate` on hand-made snapshots: each kind of problem gives exit code 1 and its exact
//! JSON path; warnings alone give 0; unreadable paths and bad arguments give 2; no input panics.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use serde_json::{json, Value};

/// A small valid snapshot: one service, one SLO, a failed deployment and the incident it caused.
fn valid_snapshot() -> Value {
    json!({
        "version": 1,
        "generated_at": "2026-11-21T00:00:00Z",
        "services": [{"id": "checkout", "name": "Checkout API", "team": "payments"}],
        "slos": [{
            "id": "checkout-availability", "service": "checkout", "objective": 0.999, "window": "28d",
            "budgeting": "occurrences",
            "sli": {"start": "2026-11-20T00:00:00Z", "step": "1h", "good": [99, 100, null], "total": [100, 100, null]}
        }],
        "deployments": [{
            "id": "dep-1", "service": "checkout", "finished_at": "2026-11-20T10:00:00Z", "status": "failed",
            "changes": [{"id": "c1", "committed_at": "2026-11-20T09:00:00Z"}]
        }],
        "incidents": [{
            "id": "INC-1", "service": "checkout", "started_at": "2026-11-20T10:05:00Z",
            "resolved_at": "2026-11-20T11:00:00Z", "caused_by": ["dep-1"]
        }]
    })
}

/// `valid_snapshot()` with the value at JSON `pointer` set (or removed when `value` is `None`).
fn mutated(pointer: &str, value: Option<Value>) -> Value {
    let mut snapshot = valid_snapshot();
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    let parent = snapshot.pointer_mut(parent).unwrap_or_else(|| panic!("no {parent}"));
    match (parent, value) {
        (Value::Array(items), Some(value)) => items[key.parse::<usize>().unwrap()] = value,
        (Value::Object(fields), Some(value)) => {
            fields.insert(key.to_owned(), value);
        }
        (Value::Object(fields), None) => {
            fields.remove(key).unwrap();
        }
        (other, _) => panic!("cannot change {key} in {other}"),
    }
    snapshot
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn uptrend(args: &[&str], dir: &Path) -> Run {
    let output = Command::cargo_bin("uptrend").unwrap().current_dir(dir).args(args).output().unwrap();
    let run = Run {
        code: output.status.code().unwrap(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    };
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run
}

/// Writes `bytes` as `snapshot.json` and validates it with `--format json`.
fn validate_bytes(bytes: &[u8]) -> (Run, Value) {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("snapshot.json"), bytes).unwrap();
    let run = uptrend(&["validate", "snapshot.json", "--format", "json"], dir.path());
    let report: Value = serde_json::from_str(&run.stdout).unwrap_or_else(|err| panic!("{err}: {}", run.stdout));
    (run, report)
}

fn problem_paths(report: &Value, severity: &str) -> Vec<String> {
    report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|problem| problem["severity"] == severity)
        .map(|problem| problem["path"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn a_valid_snapshot_passes_with_exit_code_0() {
    let (run, report) = validate_bytes(valid_snapshot().to_string().as_bytes());
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(report["valid"], true);
    assert_eq!(report["problems"], json!([]));
    assert_eq!(report["files"], json!([{"path": "snapshot.json", "status": "used"}]));
}

#[test]
fn each_kind_of_error_gives_exit_code_1_and_its_exact_path() {
    let timeslices_with = |target: Option<Value>| {
        let mut snapshot = mutated("/slos/0/budgeting", Some(json!("timeslices")));
        if let Some(target) = target {
            snapshot["slos"][0]["timeslice_target"] = target;
        }
        snapshot
    };
    let mut duplicate_deployment = valid_snapshot();
    let first = duplicate_deployment["deployments"][0].clone();
    duplicate_deployment["deployments"].as_array_mut().unwrap().push(first);
    let mut longer_total = valid_snapshot();
    longer_total["slos"][0]["sli"]["total"].as_array_mut().unwrap().push(json!(5));

    let cases: Vec<(&str, Value, &str)> = vec![
        ("unsupported version", mutated("/version", Some(json!(2))), "version"),
        ("missing version", mutated("/version", None), "version"),
        ("missing objective", mutated("/slos/0/objective", None), "slos[0].objective"),
        (
            "bad timestamp",
            mutated("/deployments/0/finished_at", Some(json!("yesterday"))),
            "deployments[0].finished_at",
        ),
        ("bad duration", mutated("/slos/0/sli/step", Some(json!("5s"))), "slos[0].sli.step"),
        ("objective of 1", mutated("/slos/0/objective", Some(json!(1.0))), "slos[0].objective"),
        ("timeslice target above 1", timeslices_with(Some(json!(1.5))), "slos[0].timeslice_target"),
        ("timeslice target missing", timeslices_with(None), "slos[0].timeslice_target"),
        ("negative count", mutated("/slos/0/sli/good/0", Some(json!(-1))), "slos[0].sli.good[0]"),
        ("good above total", mutated("/slos/0/sli/good/1", Some(json!(101))), "slos[0].sli.good[1]"),
        ("columns of different lengths", longer_total, "slos[0].sli"),
        ("null in one column only", mutated("/slos/0/sli/good/2", Some(json!(5))), "slos[0].sli.total[2]"),
        ("duplicate id", duplicate_deployment, "deployments[1].id"),
        ("unknown service", mutated("/slos/0/service", Some(json!("nope"))), "slos[0].service"),
        ("window shorter than the step", mutated("/slos/0/window", Some(json!("30m"))), "slos[0].window"),
        (
            "resolved before started",
            mutated("/incidents/0/resolved_at", Some(json!("2026-11-20T10:00:00Z"))),
            "incidents[0].resolved_at",
        ),
    ];
    let mut failures = Vec::new();
    for (name, snapshot, path) in cases {
        let (run, report) = validate_bytes(snapshot.to_string().as_bytes());
        let paths = problem_paths(&report, "error");
        let left_out = report["files"][0]["status"] == "left_out";
        if run.code != 1 || !left_out || !paths.iter().any(|found| found == path) {
            failures.push(format!("{name}: exit {}, expected an error at {path}, got {paths:?}", run.code));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_text_format_names_file_path_and_reason_on_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let snapshot = mutated("/slos/0/sli/good/1", Some(json!(101)));
    fs::write(dir.path().join("bad.json"), snapshot.to_string()).unwrap();
    let run = uptrend(&["validate", "bad.json"], dir.path());
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains("error: bad.json: slos[0].sli.good[1]: good (101) is greater than total (100)"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.ends_with("1 snapshot checked: 0 usable, 1 left out; 1 error, 0 warnings\n"), "{}", run.stdout);
}

#[test]
fn warnings_alone_keep_exit_code_0() {
    let cases = [
        (mutated("/deployments/0/changes", Some(json!([]))), "deployments[0].changes"),
        (
            mutated("/deployments/0/changes/0/committed_at", Some(json!("2026-11-20T12:00:00Z"))),
            "deployments[0].changes[0].committed_at",
        ),
        // Links between deployments and incidents may point into other snapshots: the core checks
        // them on the merged data and warns about those no loaded snapshot resolves.
        (mutated("/incidents/0/caused_by/0", Some(json!("dep-9"))), "incidents[0].caused_by[0]"),
        (mutated("/deployments/0/fixes_incident", Some(json!("INC-9"))), "deployments[0].fixes_incident"),
    ];
    for (snapshot, path) in cases {
        let (run, report) = validate_bytes(snapshot.to_string().as_bytes());
        assert_eq!(run.code, 0, "{path}: {}", run.stdout);
        assert_eq!((report["errors"].clone(), report["warnings"].clone()), (json!(0), json!(1)));
        assert_eq!(problem_paths(&report, "warning"), [path]);
    }
}

#[test]
fn malformed_json_is_located_by_line_and_column() {
    let (run, report) = validate_bytes(b"{\n  \"version\": 1,\n  \"generated_at\": oops\n}");
    assert_eq!(run.code, 1);
    assert_eq!((report["problems"][0]["line"].clone(), report["problems"][0]["column"].clone()), (json!(3), json!(19)));
}

#[test]
fn hostile_files_give_exit_code_1_and_never_panic() {
    let text = valid_snapshot().to_string();
    let huge_numbers = text.replace("[99,100,null]", "[1e400,18446744073709551616,-0.5]");
    let deep_nesting = "[".repeat(100_000);
    let binary: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8).collect();
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("empty", Vec::new()),
        ("truncated", text.as_bytes()[..text.len() / 2].to_vec()),
        ("binary", binary),
        ("huge numbers", huge_numbers.into_bytes()),
        ("deep nesting", deep_nesting.into_bytes()),
        ("not an object", b"[1, 2, 3]".to_vec()),
        ("invalid UTF-8", b"{\"version\": 1, \"generated_at\": \"\xff\xfe\"}".to_vec()),
    ];
    for (name, bytes) in files {
        let (run, report) = validate_bytes(&bytes);
        assert_eq!(run.code, 1, "{name}: {}", run.stdout);
        assert!(report["errors"].as_u64().unwrap() >= 1, "{name}");
    }
}

#[test]
fn a_data_directory_checks_every_listed_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    fs::create_dir_all(data.join("snapshots")).unwrap();
    let manifest =
        json!({"title": "t", "snapshots": ["snapshots/good.json", "snapshots/bad.json", "snapshots/gone.json"]});
    fs::write(data.join("index.json"), manifest.to_string()).unwrap();
    fs::write(data.join("snapshots/good.json"), valid_snapshot().to_string()).unwrap();
    fs::write(data.join("snapshots/bad.json"), mutated("/slos/0/objective", Some(json!(0))).to_string()).unwrap();
    let run = uptrend(&["validate", "data", "--format", "json"], dir.path());
    assert_eq!(run.code, 1);
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        report["files"],
        json!([
            {"path": "data/snapshots/good.json", "status": "used"},
            {"path": "data/snapshots/bad.json", "status": "left_out"},
            {"path": "data/snapshots/gone.json", "status": "missing"},
        ])
    );
    let located: Vec<(String, String)> = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["file"].as_str().unwrap().to_owned(), p["path"].as_str().unwrap().to_owned()))
        .collect();
    assert!(located.contains(&("data/snapshots/bad.json".to_owned(), "slos[0].objective".to_owned())), "{located:?}");
    assert!(located.iter().any(|(file, _)| file == "data/snapshots/gone.json"), "{located:?}");
}

#[test]
fn the_committed_demo_data_is_valid() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let run = uptrend(&["validate", "data"], &root);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout.ends_with("4 snapshots checked: 4 usable, 0 left out; 0 errors, 0 warnings\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn usage_errors_give_exit_code_2_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("empty")).unwrap();
    for args in [
        &["validate"][..],
        &["validate", "missing.json"],
        &["validate", "empty"],
        &["validate", ".", "--format", "xml"],
    ] {
        let run = uptrend(args, dir.path());
        assert_eq!(run.code, 2, "{args:?}");
        assert!(run.stdout.is_empty(), "{args:?}: {}", run.stdout);
        assert!(!run.stderr.is_empty(), "{args:?}");
    }
}

#[test]
fn a_broken_manifest_is_a_problem_of_index_json() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("data")).unwrap();
    fs::write(dir.path().join("data/index.json"), r#"{"title": "t", "snapshots": "all"}"#).unwrap();
    let run = uptrend(&["validate", "data", "--format", "json"], dir.path());
    assert_eq!(run.code, 1, "{}", run.stdout);
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["files"], json!([]));
    assert_eq!(report["problems"][0]["file"], "data/index.json");
    assert_eq!(report["problems"][0]["path"], "snapshots");
}

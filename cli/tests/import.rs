//! `uptrend import` end to end on the fixtures in `fixtures/import` (see its README for the
//! hand-computed buckets): the snapshot is written, validates, lands in `index.json` once and
//! reports the hand-computed attainment; bad input exits with the documented code and names the
//! file, the path and the reason.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import")
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn uptrend(args: &[&str], dir: &Path) -> Run {
    let output = Command::cargo_bin("uptrend").unwrap().current_dir(dir).args(args).output().unwrap();
    Run {
        code: output.status.code().unwrap(),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

/// A scratch folder holding a copy of the fixtures.
fn scratch() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("prom")).unwrap();
    fs::copy(fixtures().join("slos.yaml"), dir.path().join("slos.yaml")).unwrap();
    for entry in fs::read_dir(fixtures().join("prom")).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), dir.path().join("prom").join(entry.file_name())).unwrap();
    }
    dir
}

const IMPORT: &[&str] = &[
    "import",
    "openslo",
    "slos.yaml",
    "--prometheus",
    "prom",
    "--values",
    "counter",
    "--out",
    "data/snapshots/2026-11-20.json",
    "--index",
    "data/index.json",
];

fn read_json(path: &Path) -> Value {
    serde_json::from_slice(&fs::read(path).unwrap()).unwrap()
}

#[test]
fn openslo_with_prometheus_counters_imports_validates_and_reports() {
    let dir = scratch();
    let run = uptrend(IMPORT, dir.path());
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(
        run.stdout,
        "OpenSLO documents: 5 read, 4 written, 1 skipped\n\
         OpenSLO objectives: 3 read, 3 written, 0 skipped\n\
         SLOs: 3 read, 3 written, 0 skipped\n\
         Prometheus samples: 40 read, 40 written, 0 skipped\n\
         SLI buckets: 14 read, 14 written, 0 skipped\n\
         wrote data/snapshots/2026-11-20.json: 1 services, 3 SLOs, 0 deployments, 0 incidents\n\
         listed in data/index.json as snapshots/2026-11-20.json\n"
    );
    // The AlertPolicy and the gap in the search series are reported, nothing else.
    let warnings: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(warnings.len(), 3, "{}", run.stderr);
    assert!(
        warnings[0].starts_with("warning: slos.yaml:88:7: kind: kind AlertPolicy is not imported"),
        "{}",
        run.stderr
    );
    assert!(warnings[1].starts_with(
        "warning: prom/search-availability.bad.json: data.result[0]: series {pod=\"a\"} has no sample for 1 steps"
    ));

    let snapshot = read_json(&dir.path().join("data/snapshots/2026-11-20.json"));
    assert_eq!(snapshot["generated_at"], "2026-11-20T00:30:00Z");
    assert_eq!(snapshot["services"], serde_json::json!([{"id": "web-shop", "name": "Web shop", "team": null}]));
    let slos = snapshot["slos"].as_array().unwrap();
    let ids: Vec<&str> = slos.iter().map(|slo| slo["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["checkout-availability", "search-availability-internal", "search-availability-sla"]);
    let checkout = &slos[0];
    assert_eq!((checkout["window"].as_str(), checkout["budgeting"].as_str()), (Some("28d"), Some("occurrences")));
    assert_eq!(checkout["sli"]["start"], "2026-11-20T00:00:00Z");
    assert_eq!(checkout["sli"]["step"], "5m");
    assert_eq!(checkout["sli"]["good"], serde_json::json!([150, 150, 140, 120, 150, 150]));
    assert_eq!(checkout["sli"]["total"], serde_json::json!([150, 160, 140, 130, 150, 150]));
    let sla = &slos[2];
    assert_eq!(sla["name"], "Search availability: SLA");
    assert_eq!((sla["objective"].as_f64(), sla["window"].as_str()), (Some(0.99), Some("calendar:month")));
    assert_eq!((sla["budgeting"].as_str(), sla["timeslice_target"].as_f64()), (Some("timeslices"), Some(0.9)));
    assert_eq!(sla["sli"]["good"], serde_json::json!([99, 100, null, null, 100, 100]));
    assert_eq!(sla["sli"]["total"], serde_json::json!([100, 100, null, null, 100, 100]));

    assert_eq!(
        read_json(&dir.path().join("data/index.json"))["snapshots"],
        serde_json::json!(["snapshots/2026-11-20.json"])
    );
    let validate = uptrend(&["validate", "data"], dir.path());
    assert_eq!(validate.code, 0, "{}", validate.stdout);
    let report = uptrend(&["report", "data", "--format", "json"], dir.path());
    assert_eq!(report.code, 0, "{}", report.stderr);
    let report: Value = serde_json::from_str(&report.stdout).unwrap();
    let checkout = report["slos"].as_array().unwrap().iter().find(|slo| slo["id"] == "checkout-availability").unwrap();
    assert_eq!((checkout["good"].as_u64(), checkout["total"].as_u64()), (Some(860), Some(880)));
}

#[test]
fn a_second_run_does_not_list_the_snapshot_twice() {
    let dir = scratch();
    assert_eq!(uptrend(IMPORT, dir.path()).code, 0);
    let again = uptrend(IMPORT, dir.path());
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(
        again.stdout.ends_with("listed in data/index.json (already listed as snapshots/2026-11-20.json)\n"),
        "{}",
        again.stdout
    );
    assert_eq!(read_json(&dir.path().join("data/index.json"))["snapshots"].as_array().unwrap().len(), 1);
}

/// Replaces `from` by `to` in the scratch copy of `file`.
fn edit(dir: &Path, file: &str, from: &str, to: &str) {
    let path = dir.join(file);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{from:?} is not in {file}");
    fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// Runs the import after one edit; returns the run.
fn import_after(file: &str, from: &str, to: &str) -> (Run, tempfile::TempDir) {
    let dir = scratch();
    edit(dir.path(), file, from, to);
    (uptrend(IMPORT, dir.path()), dir)
}

#[test]
fn malformed_yaml_exits_1_naming_line_and_column_and_writes_nothing() {
    let (run, dir) = import_after("slos.yaml", "  displayName: Web shop", "  displayName: [Web shop");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.starts_with("error: slos.yaml:"), "{}", run.stderr);
    let first = run.stderr.lines().next().unwrap();
    let position: Vec<&str> = first.split(':').skip(2).take(2).collect();
    assert!(position.iter().all(|part| part.parse::<usize>().is_ok()), "line and column in {first}");
    assert!(first.contains("the file is not valid YAML"), "{first}");
    assert!(!dir.path().join("data").exists());
}

#[test]
fn an_unknown_kind_exits_1_naming_the_path() {
    let (run, _dir) = import_after("slos.yaml", "kind: AlertPolicy", "kind: Dashboard");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("error: slos.yaml:88:7: kind: unknown kind \"Dashboard\""), "{}", run.stderr);
}

#[test]
fn a_missing_field_exits_1_naming_the_path_and_skips_only_that_slo() {
    let (run, dir) = import_after("slos.yaml", "  budgetingMethod: Occurrences\n", "");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("error: slos.yaml:35:1: spec.budgetingMethod: the required field `budgetingMethod` is missing"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.contains("OpenSLO objectives: 3 read, 2 written, 1 skipped"), "{}", run.stdout);
    let snapshot = read_json(&dir.path().join("data/snapshots/2026-11-20.json"));
    assert_eq!(snapshot["slos"].as_array().unwrap().len(), 2);
}

#[test]
fn a_json_that_is_not_a_matrix_exits_1_naming_the_json_path() {
    let dir = scratch();
    fs::write(
        dir.path().join("prom/checkout-availability.total.json"),
        r#"{"status":"success","data":{"resultType":"vector","result":[]}}"#,
    )
    .unwrap();
    let run = uptrend(IMPORT, dir.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "error: prom/checkout-availability.total.json: data.resultType: expected a range query result (resultType \"matrix\"), found \"vector\""
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn nan_samples_exit_1_with_their_position() {
    let (run, _dir) = import_after("prom/checkout-availability.good.json", "\"1290\"", "\"NaN\"");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "error: prom/checkout-availability.good.json: data.result[0].values[3]: the sample at 2026-11-20T00:15:00Z: the value is NaN"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn missing_query_results_are_named() {
    let dir = scratch();
    fs::remove_file(dir.path().join("prom/search-availability.bad.json")).unwrap();
    let run = uptrend(IMPORT, dir.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("has no bad query result (expected search-availability.bad.json)"), "{}", run.stderr);
    assert!(run.stdout.contains("SLOs: 3 read, 1 written, 2 skipped"), "{}", run.stdout);
}

#[test]
fn an_slo_name_that_is_no_file_name_is_refused_and_nothing_outside_the_directory_is_read() {
    let dir = scratch();
    edit(dir.path(), "slos.yaml", "  name: search-availability", "  name: ../search-availability");
    // What `prom/../search-availability.*.json` would read, were the name taken as a path.
    for what in ["bad", "total"] {
        let from = dir.path().join(format!("prom/search-availability.{what}.json"));
        fs::copy(&from, dir.path().join(format!("search-availability.{what}.json"))).unwrap();
    }
    let run = uptrend(IMPORT, dir.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "SLO name \"../search-availability\" cannot name its query result files in prom (it holds a path separator or a colon)"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stdout.contains("SLOs: 3 read, 1 written, 2 skipped"), "{}", run.stdout);
}

#[test]
fn unreadable_files_and_bad_arguments_exit_2() {
    let dir = scratch();
    let mut args = IMPORT.to_vec();
    args[2] = "missing.yaml";
    let run = uptrend(&args, dir.path());
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("cannot read missing.yaml"), "{}", run.stderr);
    let no_values: Vec<&str> = IMPORT.iter().copied().filter(|a| *a != "--values" && *a != "counter").collect();
    assert_eq!(uptrend(&no_values, dir.path()).code, 2);
}

#[test]
fn the_service_map_renames_services_and_an_invalid_one_stops_the_import() {
    let dir = scratch();
    fs::write(dir.path().join("map.yaml"), "services:\n  - id: shop\n    team: commerce\n    match: [web-shop]\n")
        .unwrap();
    let mut args = IMPORT.to_vec();
    args.extend(["--service-map", "map.yaml"]);
    let run = uptrend(&args, dir.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let snapshot = read_json(&dir.path().join("data/snapshots/2026-11-20.json"));
    assert_eq!(snapshot["services"], serde_json::json!([{"id": "shop", "name": "Web shop", "team": "commerce"}]));
    assert!(snapshot["slos"].as_array().unwrap().iter().all(|slo| slo["service"] == "shop"));

    fs::write(dir.path().join("map.yaml"), "services:\n  - name: no id\n").unwrap();
    let run = uptrend(&args, dir.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.starts_with("error: map.yaml:2:5: services[0].id: the required field `id` is missing"),
        "{}",
        run.stderr
    );
}

#[test]
fn import_prometheus_takes_the_definition_from_the_options() {
    let dir = scratch();
    let run = uptrend(
        &[
            "import",
            "prometheus",
            "--slo",
            "search",
            "--service",
            "web-shop",
            "--objective",
            "0.99",
            "--window",
            "7d",
            "--bad",
            "prom/search-availability.bad.json",
            "--total",
            "prom/search-availability.total.json",
            "--values",
            "counter",
            "--out",
            "s.json",
            "--generated-at",
            "2026-11-21T00:00:00Z",
        ],
        dir.path(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let snapshot = read_json(&dir.path().join("s.json"));
    assert_eq!(snapshot["generated_at"], "2026-11-21T00:00:00Z");
    assert_eq!(snapshot["slos"][0]["sli"]["good"], serde_json::json!([99, 100, null, null, 100, 100]));
}

#[test]
fn sloth_and_pyrra_specs_import_through_the_same_machinery() {
    let dir = scratch();
    for name in ["sloth.yaml", "pyrra.yaml"] {
        fs::copy(fixtures().join(name), dir.path().join(name)).unwrap();
    }
    let common = ["--prometheus", "prom", "--values", "counter", "--out"];
    let sloth = uptrend(&[&["import", "sloth", "sloth.yaml"][..], &common, &["sloth.json"]].concat(), dir.path());
    assert_eq!(sloth.code, 0, "{}", sloth.stderr);
    assert!(
        sloth
            .stdout
            .starts_with("Sloth specs: 1 read, 1 written, 0 skipped\nSloth SLOs: 1 read, 1 written, 0 skipped\n"),
        "{}",
        sloth.stdout
    );
    let slo = &read_json(&dir.path().join("sloth.json"))["slos"][0];
    assert_eq!(
        (slo["id"].as_str(), slo["service"].as_str(), slo["window"].as_str()),
        (Some("search-availability"), Some("search"), Some("30d"))
    );
    assert_eq!(slo["objective"].as_f64(), Some(0.995));
    assert_eq!(read_json(&dir.path().join("sloth.json"))["services"][0]["team"], "discovery");
    assert_eq!(slo["sli"]["good"], serde_json::json!([99, 100, null, null, 100, 100]));

    let pyrra = uptrend(&[&["import", "pyrra", "pyrra.yaml"][..], &common, &["pyrra.json"]].concat(), dir.path());
    assert_eq!(pyrra.code, 0, "{}", pyrra.stderr);
    let slo = &read_json(&dir.path().join("pyrra.json"))["slos"][0];
    assert_eq!(
        (slo["id"].as_str(), slo["service"].as_str(), slo["window"].as_str()),
        (Some("search-availability"), Some("search"), Some("14d"))
    );
    assert_eq!(slo["sli"]["total"], serde_json::json!([100, 100, null, null, 100, 100]));
}

#[test]
fn json_format_gives_one_document_with_counts_and_problems() {
    let mut args = IMPORT.to_vec();
    args.extend(["--format", "json"]);
    let dir = scratch();
    edit(dir.path(), "prom/checkout-availability.good.json", "\"1290\"", "\"NaN\"");
    let run = uptrend(&args, dir.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    let outcome: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(outcome["valid"], false);
    assert_eq!(outcome["written"], "data/snapshots/2026-11-20.json: 1 services, 3 SLOs, 0 deployments, 0 incidents");
    assert_eq!(outcome["listed_in"], "data/index.json as snapshots/2026-11-20.json");
    assert_eq!(
        outcome["counts"][3],
        serde_json::json!({"what": "Prometheus samples", "read": 40, "written": 39, "skipped": 1})
    );
    let nan = outcome["problems"].as_array().unwrap().iter().find(|p| p["severity"] == "error").unwrap();
    assert_eq!(nan["file"], "prom/checkout-availability.good.json");
    assert_eq!(nan["path"], "data.result[0].values[3]");
    assert!(nan["message"].as_str().unwrap().contains("the value is NaN"), "{nan}");
}

//! `uptrend report` on hand-made data: the Markdown report is snapshot-tested; the numbers in the
//! snapshot were checked by hand against the fixture (see the comments).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn uptrend(args: &[&str]) -> Run {
    let output = Command::cargo_bin("uptrend").unwrap().current_dir(repo_root()).args(args).output().unwrap();
    Run {
        code: output.status.code().unwrap(),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

/// `cli/tests/fixtures/small`: two overlapping snapshots of two services.
///
/// api-availability (occurrences, 99%, 28d, 24 hourly buckets of 100, the last with 80 good):
/// total 2400, bad 20, attainment 2380/2400 = 99.167%; allowed 24, remaining 1 - 20/24 = 16.7%;
/// BR(1h) = BR(5m) = (20/100)/0.01 = 20 > 13.44 (28d page threshold): page, at risk.
/// web-latency (timeslices, 95%, target 0.9, calendar week Mon 16 - Sat 21 Nov = 120 buckets, 2 null,
/// 1 without traffic, 3 bad slices, 1 tie that counts as good): 117 slices, attainment 114/117 = 97.436%;
/// allowed 5.85, remaining 1 - 3/5.85 = 48.7%; healthy.
/// DORA over 10 days [11-11, 11-21): d1, d2 (failed), d3 (hotfix), d4 (rolled back) = 0.40/day;
/// lead times 1800, 7200, 10800, 86400 s, median 9000 s = 2.5 h; CFR 2/4 = 50%; recovery of d2 at
/// INC-1's resolution 6300 s = 1.8 h, d4 open; rework 1/4 = 25%; INC-1 restored in 4500 s = 1.2 h
/// (1.25 rounds to even), INC-2 open.
#[test]
fn markdown_report_of_the_small_fixture() {
    let run = uptrend(&["report", "cli/tests/fixtures/small", "--dora-window", "10d"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn markdown_report_of_the_demo_data() {
    let run = uptrend(&["report", "data", "--format", "markdown"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn an_earlier_report_instant_sees_less() {
    // At 2026-11-20 12:00 the last 12 api buckets are all good: 1200 events, no bad one, no alert.
    let run = uptrend(&["report", "cli/tests/fixtures/small", "--as-of", "2026-11-20T12:00:00Z"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains(
            "| API requests succeed | Public API | 99% | 28 days rolling | healthy | 100.000% | 100.0% | none |"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn site_url_links_each_slo_and_service_to_its_page_at_the_report_instant() {
    let run = uptrend(&[
        "report",
        "cli/tests/fixtures/small",
        "--as-of",
        "2026-11-20T12:00:00Z",
        "--site-url",
        "https://acme.example/reliability/",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let slo = "[API requests succeed](https://acme.example/reliability/?page=slo&slo=api-availability\
               &as_of=2026-11-20T12%3A00%3A00Z)";
    let service =
        "[Public API](https://acme.example/reliability/?page=service&service=api&as_of=2026-11-20T12%3A00%3A00Z)";
    assert!(run.stdout.contains(&format!("| {slo} | {service} |")), "{}", run.stdout);
    // Without the option, no links.
    let plain = uptrend(&["report", "cli/tests/fixtures/small", "--as-of", "2026-11-20T12:00:00Z"]);
    assert!(!plain.stdout.contains("](http"), "{}", plain.stdout);
}

#[test]
fn report_usage_errors_give_exit_code_2() {
    for args in [
        &["report"][..],
        &["report", "missing-dir"],
        &["report", "cli/tests/fixtures/small", "--as-of", "yesterday"],
        &["report", "cli/tests/fixtures/small", "--dora-window", "90"],
        &["report", "cli/tests/fixtures/small", "--format", "html"],
    ] {
        let run = uptrend(args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stdout.is_empty(), "{args:?}");
        assert!(!run.stderr.is_empty(), "{args:?}");
    }
}

#[test]
fn a_directory_of_invalid_snapshots_gives_exit_code_1_and_its_problems() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("index.json"), r#"{"title": "t", "snapshots": ["broken.json"]}"#).unwrap();
    std::fs::write(dir.path().join("broken.json"), "{\"version\": 1,").unwrap();
    let run = uptrend(&["report", dir.path().to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    assert!(run.stderr.contains("broken.json:1:14: the file ends before the JSON document does"), "{}", run.stderr);
    assert!(run.stderr.contains("holds no usable snapshot"), "{}", run.stderr);
}

#[test]
fn an_empty_manifest_is_a_valid_empty_report() {
    // As docs/data-format.md says and `validate` agrees (more in tests/hostile_input.rs).
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("index.json"), r#"{"title": "t", "snapshots": []}"#).unwrap();
    let run = uptrend(&["report", dir.path().to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("lists no snapshots: the report is empty"), "{}", run.stderr);
    assert!(run.stdout.starts_with("# t\n\nNo snapshots"), "{}", run.stdout);
}

#[test]
fn a_previous_window_before_the_data_has_no_values_and_no_change() {
    // A year back, the previous DORA window ends long before the fixture's first deployment.
    let run = uptrend(&["report", "cli/tests/fixtures/small", "--format", "markdown", "--dora-window", "365d"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let line = run.stdout.lines().find(|line| line.starts_with("| Deployment frequency |")).unwrap_or_default();
    assert!(line.contains("| — | no earlier data |"), "{line}");
    let json = uptrend(&["report", "cli/tests/fixtures/small", "--format", "json", "--dora-window", "365d"]);
    let report: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(report["dora"]["overall"]["previous_has_data"], serde_json::json!(false));
}

//! Hostile input from the black-box corpus (issue #16): data-derived text cannot forge terminal lines
//! or Markdown, devices, FIFOs and oversized files are refused at once with an error naming the file
//! and the limit, numbers are read exactly, a huge count is located, and an empty manifest is an
//! empty report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use serde_json::{json, Value};

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn uptrend_with_stdin(args: &[&str], dir: &Path, stdin: &[u8]) -> Run {
    let output =
        Command::cargo_bin("uptrend").unwrap().current_dir(dir).args(args).write_stdin(stdin).output().unwrap();
    let run = Run {
        code: output.status.code().unwrap(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    };
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run
}

fn uptrend(args: &[&str], dir: &Path) -> Run {
    uptrend_with_stdin(args, dir, b"")
}

fn snapshot(objective: &str) -> String {
    format!(
        r#"{{"version": 1, "generated_at": "2026-11-21T00:00:00Z",
        "services": [{{"id": "checkout", "team": "payments"}}],
        "slos": [{{"id": "checkout-availability", "service": "checkout", "objective": {objective}, "window": "28d",
            "budgeting": "occurrences",
            "sli": {{"start": "2026-11-20T00:00:00Z", "step": "1h", "good": [99, 100], "total": [100, 100]}}}}],
        "deployments": [], "incidents": []}}"#
    )
}

/// A data directory with `index.json` (`title`, `snapshots`) and `files` written beside it.
fn data_dir(title: &str, snapshots: &[&str], files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("index.json"), json!({"title": title, "snapshots": snapshots}).to_string()).unwrap();
    for (name, content) in files {
        fs::write(dir.path().join(name), content).unwrap();
    }
    dir
}

fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success(), "mkfifo {}", path.display());
}

/// No raw control character reaches the terminal: every line is one line, no ESC anywhere.
fn assert_no_raw_controls(text: &str) {
    assert!(!text.contains('\u{1b}'), "raw ESC in {text:?}");
    assert!(!text.contains('\r'), "raw CR in {text:?}");
}

#[test]
fn a_newline_or_ansi_escape_in_a_manifest_entry_is_shown_not_obeyed() {
    let entry = "evil\nerror: forged line \u{1b}[2K.json";
    let dir = data_dir("t", &[entry], &[]);
    for args in [vec!["validate", "."], vec!["report", "."]] {
        let run = uptrend(&args, dir.path());
        assert_eq!(run.code, 1, "{args:?}: {}", run.stderr);
        assert_no_raw_controls(&run.stdout);
        assert_no_raw_controls(&run.stderr);
        let all = format!("{}{}", run.stdout, run.stderr);
        let forged = all.lines().filter(|line| line.starts_with("error: forged")).count();
        assert_eq!(forged, 0, "{args:?} printed a forged line:\n{all}");
        assert!(all.contains("evil\\nerror: forged line \\u{1b}[2K.json"), "{args:?}:\n{all}");
    }
}

#[test]
fn a_newline_and_ansi_escape_in_titles_and_ids_are_visible_in_markdown() {
    let evil_id = "a\nb\u{1b}[31m|*x*";
    let doc = snapshot("0.99")
        .replace("checkout-availability", evil_id.replace('\n', "\\n").replace('\u{1b}', "\\u001b").as_str());
    let dir = data_dir("Title\n# forged heading\u{1b}[2K", &["s.json"], &[("s.json", &doc)]);
    let run = uptrend(&["report", "."], dir.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_no_raw_controls(&run.stdout);
    assert!(run.stdout.starts_with("# Title\\n\\# forged heading\\u{1b}\\[2K\n"), "{}", run.stdout);
    assert!(!run.stdout.lines().any(|line| line.starts_with("# forged")), "{}", run.stdout);
    assert!(run.stdout.contains("| a\\nb\\u{1b}\\[31m\\|\\*x\\* |"), "{}", run.stdout);
}

#[test]
fn validate_refuses_a_device_at_once_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let run = uptrend(&["validate", "/dev/zero"], dir.path());
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "error: cannot read /dev/zero: it is a character device, not a regular file; only regular files are read\n"
    );
}

#[test]
fn a_device_or_fifo_in_a_manifest_is_a_problem_not_a_hang() {
    let dir = data_dir("t", &["/dev/zero", "pipe.json", "s.json"], &[("s.json", &snapshot("0.99"))]);
    mkfifo(&dir.path().join("pipe.json"));
    let run = uptrend(&["validate", ".", "--format", "json"], dir.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    let validation: Value = serde_json::from_str(&run.stdout).unwrap();
    let messages: Vec<(String, String)> = validation["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["file"].as_str().unwrap().to_owned(), p["message"].as_str().unwrap().to_owned()))
        .collect();
    assert!(
        messages.iter().any(|(file, message)| file == "/dev/zero" && message.contains("it is a character device")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|(file, message)| file.ends_with("pipe.json") && message.contains("it is a FIFO (named pipe)")),
        "{messages:?}"
    );
    // The report still comes from the usable snapshot.
    let run = uptrend(&["report", ".", "--format", "json"], dir.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("pipe.json: the snapshot could not be read: it is a FIFO (named pipe)"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.contains("checkout-availability"), "{}", run.stdout);
}

#[test]
fn a_fifo_as_the_manifest_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    mkfifo(&dir.path().join("index.json"));
    let run = uptrend(&["report", "."], dir.path());
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("cannot read ./index.json: it is a FIFO (named pipe), not a regular file"),
        "{}",
        run.stderr
    );
    let run = uptrend(&["validate", "index.json"], dir.path());
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("cannot read index.json: it is a FIFO (named pipe)"), "{}", run.stderr);
}

#[test]
fn files_over_the_limit_are_refused_naming_the_file_and_the_limit() {
    let doc = snapshot("0.99");
    let dir = data_dir("t", &["s.json"], &[("s.json", &doc)]);
    let run = uptrend(&["validate", "s.json", "--max-file-size", "100"], dir.path());
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "error: cannot read s.json: it is larger than the limit of 100 bytes; raise the limit with --max-file-size\n"
    );
    // A listed snapshot over the limit is a problem of that file; raising the limit reads it.
    let run = uptrend(&["report", ".", "--max-file-size", "200"], dir.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("s.json: the snapshot could not be read: it is larger than the limit of 200 bytes"),
        "{}",
        run.stderr
    );
    let run = uptrend(&["report", ".", "--max-file-size", "1KiB"], dir.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = uptrend(&["validate", ".", "--max-file-size", "lots"], dir.path());
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("expected a size like 1GiB"), "{}", run.stderr);
}

#[test]
fn standard_input_is_read_when_asked_within_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let doc = snapshot("0.99");
    let run = uptrend_with_stdin(&["validate", "-"], dir.path(), doc.as_bytes());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "1 snapshot checked: 1 usable, 0 left out; 0 errors, 0 warnings\n");
    let run = uptrend_with_stdin(&["validate", "-", "--max-file-size", "10"], dir.path(), doc.as_bytes());
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("cannot read <stdin>: it is larger than the limit of 10 bytes"), "{}", run.stderr);
}

#[test]
fn the_largest_objective_below_one_is_valid() {
    let dir = data_dir("t", &["s.json"], &[("s.json", &snapshot("0.9999999999999999"))]);
    let run = uptrend(&["validate", "s.json"], dir.path());
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
}

#[test]
fn an_objective_just_above_0_999_is_not_read_as_0_999() {
    let dir = data_dir("t", &["s.json"], &[("s.json", &snapshot("0.9990000000000001"))]);
    let run = uptrend(&["report", ".", "--format", "json"], dir.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["slos"][0]["objective"].as_f64(), Some(f64::from_bits(0.999_f64.to_bits() + 1)));
    assert!(run.stdout.contains("\"objective\": 0.9990000000000001"), "{}", run.stdout);
}

#[test]
fn a_count_with_400_digits_is_located_by_json_path() {
    let huge = format!("1{}", "0".repeat(400));
    let doc = snapshot("0.99").replace(r#""good": [99, 100]"#, &format!(r#""good": [1, 2, {huge}]"#));
    let dir = data_dir("t", &["s.json"], &[("s.json", &doc)]);
    let run = uptrend(&["validate", "s.json"], dir.path());
    assert_eq!(run.code, 1, "{}", run.stdout);
    let first = run.stdout.lines().next().unwrap_or_default();
    assert!(first.starts_with("error: s.json:"), "{first}");
    assert!(
        first.ends_with(": slos[0].sli.good[2]: expected a count of events (a whole number, 0 or more) or null, found a number too large to read"),
        "{first}"
    );
}

#[test]
fn an_empty_snapshots_array_is_a_valid_empty_report() {
    let dir = data_dir("Nothing yet", &[], &[]);
    let run = uptrend(&["validate", "."], dir.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "0 snapshots checked: 0 usable, 0 left out; 0 errors, 0 warnings\n");

    let run = uptrend(&["report", "."], dir.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "# Nothing yet\n\nNo snapshots: the data directory's `index.json` lists none, so there is nothing to report yet.\n"
    );
    assert_eq!(run.stderr, "note: ./index.json lists no snapshots: the report is empty\n");

    let run = uptrend(&["report", ".", "--format", "json"], dir.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(run.stderr.contains("give one with --as-of to print it"), "{}", run.stderr);

    let run = uptrend(&["report", ".", "--format", "json", "--as-of", "2026-11-21T00:00:00Z"], dir.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!((report["title"].as_str(), report["slos"].as_array().map(Vec::len)), (Some("Nothing yet"), Some(0)));
}

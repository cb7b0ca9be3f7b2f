#![allow(clippy::unwrap_used, clippy::expect_used, clippy::type_complexity)]
//! `import github` and `import pagerduty` on fixtures written from the GitHub REST and PagerDuty
//! REST API references, then the DORA report the core computes from them, by hand.
//!
//! Deployments of acme/checkout (deployments.json: two pages back to back, newest first):
//!
//! | id | sha | env | created (11-) | terminal status | outcome |
//! |---|---|---|---|---|---|
//! | 101 | A | production | 02 09:00 | success 02 09:05 | succeeded, ships A (committed 11-01 10:00) |
//! | 102 | B | production | 03 09:00 | failure 03 09:04 | rolled back by 103; ships B (02 12:00) |
//! | 103 | A | production | 03 09:30 | success 03 09:34 | redeploy of A: succeeded, no changes, fixes Q1AAA |
//! | 104 | C | production | 04 09:00 | success 04 09:06 | ships B and C (03 15:00), compare A...C in two pages |
//! | 105 | D | production | 05 09:00 | error 05 09:03 | failed: did not reach production, skipped |
//! | 106 | E | production | 05 10:00 | success 05 10:05 | ships D (04 12:00), E (05 08:00): compares C...D, D...E |
//! | 107 | F | staging | 05 11:00 | success 05 11:04 | staging, no compare: no changes (warning) |
//! | 108 | G | production | 06 09:00 | in_progress only | skipped: not finished |
//! | 109 | - | production | 06 10:00 | - | skipped: no `sha` |
//! | 110 | E | production-eu | 05 10:10 | success 05 10:15 | declared production; E already shipped by 106 |

mod common;

use common::*;
use uptrend_core::model::DeployStatus;
use uptrend_import::delivery::causes::KnownDeployments;
use uptrend_import::delivery::github::GithubImport;
use uptrend_import::delivery::pagerduty::PagerdutyImport;
use uptrend_import::delivery::{Environments, Input};
use uptrend_import::{Imported, ServiceMap};

struct Files {
    deployments: Vec<u8>,
    statuses: Vec<u8>,
    compares: Vec<u8>,
}

fn files() -> Files {
    Files {
        deployments: fixture("github/deployments.json"),
        statuses: fixture("github/statuses.json"),
        compares: fixture("github/compares.json"),
    }
}

fn github(files: &Files, failed_reached_production: bool) -> Imported {
    let mut environments = Environments::default();
    environments.declare_production("production-eu");
    GithubImport {
        deployments: vec![Input::new("deployments.json", &files.deployments)],
        statuses: vec![Input::new("statuses.json", &files.statuses)],
        compares: vec![Input::new("compares.json", &files.compares)],
        service: None,
        environments,
        failed_reached_production,
    }
    .run(&service_map("services:\n  - id: checkout\n    team: payments\n    match: [acme/checkout]\n"))
}

fn pagerduty(known: &Imported) -> Imported {
    let incidents = fixture("pagerduty/incidents.json");
    let log_entries = fixture("pagerduty/log_entries.json");
    PagerdutyImport {
        incidents: vec![Input::new("incidents.json", &incidents)],
        log_entries: vec![Input::new("log_entries.json", &log_entries)],
        known_deployments: KnownDeployments::new(known.deployments.iter()),
    }
    .run(&ServiceMap::parse("service-map.yaml", &fixture("pagerduty/service-map.yaml")).unwrap())
}

#[test]
fn deployments_get_their_outcome_from_the_latest_terminal_status_and_their_changes_from_compares() {
    let import = github(&files(), false);
    let summary: Vec<(&str, &str, DeployStatus, Option<bool>, Vec<&str>)> = import
        .deployments
        .iter()
        .map(|d| {
            let changes = d.changes.iter().map(|c| &c.id[..1]).collect();
            (d.id.as_str(), d.environment.as_str(), d.status, d.production, changes)
        })
        .collect();
    use DeployStatus::*;
    assert_eq!(
        summary,
        [
            ("github-101", "production", Succeeded, None, vec!["a"]),
            ("github-102", "production", RolledBack, None, vec!["b"]),
            ("github-103", "production", Succeeded, None, vec![]),
            ("github-104", "production", Succeeded, None, vec!["b", "c"]),
            ("github-106", "production", Succeeded, None, vec!["d", "e"]),
            ("github-110", "production-eu", Succeeded, Some(true), vec!["e"]),
            ("github-107", "staging", Succeeded, None, vec![]),
        ]
    );
    assert_eq!(import.deployments[0].finished_at, at("2026-11-02T09:05:00Z"));
    assert_eq!(import.deployments[0].changes[0].committed_at, at("2026-11-01T10:00:00Z"));
    assert_eq!(import.deployments[0].changes[0].repository(), Some("acme/checkout"));
    assert_eq!(count(&import, "deployments"), (10, 7, 3));
    assert_eq!(count(&import, "statuses"), (14, 13, 1));
    assert_eq!(count(&import, "compares"), (6, 6, 0));
    let services: Vec<(&str, Option<&str>)> = import.services().map(|s| (s.id.as_str(), s.team.as_deref())).collect();
    assert_eq!(services, [("checkout", Some("payments"))]);
}

#[test]
fn every_skipped_record_is_reported_with_its_file_path_and_reason() {
    let import = github(&files(), false);
    let problems: Vec<String> = import.problems.iter().map(ToString::to_string).collect();
    let expected_parts = [
        "statuses.json:",
        "[7].state: unknown state \"bogus\"",
        "deployments.json:1:1: [2]: deployment 108 has no terminal status",
        "deployments.json:1:1: [1].sha: `sha` is missing",
        "deployments.json:115:2: [0]: deployment github-105 of d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4 to production failed",
        "deployments.json:1:1: [3].sha: no compare <the SHA deployed before it>...f6f6",
    ];
    for part in expected_parts {
        assert!(problems.iter().any(|p| p.contains(part)), "no problem contains {part:?}: {problems:#?}");
    }
    assert_eq!(problems.len(), 5, "{problems:#?}");
    // A missing field and an unknown state are wrong input (errors, exit 1); the rest are valid
    // records Uptrend does not count (warnings).
    let errors: Vec<&str> = import.problems.iter().filter(|p| p.is_error()).map(|p| p.location.path.as_str()).collect();
    assert_eq!(errors, ["[7].state", "[1].sha"]);
}

#[test]
fn with_failed_deployments_in_production_the_fixed_forward_failure_counts() {
    let import = github(&files(), true);
    let failed: Vec<(&str, DeployStatus)> = import
        .deployments
        .iter()
        .filter(|d| d.status != DeployStatus::Succeeded)
        .map(|d| (d.id.as_str(), d.status))
        .collect();
    // 102 is still rolled back (its redeploy of A undid it); 105 failed in production.
    assert_eq!(failed, [("github-102", DeployStatus::RolledBack), ("github-105", DeployStatus::Failed)]);
}

#[test]
fn the_dora_report_of_the_imports_matches_the_hand_computed_values() {
    let deliveries = github(&files(), false);
    let incidents = pagerduty(&deliveries);
    let (dataset, problems) = merged(&[
        ("github.json", &deliveries, "2026-11-06T12:00:00Z"),
        ("pagerduty.json", &incidents, "2026-11-06T12:00:00Z"),
    ]);
    assert!(problems.iter().all(|p| !p.is_error()), "{problems:#?}");
    let metrics = metrics(&dataset, "2026-11-07T00:00:00Z", 7);
    // Production: 101, 102, 103, 104, 106, 110 (production-eu declared).
    assert_eq!(metrics.deployments, 6);
    // Change failures: 102 (rolled back, and Q1AAA names its commit b2b2b2b), 106 (Q3CCC's note).
    assert_eq!(metrics.change_failures, 2);
    assert_eq!(metrics.change_failure_rate, Some(2.0 / 6.0));
    // 103, the redeploy of A, says `fixes-incident: pagerduty-Q1AAA` in its description: rework 1/6.
    assert_eq!((metrics.rework_deployments, metrics.rework_rate), (1, Some(1.0 / 6.0)));
    // Lead times, each change at its first succeeded production deployment:
    // A 11-02 09:05 − 11-01 10:00 = 83,100 s; B at 104: 11-04 09:06 − 11-02 12:00 = 162,360 s;
    // C 11-04 09:06 − 11-03 15:00 = 65,160 s; D 11-05 10:05 − 11-04 12:00 = 79,500 s;
    // E 11-05 10:05 − 11-05 08:00 = 7,500 s. Sorted: 7,500 65,160 79,500 83,100 162,360.
    assert_eq!(metrics.lead_time_seconds.n, 5);
    assert_eq!(metrics.lead_time_seconds.median, Some(79_500.0));
    // 102 recovers when Q1AAA is resolved (resolve log entry 09:38): 09:38 − 09:04 = 2,040 s;
    // 106 is open (Q3CCC acknowledged).
    assert_eq!((metrics.recovery_time_seconds.median, metrics.recovery_time_seconds.n), (Some(2_040.0), 1));
    assert_eq!(metrics.recovery_time_seconds.open, 1);
    // Restore: Q1AAA 09:10–09:38 = 1,680 s, Q4DDD 01:00–02:00 = 3,600 s, Q3CCC open; Q2BBB
    // (unmapped service) and Q5EEE (no created_at) skipped. Median (1,680 + 3,600) / 2 = 2,640 s.
    assert_eq!(metrics.incident_restore_seconds.median, Some(2_640.0));
    assert_eq!((metrics.incident_restore_seconds.n, metrics.incident_restore_seconds.open), (2, 1));
}

#[test]
fn pagerduty_incidents_resolve_from_the_log_and_name_causes_by_sha_or_marker() {
    let deliveries = github(&files(), false);
    let import = pagerduty(&deliveries);
    let summary: Vec<(&str, Option<&str>, Option<String>, Vec<&str>)> = import
        .incidents
        .iter()
        .map(|i| {
            let resolved = i.resolved_at.map(|at| at.format("%d %H:%M").to_string());
            (i.id.as_str(), i.severity.as_deref(), resolved, i.caused_by.iter().map(|id| id.as_str()).collect())
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("pagerduty-Q1AAA", Some("high"), Some("03 09:38".into()), vec!["github-102"]),
            ("pagerduty-Q3CCC", Some("P2"), None, vec!["github-106"]),
            ("pagerduty-Q4DDD", Some("low"), Some("06 02:00".into()), vec![]),
        ]
    );
    assert_eq!(count(&import, "incidents"), (5, 3, 2));
    assert_eq!(count(&import, "log entries"), (4, 3, 1));
    let paths: Vec<String> = import.problems.iter().map(|p| p.location.path.clone()).collect();
    assert_eq!(paths, ["log_entries[3].incident.id", "incidents[1].service.id", "incidents[2].created_at"]);
}

#[test]
fn importing_again_merges_without_double_counting() {
    let first = github(&files(), false);
    let again = github(&files(), false);
    let (once, _) = merged(&[("a.json", &first, "2026-11-06T12:00:00Z")]);
    let (twice, _) = merged(&[("a.json", &first, "2026-11-06T12:00:00Z"), ("b.json", &again, "2026-11-07T12:00:00Z")]);
    assert_eq!(once.deployments, twice.deployments);
}

#[test]
fn malformed_json_is_one_error_with_line_and_column() {
    let bad = b"[{\"id\": 1},\n {\"id\": }]".to_vec();
    let files = Files { deployments: bad, statuses: b"[]".to_vec(), compares: Vec::new() };
    let import = github(&files, false);
    let errors: Vec<&uptrend_import::Problem> = import.problems.iter().filter(|p| p.is_error()).collect();
    assert_eq!(errors.len(), 1);
    let location = &errors[0].location;
    assert_eq!((errors[0].file.as_str(), location.line, location.column), ("deployments.json", Some(2), Some(9)));
    assert!(import.has_errors());
}

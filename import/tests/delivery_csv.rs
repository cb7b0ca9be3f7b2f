#![allow(clippy::unwrap_used, clippy::expect_used, clippy::type_complexity)]
//! `import csv` on tables shaped like Four Keys' BigQuery tables (`deployments`, `changes`,
//! `incidents`) and DevLake's domain tables (`cicd_deployment_commits`, `commits`, `issues`), with
//! their column names as they are.

mod common;

use common::*;
use uptrend_core::model::DeployStatus;
use uptrend_import::delivery::csv::CsvImport;
use uptrend_import::delivery::{Environments, Input};
use uptrend_import::{Imported, ServiceMap};

struct Tables {
    deployments: Vec<u8>,
    changes: Vec<u8>,
    incidents: Vec<u8>,
}

fn run(tables: &Tables, service: Option<&str>, map: &ServiceMap) -> Imported {
    CsvImport {
        deployments: vec![Input::new("deployments.csv", &tables.deployments)],
        changes: vec![Input::new("changes.csv", &tables.changes)],
        incidents: vec![Input::new("incidents.csv", &tables.incidents)],
        service: service.map(str::to_owned),
        environments: Environments::default(),
        failed_reached_production: false,
        known_deployments: Vec::new(),
    }
    .run(map)
}

fn four_keys() -> Imported {
    let tables = Tables {
        deployments: fixture("csv/fourkeys/deployments.csv"),
        changes: fixture("csv/fourkeys/changes.csv"),
        incidents: fixture("csv/fourkeys/incidents.csv"),
    };
    run(&tables, Some("checkout"), &ServiceMap::identity())
}

#[test]
fn four_keys_tables_import_with_their_own_column_names() {
    let import = four_keys();
    let summary: Vec<(&str, Vec<&str>)> =
        import.deployments.iter().map(|d| (d.id.as_str(), d.changes.iter().map(|c| c.id.as_str()).collect())).collect();
    assert_eq!(summary, [("d-1", vec!["c1", "c2"]), ("d-2", vec!["c3"]), ("d-3", vec!["c4"])]);
    assert!(import.deployments.iter().all(|d| d.environment == "production" && d.status == DeployStatus::Succeeded));
    assert_eq!(import.incidents[0].caused_by, ["d-2"]);
    assert_eq!(import.incidents[1].resolved_at, None);
    let shown: Vec<String> = import.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "error: deployments.csv:5:3: time_created: \"soon\" is not a timestamp: expected RFC 3339 (2026-11-02T10:00:00Z) \
             or 2026-11-02 10:00:00 [UTC]; the row is skipped",
            "warning: deployments.csv:4:5: changes: change \"c9\" of deployment \"d-3\" has no row in the changes table, so \
             its commit time is unknown: it is left out of the deployment",
            "warning: changes.csv:6: 1 change rows belong to no deployment of this import (not deployed yet, or their \
             deployment is not in the table), lines 6: not imported",
        ]
    );
    assert_eq!(count(&import, "deployments"), (4, 3, 1));
    assert_eq!(count(&import, "changes"), (5, 4, 2));
    assert_eq!(count(&import, "incidents"), (2, 2, 0));
}

#[test]
fn four_keys_dora_report_matches_the_hand_computed_values() {
    let (dataset, problems) = merged(&[("fourkeys.json", &four_keys(), "2026-11-06T00:00:00Z")]);
    assert!(problems.iter().all(|p| !p.is_error()), "{problems:#?}");
    let metrics = metrics(&dataset, "2026-11-07T00:00:00Z", 7);
    assert_eq!(metrics.deployments, 3);
    // i-1 names change c3, shipped first by d-2: one change failure of three.
    assert_eq!(metrics.change_failure_rate, Some(1.0 / 3.0));
    // Lead: c1 24 h, c2 2 h, c3 6 h, c4 1 h: median (2 h + 6 h) / 2 = 14,400 s.
    assert_eq!(metrics.lead_time_seconds.median, Some(14_400.0));
    // d-2 recovers when i-1 is resolved: 12:30 − 10:00 = 9,000 s. Restore: i-1 90 min, i-2 open.
    assert_eq!(metrics.recovery_time_seconds.median, Some(9_000.0));
    assert_eq!(metrics.incident_restore_seconds.median, Some(5_400.0));
    assert_eq!(metrics.incident_restore_seconds.open, 1);
}

#[test]
fn devlake_rows_of_one_deployment_ship_several_repositories() {
    let tables = Tables {
        deployments: fixture("csv/devlake/cicd_deployment_commits.csv"),
        changes: fixture("csv/devlake/commits.csv"),
        incidents: fixture("csv/devlake/issues.csv"),
    };
    let map = ServiceMap::parse("service-map.yaml", &fixture("csv/devlake/service-map.yaml")).unwrap();
    let import = run(&tables, Some("shop"), &map);
    let summary: Vec<(&str, &str, &str, Vec<(&str, Option<&str>)>)> = import
        .deployments
        .iter()
        .map(|d| {
            let changes = d.changes.iter().map(|c| (c.id.as_str(), c.repository())).collect();
            (d.id.as_str(), d.service.as_str(), d.environment.as_str(), changes)
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                "deploy-7",
                "shop",
                "production",
                vec![
                    ("aaaa111", Some("https://github.com/acme/web")),
                    ("bbbb222", Some("https://github.com/acme/api"))
                ]
            ),
            ("deploy-9", "shop", "STAGING", vec![("dddd444", Some("https://github.com/acme/web"))]),
        ]
    );
    // deploy-8 (FAILURE, line 4) never went live: skipped, a warning at its `result` cell.
    let shown: Vec<String> = import.problems.iter().map(ToString::to_string).collect();
    assert_eq!(shown.len(), 1, "{shown:#?}");
    assert!(
        shown[0].starts_with("warning: deployments.csv:4:5: result: deployment \"deploy-8\" failed (FAILURE)"),
        "{shown:?}"
    );
    let services: Vec<(&str, Option<&str>)> = import.services().map(|s| (s.id.as_str(), s.team.as_deref())).collect();
    assert_eq!(services, [("shop", Some("storefront"))]);

    let (dataset, _) = merged(&[("devlake.json", &import, "2026-11-06T00:00:00Z")]);
    let metrics = metrics(&dataset, "2026-11-07T00:00:00Z", 7);
    // deploy-7 (12:00) only: aaaa111 committed 09:00 (3 h), bbbb222 11:00 (1 h): median 2 h.
    assert_eq!((metrics.deployments, metrics.lead_time_seconds.n), (1, 2));
    assert_eq!(metrics.lead_time_seconds.median, Some(7_200.0));
    // The DevLake issue (no service column: the default service) took 1 h.
    assert_eq!(metrics.incident_restore_seconds.median, Some(3_600.0));
}

#[test]
fn a_table_without_a_required_column_is_one_error_for_the_file() {
    let tables = Tables {
        deployments: b"name,when\nx,2026-11-02 10:00:00\n".to_vec(),
        changes: Vec::new(),
        incidents: b"incident_id,started\n".to_vec(),
    };
    let import = run(&tables, Some("checkout"), &ServiceMap::identity());
    let shown: Vec<String> = import.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "error: deployments.csv:1: the deployments table has no column for `id` (a column named `cicd_deployment_id`, \
             `deploy_id`, `deployment_id`, `id`), nor for `finished_at` (a column named `finished_at`, `finished_date`, \
             `time_created`, `deployed_at`)",
            "error: changes.csv:1: the changes table has no column for `id` (a column named `id`, `change_id`, `sha`, \
             `commit_sha`), nor for `committed_at` (a column named `committed_at`, `committed_date`, `time_created`, \
             `authored_date`)",
            "error: incidents.csv:1: the incidents table has no column for `started_at` (a column named `started_at`, \
             `time_created`, `created_date`)",
        ]
    );
    assert!(import.has_errors());
}

#[test]
fn tab_separated_exports_read_like_csv() {
    let tables = Tables {
        deployments:
            b"cicd_deployment_id\tfinished_date\tresult\tcommit_sha\ndeploy-1\t2026-11-02 12:00:00\tSUCCESS\tNULL\n"
                .to_vec(),
        changes: b"sha\tcommitted_date\n".to_vec(),
        incidents: b"id\tcreated_date\tresolution_date\ni-1\t2026-11-02 13:00:00\tNULL\n".to_vec(),
    };
    let import = run(&tables, Some("shop"), &ServiceMap::identity());
    assert!(import.problems.is_empty(), "{:?}", import.problems);
    assert_eq!(import.deployments[0].finished_at, at("2026-11-02T12:00:00Z"));
    assert!(import.deployments[0].changes.is_empty());
    assert_eq!(import.incidents[0].resolved_at, None);
}

#[test]
fn an_incident_in_two_tables_is_imported_once_and_the_copy_reported() {
    // Monthly exports overlap: an incident open across the month's end is in both files.
    let october = b"incident_id,service,started_at,resolved_at\nI-1,checkout,2026-10-31T23:00:00Z,\n".to_vec();
    let november =
        b"incident_id,service,started_at,resolved_at\nI-1,checkout,2026-10-31T23:00:00Z,2026-11-01T01:00:00Z\n\
                     I-2,checkout,2026-11-02T10:00:00Z,2026-11-02T11:00:00Z\n"
            .to_vec();
    let import = CsvImport {
        incidents: vec![Input::new("incidents-10.csv", &october), Input::new("incidents-11.csv", &november)],
        ..CsvImport::default()
    }
    .run(&ServiceMap::identity());
    assert_eq!(import.incidents.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(), ["I-1", "I-2"]);
    let shown: Vec<String> = import.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        ["warning: incidents-11.csv:2:1: incident_id: incident \"I-1\" is at incidents-10.csv line 2 already: this row \
          is skipped"]
    );
    assert_eq!(count(&import, "incidents"), (3, 2, 1));
    let (_, problems) = merged(&[("s.json", &import, "2026-11-03T00:00:00Z")]);
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn change_rows_no_deployment_shipped_are_listed_under_their_own_file() {
    let deployments = b"deploy_id,time_created,changes\nd-1,2026-11-02T12:00:00Z,c1\n".to_vec();
    let first = b"change_id,time_created\nc1,2026-11-02T10:00:00Z\nc2,2026-11-02T10:30:00Z\n".to_vec();
    let second = b"change_id,time_created\nc3,2026-11-02T11:00:00Z\nc4,2026-11-02T11:30:00Z\n".to_vec();
    let import = CsvImport {
        deployments: vec![Input::new("deployments.csv", &deployments)],
        changes: vec![Input::new("changes-a.csv", &first), Input::new("changes-b.csv", &second)],
        service: Some("checkout".to_owned()),
        ..CsvImport::default()
    }
    .run(&ServiceMap::identity());
    let shown: Vec<String> = import.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "warning: changes-a.csv:3: 1 change rows belong to no deployment of this import (not deployed yet, or \
             their deployment is not in the table), lines 3: not imported",
            "warning: changes-b.csv:2: 2 change rows belong to no deployment of this import (not deployed yet, or \
             their deployment is not in the table), lines 2, 3: not imported",
        ]
    );
    assert_eq!(count(&import, "changes"), (4, 1, 3));
}

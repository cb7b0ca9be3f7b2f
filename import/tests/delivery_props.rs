#![allow(clippy::unwrap_used, clippy::expect_used)]
//! No input makes a delivery importer panic, every record read is written or skipped, and what
//! is written always validates as a format v1 snapshot.

mod common;

use common::at;
use proptest::prelude::*;
use serde_json::{json, Value};
use uptrend_core::load::load_snapshot;
use uptrend_import::delivery::csv::CsvImport;
use uptrend_import::delivery::github::GithubImport;
use uptrend_import::delivery::gitlab::GitlabImport;
use uptrend_import::delivery::pagerduty::PagerdutyImport;
use uptrend_import::delivery::{Environments, Input};
use uptrend_import::{Imported, ServiceMap};

/// JSON made of the words the importers look for, so the fuzzing reaches past the first check.
fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (0_u64..200).prop_map(|n| json!(n)),
        prop::sample::select(vec![
            "2026-11-02T10:00:00Z",
            "2026-11-02T09:00:00+02:00",
            "not a time",
            "",
            "success",
            "failure",
            "error",
            "failed",
            "canceled",
            "running",
            "resolved",
            "triggered",
            "production",
            "staging",
            "a1a1a1a",
            "a1a1a1a1a1a1",
            "https://api.github.com/repos/acme/x",
            "https://api.github.com/repos/acme/x/deployments/3",
            "https://api.github.com/repos/acme/x/compare/a1a1a1a...b2b2b2b",
            "resolve_log_entry",
            "annotate_log_entry",
            "caused-by: github-3",
        ])
        .prop_map(|text| json!(text)),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec(
                (
                    prop::sample::select(vec![
                        "id",
                        "sha",
                        "environment",
                        "created_at",
                        "updated_at",
                        "finished_at",
                        "state",
                        "status",
                        "deployment_url",
                        "repository_url",
                        "url",
                        "web_url",
                        "commits",
                        "commit",
                        "committer",
                        "author",
                        "date",
                        "committed_date",
                        "deployable",
                        "name",
                        "service",
                        "incident",
                        "incidents",
                        "log_entries",
                        "type",
                        "resolved_at",
                        "last_status_change_at",
                        "title",
                        "channel",
                        "summary",
                        "priority",
                        "urgency",
                        "parent_ids",
                        "base_commit",
                        "production_environment",
                    ]),
                    inner,
                ),
                0..8,
            )
            .prop_map(|fields| Value::Object(fields.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())),
        ]
    })
}

fn pages() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(value(), 0..4).prop_map(|pages| {
            pages.iter().map(|page| serde_json::to_string(page).unwrap()).collect::<Vec<_>>().join("\n").into_bytes()
        }),
        prop::collection::vec(any::<u8>(), 0..200),
    ]
}

fn csv_table() -> impl Strategy<Value = Vec<u8>> {
    let cell = prop::sample::select(vec![
        "d-1",
        "c1",
        "2026-11-02 10:00:00 UTC",
        "2026-11-02T10:00:00Z",
        "soon",
        "",
        "SUCCESS",
        "FAILURE",
        "ABORT",
        "failed",
        "PRODUCTION",
        "[\"c1\",\"c2\"]",
        "c1 c2",
        "true",
        "maybe",
        "\"quoted, cell\"",
        "\"unterminated",
    ]);
    let header = prop::sample::select(vec![
        "id",
        "deploy_id",
        "cicd_deployment_id",
        "time_created",
        "finished_date",
        "changes",
        "commit_sha",
        "change_id",
        "sha",
        "committed_date",
        "incident_id",
        "time_resolved",
        "result",
        "status",
        "environment",
        "service",
        "repo_url",
        "deployment_id",
        "caused_by",
        "production",
    ]);
    (prop::collection::vec(header, 1..6), prop::collection::vec(prop::collection::vec(cell, 0..7), 0..6)).prop_map(
        |(headers, rows)| {
            let mut text = headers.join(",");
            for row in rows {
                text.push('\n');
                text.push_str(&row.join(","));
            }
            text.into_bytes()
        },
    )
}

/// The snapshot of an import validates whatever the input was.
fn writes_a_valid_snapshot(imported: &Imported) {
    let (snapshot, _, _) = imported.clone().into_snapshot(at("2026-11-07T00:00:00Z"));
    let bytes = serde_json::to_vec(&snapshot).unwrap();
    let loaded = load_snapshot("out.json", &bytes);
    let errors: Vec<String> = loaded.problems.iter().filter(|p| p.is_error()).map(ToString::to_string).collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

fn every_record_is_written_or_skipped(imported: &Imported, kind: &str) {
    if let Some(count) = imported.counts.get(kind) {
        assert_eq!(count.read, count.written + count.skipped, "{kind}: {count}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn github_never_panics(deployments in pages(), statuses in pages(), compares in pages(), failed in any::<bool>()) {
        let imported = GithubImport {
            deployments: vec![Input::new("d.json", &deployments)],
            statuses: vec![Input::new("s.json", &statuses)],
            compares: vec![Input::new("c.json", &compares)],
            service: None,
            environments: Environments::default(),
            failed_reached_production: failed,
        }
        .run(&ServiceMap::identity());
        every_record_is_written_or_skipped(&imported, "deployments");
        writes_a_valid_snapshot(&imported);
    }

    #[test]
    fn gitlab_never_panics(deployments in pages(), compares in pages(), failed in any::<bool>()) {
        let imported = GitlabImport {
            deployments: vec![Input::new("d.json", &deployments)],
            compares: vec![Input::new("c.json", &compares)],
            project: "acme/x".into(),
            service: None,
            environments: Environments::default(),
            failed_reached_production: failed,
        }
        .run(&ServiceMap::identity());
        every_record_is_written_or_skipped(&imported, "deployments");
        writes_a_valid_snapshot(&imported);
    }

    #[test]
    fn pagerduty_never_panics(incidents in pages(), log_entries in pages()) {
        let imported = PagerdutyImport {
            incidents: vec![Input::new("i.json", &incidents)],
            log_entries: vec![Input::new("l.json", &log_entries)],
            known_deployments: Default::default(),
        }
        .run(&ServiceMap::identity());
        every_record_is_written_or_skipped(&imported, "incidents");
        writes_a_valid_snapshot(&imported);
    }

    #[test]
    fn csv_never_panics(deployments in csv_table(), changes in csv_table(), incidents in csv_table(), bytes in prop::collection::vec(any::<u8>(), 0..100)) {
        let imported = CsvImport {
            deployments: vec![Input::new("d.csv", &deployments), Input::new("raw.csv", &bytes)],
            changes: vec![Input::new("c.csv", &changes)],
            incidents: vec![Input::new("i.csv", &incidents)],
            service: Some("svc".into()),
            environments: Environments::default(),
            failed_reached_production: false,
            known_deployments: Vec::new(),
        }
        .run(&ServiceMap::identity());
        every_record_is_written_or_skipped(&imported, "incidents");
        writes_a_valid_snapshot(&imported);
    }
}

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::type_complexity)]
//! `import gitlab` on fixtures written from GitLab's deployments and compare API docs.
//!
//! Deployments of acme/cart (two pages back to back):
//!
//! | id | sha | status | finished (11-) | outcome |
//! |---|---|---|---|---|
//! | 41 | 1 | success | 02 10:07 (deployable) | succeeded; first deployment, no compare: no changes (warning) |
//! | 42 | 2 | failed | 03 10:05 | did not reach production (fixed forward by 43): skipped |
//! | 43 | 3 | success | 03 13:10+02:00 = 11:10Z | ships 2 (02 15:00+01:00 = 14:00Z), 3 (03 09:00): compares 1...2, 2...3 |
//! | 44 | 4 | canceled | - | skipped |
//! | 45 | 4 | running | - | skipped |
//! | 46 | 5 (deployable.commit.id) | success | 05 09:04 | ships 4 (04 08:00), 5 (04 09:00): compare without web_url |

mod common;

use common::*;
use uptrend_core::model::DeployStatus;
use uptrend_import::delivery::gitlab::GitlabImport;
use uptrend_import::delivery::{Environments, Input};
use uptrend_import::{Imported, ServiceMap};

fn gitlab(failed_reached_production: bool) -> Imported {
    let deployments = fixture("gitlab/deployments.json");
    let compares = fixture("gitlab/compares.json");
    GitlabImport {
        deployments: vec![Input::new("deployments.json", &deployments)],
        compares: vec![Input::new("compares.json", &compares)],
        project: "acme/cart".into(),
        service: None,
        environments: Environments::default(),
        failed_reached_production,
    }
    .run(&ServiceMap::identity())
}

#[test]
fn deployments_changes_and_skips_follow_the_documented_rules() {
    let import = gitlab(false);
    let summary: Vec<(&str, &str, DeployStatus, usize)> =
        import.deployments.iter().map(|d| (d.id.as_str(), d.service.as_str(), d.status, d.changes.len())).collect();
    assert_eq!(
        summary,
        [
            ("gitlab-41", "cart", DeployStatus::Succeeded, 0),
            ("gitlab-43", "cart", DeployStatus::Succeeded, 2),
            ("gitlab-46", "cart", DeployStatus::Succeeded, 2),
        ]
    );
    assert_eq!(import.deployments[1].finished_at, at("2026-11-03T11:10:00Z"));
    assert_eq!(import.deployments[1].changes[0].committed_at, at("2026-11-02T14:00:00Z"));
    assert_eq!(import.deployments[2].changes[1].repository(), Some("acme/cart"));
    assert_eq!(count(&import, "deployments"), (6, 3, 3));
    let reasons: Vec<String> = import.problems.iter().map(|p| format!("{}: {}", p.location.path, p.message)).collect();
    for part in [
        "[0].status: deployment 44 was canceled",
        "[1].status: deployment 45 is running",
        "did not reach production",
        "[0].sha: no compare",
    ] {
        assert!(reasons.iter().any(|reason| reason.contains(part)), "{part:?} not in {reasons:#?}");
    }
    assert!(import.problems.iter().all(|p| !p.is_error()), "{reasons:#?}");
}

#[test]
fn the_dora_report_matches_the_hand_computed_values() {
    let (dataset, problems) = merged(&[("gitlab.json", &gitlab(false), "2026-11-06T00:00:00Z")]);
    assert!(problems.iter().all(|p| !p.is_error()), "{problems:#?}");
    let metrics = metrics(&dataset, "2026-11-07T00:00:00Z", 7);
    assert_eq!(metrics.deployments, 3);
    assert_eq!(metrics.change_failure_rate, Some(0.0));
    // 2: 11-03 11:10 − 11-02 14:00 = 76,200 s; 3: 2 h 10 min = 7,800 s; 4: 11-05 09:04 − 11-04 08:00
    // = 90,240 s; 5: 86,640 s. Median (76,200 + 86,640) / 2 = 81,420 s.
    assert_eq!(metrics.lead_time_seconds.n, 4);
    assert_eq!(metrics.lead_time_seconds.median, Some(81_420.0));

    let (dataset, _) = merged(&[("gitlab.json", &gitlab(true), "2026-11-06T00:00:00Z")]);
    let metrics = common::metrics(&dataset, "2026-11-07T00:00:00Z", 7);
    // 42 counts as a failed production deployment, recovered by 43: 11:10 − 10:05 = 3,900 s.
    assert_eq!((metrics.deployments, metrics.change_failures), (4, 1));
    assert_eq!(metrics.recovery_time_seconds.median, Some(3_900.0));
}

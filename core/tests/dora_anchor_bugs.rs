#![allow(clippy::unwrap_used, clippy::expect_used)]
//! One test per bug users reported in other DORA tools: each fails if Uptrend had that bug.

mod common;

use common::*;
use uptrend_core::dora;
use uptrend_core::model::DeployStatus;
use uptrend_core::time::Span;

fn as_of() -> chrono::DateTime<chrono::Utc> {
    at("2026-03-01T00:00:00Z")
}

fn window() -> Span {
    "30d".parse().unwrap()
}

/// fourkeys#213, #351: the change fail rate joined changes × incidents, so a deployment with three
/// changes and two incidents counted six times.
#[test]
fn fourkeys_change_by_incident_rows_do_not_inflate_the_change_fail_rate() {
    let data = dataset(
        vec![service("api", None)],
        vec![
            deploy("bad", "api", "2026-02-20T10:00:00Z")
                .change("c1", "2026-02-20T09:00:00Z")
                .change("c2", "2026-02-20T09:00:00Z")
                .change("c3", "2026-02-20T09:00:00Z"),
            deploy("good", "api", "2026-02-21T10:00:00Z").change("c4", "2026-02-21T09:00:00Z"),
            deploy("good2", "api", "2026-02-22T10:00:00Z"),
            deploy("good3", "api", "2026-02-23T10:00:00Z"),
        ],
        vec![
            incident("i1", "api", "2026-02-20T11:00:00Z", Some("2026-02-20T12:00:00Z"), &["bad"]),
            incident("i2", "api", "2026-02-20T11:30:00Z", Some("2026-02-20T13:00:00Z"), &["bad"]),
        ],
    );
    let overall = dora::compute(&data, as_of(), window()).overall.metrics;
    // One failed deployment of four: 1 / 4 (rows would give 3 × 2 = 6 "failures").
    assert_eq!(overall.change_failures, 1);
    assert_close(overall.change_failure_rate, 0.25);
    // Recovered when the last of its incidents was resolved: 13:00 − 10:00 = 3 h.
    assert_eq!(overall.recovery_time_seconds.n, 1);
    assert_close(overall.recovery_time_seconds.median, 10_800.0);
}

/// devlake#6346: the median of an even count took the lower middle value.
#[test]
fn devlake_even_median_is_the_mean_of_the_two_middle_values() {
    let data = dataset(
        vec![service("api", None)],
        vec![
            deploy("d1", "api", "2026-02-20T10:00:00Z").change("c1", "2026-02-20T09:00:00Z"),
            deploy("d2", "api", "2026-02-21T10:00:00Z").change("c2", "2026-02-21T07:00:00Z"),
        ],
        Vec::new(),
    );
    // Lead times 1 h and 3 h: median 2 h = 7,200 s (the lower middle would be 3,600).
    let lead = dora::compute(&data, as_of(), window()).overall.metrics.lead_time_seconds;
    assert_close(lead.median, 7_200.0);
}

/// devlake#8150: an incident was blamed on the service's last deployment, however long before.
#[test]
fn devlake_incidents_are_only_blamed_on_the_deployments_they_name() {
    let data = dataset(
        vec![service("api", None)],
        vec![deploy("old", "api", "2026-02-01T10:00:00Z"), deploy("named", "api", "2026-02-02T10:00:00Z")],
        vec![
            incident("unattributed", "api", "2026-02-27T00:00:00Z", Some("2026-02-27T01:00:00Z"), &[]),
            incident("attributed", "api", "2026-02-03T00:00:00Z", Some("2026-02-03T01:00:00Z"), &["old"]),
        ],
    );
    let overall = dora::compute(&data, as_of(), window()).overall.metrics;
    // Only "old" (named by an incident) failed; "named", the last deployment before the unattributed
    // incident, did not: 1 / 2.
    assert_eq!(overall.change_failures, 1);
    assert_close(overall.change_failure_rate, 0.5);
}

/// devlake#8730: the 2024 fifth metric, deployment rework rate, was not computed at all.
#[test]
fn devlake_rework_rate_is_computed() {
    let data = dataset(
        vec![service("api", None)],
        vec![
            deploy("d1", "api", "2026-02-20T10:00:00Z").status(DeployStatus::Failed),
            deploy("hotfix", "api", "2026-02-20T11:00:00Z").fixes("i1"),
            deploy("d3", "api", "2026-02-21T10:00:00Z"),
        ],
        vec![incident("i1", "api", "2026-02-20T10:10:00Z", Some("2026-02-20T11:05:00Z"), &["d1"])],
    );
    let overall = dora::compute(&data, as_of(), window()).overall.metrics;
    // 1 rework deployment of 3.
    assert_eq!(overall.rework_deployments, 1);
    assert_close(overall.rework_rate, 1.0 / 3.0);
    let json = serde_json::to_value(dora::compute(&data, as_of(), window())).unwrap();
    assert!(json.pointer("/services/api/rework_rate").and_then(|v| v.as_f64()).is_some());
}

//! `uptrend report --format json` on the hand-made fixture, field by field against hand-computed
//! values (the arithmetic is in the comments; the fixture is described in `tests/report.rs`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use assert_cmd::Command;
use serde_json::{json, Value};

fn json_report(args: &[&str]) -> Value {
    let output = Command::cargo_bin("uptrend")
        .unwrap()
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(".."))
        .args(["report", "cli/tests/fixtures/small", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).unwrap()
}

/// Asserts each `(JSON pointer, expected)`: numbers within 1e-9 (relative), anything else exactly.
fn assert_fields(report: &Value, expectations: &[(&str, Value)]) {
    let mut failures = Vec::new();
    for (pointer, expected) in expectations {
        let found = report.pointer(pointer).unwrap_or(&Value::Null);
        let matches = match (found.as_f64(), expected.as_f64()) {
            (Some(found), Some(expected)) => (found - expected).abs() <= 1e-9 * expected.abs().max(1.0),
            _ => found == expected,
        };
        if !matches {
            failures.push(format!("{pointer}: expected {expected}, found {found}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_report_header() {
    let report = json_report(&["--dora-window", "10d"]);
    assert_fields(&report, &[("/version", json!(1)), ("/as_of", json!("2026-11-21T00:00:00Z"))]);
    assert_eq!(report["slos"].as_array().unwrap().len(), 2);
}

#[test]
fn the_summary_counts_each_slo_once_by_triage_class() {
    let report = json_report(&[]);
    // api-availability pages (at risk, alert page); the other SLO is healthy.
    let counts =
        json!({"breached": 0, "paging": 1, "ticket": 0, "at_risk": 0, "healthy": 1, "no_traffic": 0, "no_data": 0});
    assert_fields(
        &report,
        &[
            ("/summary/counts", counts),
            ("/summary/worst_slo", json!("api-availability")),
            ("/slos/0/id", json!("api-availability")),
            ("/slos/0/triage", json!("paging")),
            ("/slos/1/triage", json!("healthy")),
        ],
    );
}

#[test]
fn an_occurrences_slo_paging_on_its_last_hour() {
    let report = json_report(&[]);
    // 24 hourly buckets of 100 events from 2026-11-20 00:00, the last with 80 good; 28d window.
    assert_fields(
        &report,
        &[
            ("/slos/0/id", json!("api-availability")),
            ("/slos/0/service", json!("api")),
            ("/slos/0/objective", json!(0.99)),
            ("/slos/0/budgeting", json!("occurrences")),
            ("/slos/0/window/start", json!("2026-10-24T00:00:00Z")),
            ("/slos/0/window/end", json!("2026-11-21T00:00:00Z")),
            ("/slos/0/good", json!(2380)),
            ("/slos/0/bad", json!(20)),
            ("/slos/0/total", json!(2400)),
            // 2380 / 2400
            ("/slos/0/attainment", json!(0.991_666_666_666_666_7)),
            // 24 buckets with data out of 28 * 24 = 672
            ("/slos/0/coverage", json!(24.0 / 672.0)),
            // allowed (1 - 0.99) * 2400 = 24; consumed 20 / 24; remaining 1 - 20/24
            ("/slos/0/error_budget/allowed", json!(24.0)),
            ("/slos/0/error_budget/consumed", json!(20.0 / 24.0)),
            ("/slos/0/error_budget/remaining", json!(4.0 / 24.0)),
            // (bad / total) / 0.01 over the last 1, 1, 1, 2, 6, 24 and 24 (of 72) buckets
            ("/slos/0/burn_rates/5m", json!(20.0)),
            ("/slos/0/burn_rates/30m", json!(20.0)),
            ("/slos/0/burn_rates/1h", json!(20.0)),
            ("/slos/0/burn_rates/2h", json!(10.0)),
            ("/slos/0/burn_rates/6h", json!(20.0 / 6.0)),
            ("/slos/0/burn_rates/1d", json!(20.0 / 24.0)),
            ("/slos/0/burn_rates/3d", json!(20.0 / 24.0)),
            // BR(1h) = BR(5m) = 20 > 0.02 * 28d / 1h = 13.44
            ("/slos/0/alert", json!("page")),
            ("/slos/0/status", json!("at_risk")),
        ],
    );
}

#[test]
fn a_timeslices_slo_on_a_calendar_week() {
    let report = json_report(&[]);
    // Mon 16 - Sat 21 Nov: 120 hourly slices; 2 without data, 1 without traffic, 3 bad (0.8 < 0.9),
    // one tie at exactly 0.9 that is good: 117 slices, 114 good.
    assert_fields(
        &report,
        &[
            ("/slos/1/id", json!("web-latency")),
            ("/slos/1/budgeting", json!("timeslices")),
            ("/slos/1/window/start", json!("2026-11-16T00:00:00Z")),
            ("/slos/1/window/end", json!("2026-11-21T00:00:00Z")),
            ("/slos/1/good", json!(114)),
            ("/slos/1/bad", json!(3)),
            ("/slos/1/total", json!(117)),
            ("/slos/1/attainment", json!(114.0 / 117.0)),
            // 118 buckets with data (the no-traffic one has data) out of 120
            ("/slos/1/coverage", json!(118.0 / 120.0)),
            // allowed 0.05 * 117 = 5.85 slices; consumed 3 / 5.85
            ("/slos/1/error_budget/allowed", json!(5.85)),
            ("/slos/1/error_budget/consumed", json!(3.0 / 5.85)),
            ("/slos/1/error_budget/remaining", json!(1.0 - 3.0 / 5.85)),
            // The bad slices are on Monday, before the 3-day lookback (Wed 00:00).
            ("/slos/1/burn_rates/1h", json!(0.0)),
            ("/slos/1/burn_rates/3d", json!(0.0)),
            ("/slos/1/alert", json!("none")),
            ("/slos/1/status", json!("healthy")),
        ],
    );
}

#[test]
fn dora_overall_and_per_scope() {
    let report = json_report(&["--dora-window", "10d"]);
    let overall = [
        ("/dora/window/start", json!("2026-11-11T00:00:00Z")),
        ("/dora/window/end", json!("2026-11-21T00:00:00Z")),
        // d1, d2, d3, d4 in production (d5 is before the window, s1 in staging): 4 / 10 days
        ("/dora/overall/deployments", json!(4)),
        ("/dora/overall/deployments_per_day", json!(0.4)),
        // 12, 14 and 18 Nov
        ("/dora/overall/deploy_days_ratio", json!(0.3)),
        // c4 1800, c1 7200, c3 10800 (at d3, d2 failed), c2 86400; c5 never succeeded
        ("/dora/overall/lead_time_seconds/median", json!(9000.0)),
        // rank 0.9 * 3 = 2.7: 10800 + 0.7 * (86400 - 10800)
        ("/dora/overall/lead_time_seconds/p90", json!(63_720.0)),
        ("/dora/overall/lead_time_seconds/n", json!(4)),
        ("/dora/overall/lead_time_seconds/anomalies", json!(0)),
        // d2 failed (and caused INC-1), d4 rolled back
        ("/dora/overall/change_failure_rate", json!(0.5)),
        ("/dora/overall/change_failures", json!(2)),
        // d2 recovers when INC-1 is resolved: 11:45 - 10:00; d4 has no later success: open
        ("/dora/overall/recovery_time_seconds/median", json!(6300.0)),
        ("/dora/overall/recovery_time_seconds/n", json!(1)),
        ("/dora/overall/recovery_time_seconds/open", json!(1)),
        // d3 fixes INC-1
        ("/dora/overall/rework_rate", json!(0.25)),
        // INC-1 10:30 - 11:45; INC-2 open
        ("/dora/overall/incident_restore_seconds/median", json!(4500.0)),
        ("/dora/overall/incident_restore_seconds/n", json!(1)),
        ("/dora/overall/incident_restore_seconds/open", json!(1)),
    ];
    assert_fields(&report, &overall);
    // web has no deployment: zeros and nulls, never NaN; its open incident still counts.
    let web = [
        ("/dora/services/web/deployments", json!(0)),
        ("/dora/services/web/deployments_per_day", json!(0.0)),
        ("/dora/services/web/lead_time_seconds/median", Value::Null),
        ("/dora/services/web/lead_time_seconds/n", json!(0)),
        ("/dora/services/web/change_failure_rate", Value::Null),
        ("/dora/services/web/recovery_time_seconds/median", Value::Null),
        ("/dora/services/web/rework_rate", Value::Null),
        ("/dora/services/web/incident_restore_seconds/median", Value::Null),
        ("/dora/services/web/incident_restore_seconds/open", json!(1)),
    ];
    assert_fields(&report, &web);
    // Teams are the services' teams: core = api, edge = web.
    assert_fields(
        &report,
        &[
            ("/dora/teams/core/deployments", json!(4)),
            ("/dora/teams/core/incident_restore_seconds/open", json!(0)),
            ("/dora/teams/edge/deployments", json!(0)),
            ("/dora/services/api/change_failures", json!(2)),
        ],
    );
}

#[test]
fn the_join_of_change_failures_and_error_budgets() {
    let report = json_report(&["--dora-window", "10d"]);
    assert_fields(
        &report,
        &[
            ("/join/window/start", json!("2026-11-11T00:00:00Z")),
            // d2 failed at 11-14 10:00 and recovered when INC-1 closed at 11:45: api has no data before
            // 11-20, so nothing was bad and nothing allowed.
            ("/join/change_failures/0/deployment", json!("d2")),
            ("/join/change_failures/0/until", json!("2026-11-14T11:45:00Z")),
            ("/join/change_failures/0/open", json!(false)),
            ("/join/change_failures/0/slos/0/bad", json!(0)),
            ("/join/change_failures/0/slos/0/budget_share", Value::Null),
            // d4 rolled back at 11-18 10:00 and is still open at as_of: the 20 bad events of the last hour,
            // against 0.01 * 2400 = 24 allowed in the 28-day window ending at as_of.
            ("/join/change_failures/1/deployment", json!("d4")),
            ("/join/change_failures/1/until", json!("2026-11-21T00:00:00Z")),
            ("/join/change_failures/1/open", json!(true)),
            ("/join/change_failures/1/slos/0/slo", json!("api-availability")),
            ("/join/change_failures/1/slos/0/bad", json!(20)),
            ("/join/change_failures/1/slos/0/allowed", json!(24.0)),
            ("/join/change_failures/1/slos/0/budget_share", json!(20.0 / 24.0)),
            // No SLO was breached when anything was deployed.
            ("/join/deployments_while_breached", json!({"api": [], "web": []})),
            // All of api's bad events fell in d4's failure window; web had no change failure.
            ("/join/bad_event_attribution/api-availability/bad_in_change_failures", json!(20)),
            ("/join/bad_event_attribution/api-availability/change_failure_share", json!(1.0)),
            ("/join/bad_event_attribution/web-latency/bad_outside", json!(3)),
            ("/join/bad_event_attribution/web-latency/change_failure_share", json!(0.0)),
            ("/join/skipped_slos", json!([])),
        ],
    );
}

#[test]
fn the_platform_section_of_data_without_platform_records_is_empty_not_missing() {
    let report = json_report(&["--dora-window", "10d"]);
    assert_fields(
        &report,
        &[
            ("/platform/window/start", json!("2026-11-11T00:00:00Z")),
            ("/platform/capabilities", json!([])),
            ("/platform/surveys", json!([])),
            // api and web are in the catalogue; neither uses a capability.
            ("/platform/overall/adoption", json!({"adopters": 0, "services": 2, "rate": 0.0})),
            ("/platform/overall/comparison/adoptions_compared", json!(0)),
            ("/platform/onboarding/n", json!(0)),
            ("/platform/onboarding/median_seconds", Value::Null),
            ("/platform/anonymity_min_responses", json!(5)),
        ],
    );
    assert!(report["platform"]["caveat"].as_str().unwrap().starts_with("A comparison, not a cause"));
}

//! The report struct against hand-computed values, and its JSON against the contract's shape.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, Utc};
use serde_json::{json, Value};
use uptrend_core::model::{
    Budgeting, Change, Counts, Dataset, DeployStatus, Deployment, Service, SliSeries, SloData, SloDefinition,
};
use uptrend_core::report::{build, ReportError, ReportOptions, REPORT_VERSION};
use uptrend_core::slo::{Alert, Status};
use uptrend_core::time::{Span, Window};

fn at(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

/// One day of hourly buckets from 2026-11-20: 100 events each, 1 bad, except the last hour with 10 bad.
fn dataset() -> Dataset {
    let mut buckets = vec![Some(Counts { good: 99, total: 100 }); 24];
    buckets[23] = Some(Counts { good: 90, total: 100 });
    Dataset {
        title: "Acme".into(),
        latest_generated_at: Some(at("2026-11-21T00:00:00Z")),
        services: vec![Service { id: "checkout".into(), name: None, team: Some("payments".into()) }],
        slos: vec![SloData {
            definition: SloDefinition {
                id: "checkout-availability".into(),
                service: "checkout".into(),
                name: Some("Checkout requests succeed".into()),
                objective: 0.99,
                window: Window::Rolling(Span::DAY),
                budgeting: Budgeting::Occurrences,
                timeslice_target: None,
            },
            series: SliSeries::from_buckets(at("2026-11-20T00:00:00Z"), Span::HOUR, buckets),
        }],
        deployments: vec![Deployment {
            id: "dep-1".into(),
            service: "checkout".into(),
            environment: "production".into(),
            finished_at: at("2026-11-20T12:00:00Z"),
            status: DeployStatus::Succeeded,
            changes: vec![Change::new("c1", at("2026-11-20T06:00:00Z"))],
            production: None,
            fixes_incident: None,
        }],
        incidents: vec![],
        platform: Default::default(),
    }
}

fn close(actual: Option<f64>, expected: f64) -> bool {
    actual.is_some_and(|actual| (actual - expected).abs() < 1e-9)
}

#[test]
fn report_matches_hand_computed_values() {
    let report = build(&dataset(), ReportOptions::default()).unwrap();
    assert_eq!(report.version, REPORT_VERSION);
    assert_eq!(report.as_of, at("2026-11-21T00:00:00Z"), "as_of defaults to the latest generated_at");
    let slo = &report.slos[0];
    // Window: the 24 hourly buckets ending at 2026-11-21T00:00Z.
    assert_eq!(slo.window.start, at("2026-11-20T00:00:00Z"));
    assert_eq!(slo.window.end, at("2026-11-21T00:00:00Z"));
    // total = 24 * 100 = 2400; bad = 23 * 1 + 10 = 33; good = 2367.
    assert_eq!((slo.good, slo.bad, slo.total), (2367, 33, 2400));
    assert!(close(slo.attainment, 2367.0 / 2400.0));
    assert!(close(Some(slo.coverage), 1.0));
    // allowed = 0.01 * 2400 = 24; consumed = 33 / 24 = 1.375; remaining = -0.375.
    assert!((slo.error_budget.allowed - 24.0).abs() < 1e-9);
    assert!(close(slo.error_budget.consumed, 1.375));
    assert!(close(slo.error_budget.remaining, -0.375));
    // Last hour: 10 / 100 bad = 0.1, over 0.01 allowed = 10; 2h: 11 / 200 / 0.01 = 5.5;
    // 6h: 15 / 600 / 0.01 = 2.5; 1d and 3d (only one day of data): 33 / 2400 / 0.01 = 1.375.
    let rates = slo.burn_rates;
    assert!(close(rates.minutes5, 10.0) && close(rates.minutes30, 10.0) && close(rates.hour1, 10.0));
    assert!(close(rates.hours2, 5.5) && close(rates.hours6, 2.5));
    assert!(close(rates.day1, 1.375) && close(rates.days3, 1.375));
    // Page threshold for a 1d window: 0.02 * 24h / 1h = 0.48 < 10 for both 1h and 5m.
    assert_eq!(slo.alert, Alert::Page);
    assert_eq!(slo.status, Status::Breached);

    let overall = &report.dora.overall.metrics;
    assert_eq!(overall.deployments, 1);
    assert!(close(overall.deployments_per_day, 1.0 / 90.0));
    // Lead time: 12:00 - 06:00 = 6 h.
    assert!(close(overall.lead_time_seconds.median, 21_600.0));
    assert!(close(overall.change_failure_rate, 0.0));
    assert_eq!(overall.recovery_time_seconds.median, None);
}

#[test]
fn report_json_has_the_documented_shape() {
    let report = build(&dataset(), ReportOptions::default()).unwrap();
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["version"], json!(1));
    assert_eq!(json["as_of"], json!("2026-11-21T00:00:00Z"));
    let slo = &json["slos"][0];
    for key in [
        "id",
        "service",
        "objective",
        "budgeting",
        "window",
        "attainment",
        "coverage",
        "good",
        "bad",
        "total",
        "error_budget",
        "burn_rates",
        "alert",
        "status",
    ] {
        assert!(slo.get(key).is_some(), "slos[0].{key} is missing from {slo}");
    }
    assert_eq!(slo["window"], json!({"start": "2026-11-20T00:00:00Z", "end": "2026-11-21T00:00:00Z"}));
    assert_eq!(slo["window_definition"], json!("1d"));
    assert_eq!(slo["budgeting"], json!("occurrences"));
    assert_eq!(slo["alert"], json!("page"));
    assert_eq!(slo["status"], json!("breached"));
    let mut budget_keys: Vec<&str> = slo["error_budget"].as_object().unwrap().keys().map(String::as_str).collect();
    budget_keys.sort_unstable();
    assert_eq!(budget_keys, ["allowed", "consumed", "remaining"], "occurrences budgets carry no *_seconds");
    let mut rate_keys: Vec<&str> = slo["burn_rates"].as_object().unwrap().keys().map(String::as_str).collect();
    rate_keys.sort_unstable();
    assert_eq!(rate_keys, ["1d", "1h", "2h", "30m", "3d", "5m", "6h"]);

    let dora = &json["dora"];
    assert_eq!(dora["window"], json!({"start": "2026-08-23T00:00:00Z", "end": "2026-11-21T00:00:00Z"}));
    for scope in [&dora["overall"], &dora["services"]["checkout"], &dora["teams"]["payments"]] {
        for key in [
            "deployments",
            "deployments_per_day",
            "deploy_days_ratio",
            "lead_time_seconds",
            "change_failure_rate",
            "change_failures",
            "recovery_time_seconds",
            "rework_rate",
            "incident_restore_seconds",
        ] {
            assert!(scope.get(key).is_some(), "{key} is missing from {scope}");
        }
    }
    assert_eq!(dora["overall"]["recovery_time_seconds"]["median"], Value::Null, "undefined is null, never NaN");
    for key in ["change_failures", "deployments_while_breached", "bad_event_attribution"] {
        assert!(json["join"].get(key).is_some(), "join.{key} is missing from {}", json["join"]);
    }
}

#[test]
fn timeslice_budgets_are_also_given_as_time() {
    let mut data = dataset();
    let definition = &mut data.slos[0].definition;
    definition.budgeting = Budgeting::Timeslices;
    definition.timeslice_target = Some(0.95);
    let report = build(&data, ReportOptions::default()).unwrap();
    let slo = &report.slos[0];
    // 24 slices; only the last (0.90 < 0.95) is bad. allowed = 0.01 * 24 = 0.24 slices = 0.24 h = 864 s.
    assert_eq!((slo.good, slo.bad, slo.total), (23, 1, 24));
    assert!(close(slo.error_budget.allowed_seconds, 864.0));
    assert!(close(slo.error_budget.consumed_seconds, 3_600.0));
}

#[test]
fn no_data_and_no_as_of_is_an_error_value() {
    let empty = Dataset::default();
    assert_eq!(build(&empty, ReportOptions::default()), Err(ReportError::NoData));
    let as_of = Some(at("2026-11-21T00:00:00Z"));
    let report = build(&empty, ReportOptions { as_of, ..ReportOptions::default() }).unwrap();
    assert!(report.slos.is_empty());
    assert_eq!(report.dora.overall.metrics.deployments, 0);
}

#[test]
fn an_slo_that_cannot_be_evaluated_is_skipped_and_the_rest_of_the_report_stands() {
    let mut data = dataset();
    let mut overflowing = data.slos[0].clone();
    overflowing.definition.id = "big".into();
    // Two buckets of 2^63 events each: the window's total passes u64::MAX.
    overflowing.series.set(0, Some(Counts { good: 1 << 63, total: 1 << 63 }));
    overflowing.series.set(1, Some(Counts { good: 1 << 63, total: 1 << 63 }));
    data.slos.insert(0, overflowing);
    let report = build(&data, ReportOptions::default()).unwrap();
    assert_eq!(report.slos.len(), 1);
    assert_eq!(report.slos[0].id, "checkout-availability");
    assert_eq!(report.skipped_slos.len(), 1);
    assert_eq!(report.skipped_slos[0].slo, "big");
    assert_eq!(report.dora.overall.metrics.deployments, 1);
}

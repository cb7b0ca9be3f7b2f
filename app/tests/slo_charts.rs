#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The SLO detail charts and table row from the SLO engine, on a hand-made SLO.
//!
//! The SLO: objective 99 % over a rolling 1 d window, hourly buckets from 2026-11-20 00:00 UTC for
//! two days, 100 events each, all good except the bucket of 2026-11-21 06:00 with 90 good.
//! The report is as of 2026-11-22 00:00.

use chrono::{DateTime, Utc};
use uptrend_app::charts::Overlays;
use uptrend_app::view_model::evaluations::Evaluations;
use uptrend_app::view_model::slo_charts::{attainment_chart, burn_down_chart, burn_rate_chart, SloChartInput};
use uptrend_app::view_model::slo_table::{slo_rows, Filter};
use uptrend_app::view_model::slo_words::budget_in_words;
use uptrend_core::load::{load, LoadedFile};
use uptrend_core::model::Dataset;

const NOV_20: i64 = 1_795_132_800;
const HOUR: i64 = 3_600;
const DAY: i64 = 86_400;

fn dataset() -> Dataset {
    let good: Vec<String> = (0..48).map(|hour| if hour == 30 { "90" } else { "100" }.to_owned()).collect();
    let total = vec!["100"; 48].join(",");
    let snapshot = format!(
        r#"{{"version": 1, "generated_at": "2026-11-22T00:00:00Z",
          "services": [{{"id": "api", "team": "core"}}],
          "slos": [{{"id": "api-avail", "service": "api", "objective": 0.99, "window": "1d", "budgeting": "occurrences",
                     "sli": {{"start": "2026-11-20T00:00:00Z", "step": "1h", "good": [{}], "total": [{total}]}}}}],
          "deployments": [], "incidents": []}}"#,
        good.join(",")
    );
    let files = vec![LoadedFile { path: "data/s.json".to_owned(), content: Ok(snapshot.into_bytes()) }];
    let loaded = load("data/index.json", br#"{"title": "t", "snapshots": ["s.json"]}"#, files);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    loaded.dataset
}

fn as_of() -> DateTime<Utc> {
    DateTime::from_timestamp(NOV_20 + 2 * DAY, 0).unwrap()
}

fn input(dataset: &Dataset) -> SloChartInput<'_> {
    SloChartInput {
        slo: &dataset.slos[0],
        as_of: as_of(),
        start_secs: NOV_20,
        end_secs: NOV_20 + 2 * DAY,
        width_px: 640,
        overlays: Overlays::default(),
    }
}

#[test]
fn attainment_per_day_with_the_objective_line() {
    let dataset = dataset();
    let chart = attainment_chart(&input(&dataset)).unwrap();
    let days: Vec<(i64, Option<f64>, Option<u64>)> =
        chart.series[0].samples().iter().map(|s| (s.at_secs, s.value, s.n)).collect();
    // Nov 20: 2400 / 2400 = 100 %. Nov 21: 2390 / 2400 = 99.58333 %.
    assert_eq!(days.len(), 2);
    assert_eq!(days[0], (NOV_20, Some(100.0), Some(2_400)));
    assert_eq!(days[1].0, NOV_20 + DAY);
    assert!((days[1].1.unwrap() - 2_390.0 / 2_400.0 * 100.0).abs() < 1e-9);
    assert_eq!(chart.overlays.thresholds[0].label, "objective 99 %");
    assert_eq!(chart.overlays.thresholds[0].value, 99.0);
    assert!(chart.render().unwrap().svg.contains("objective 99 %"));
}

#[test]
fn burn_down_falls_at_the_bad_hour_and_the_forecast_says_it_lasts() {
    let dataset = dataset();
    let burn_down = burn_down_chart(&input(&dataset)).unwrap();
    let points = burn_down.chart.series[0].samples();
    // The window is Nov 21 00:00 - Nov 22 00:00: 2400 events, 1 % = 24 may fail. Points at each of
    // its 24 bucket ends: 100 % until the 06:00 bucket ends (07:00), then 1 - 10 / 24 = 58.333 %.
    assert_eq!(points.len(), 24);
    assert_eq!((points[0].at_secs, points[0].value), (NOV_20 + DAY + HOUR, Some(100.0)));
    assert_eq!(points[5].value, Some(100.0));
    assert_eq!(points[6].at_secs, NOV_20 + DAY + 7 * HOUR);
    assert!((points[6].value.unwrap() - (1.0 - 10.0 / 24.0) * 100.0).abs() < 1e-9);
    // 1-day burn rate (10 / 2400) / 1 % = 0.41667: 58.3 % lasts 0.58333 * 24 h / 0.41667 = 33.6 h,
    // past the window's horizon (24 h after as_of).
    assert!(burn_down.chart.forecast.is_none());
    assert_eq!(burn_down.forecast_note, "At the last day's burn rate the budget lasts past the window.");
}

#[test]
fn burn_rate_thresholds_are_the_page_and_ticket_rules_for_this_window() {
    let dataset = dataset();
    let evaluations = Evaluations::at(&dataset, Some(as_of()));
    let evaluation = evaluations.get("api-avail").unwrap().as_ref().unwrap();
    let chart = burn_rate_chart(&input(&dataset), evaluation).unwrap();
    // 2 % of a 1 d budget in 1 h: 0.02 * 24 = 0.48; 5 % in 6 h: 0.05 * 4 = 0.2; 10 % in 1 d: 0.1;
    // 10 % in 3 d: 0.1 / 3 = 0.033333.
    let thresholds: Vec<(&str, f64)> =
        chart.overlays.thresholds.iter().map(|t| (t.label.as_str(), (t.value * 1e6).round() / 1e6)).collect();
    assert_eq!(
        thresholds,
        [("page > 0.48×", 0.48), ("page > 0.2×", 0.2), ("ticket > 0.1×", 0.1), ("ticket > 0.03×", 0.033333)]
    );
    assert_eq!(chart.series.len(), 2);
    // The 1 h burn rate at 07:00 Nov 21 covers the bad bucket alone: (10 / 100) / 1 % = 10.
    let at_seven = chart.series[0].samples().iter().find(|s| s.at_secs == NOV_20 + DAY + 7 * HOUR).unwrap();
    assert!((at_seven.value.unwrap() - 10.0).abs() < 1e-9);
}

#[test]
fn the_table_row_carries_the_evaluation() {
    let dataset = dataset();
    let evaluations = Evaluations::at(&dataset, Some(as_of()));
    let rows = slo_rows(&dataset, &evaluations, &Filter::default(), None);
    // Attainment over the window: 2390 / 2400; budget remaining 58.333 %.
    assert!((rows[0].attainment_percent.unwrap() - 2_390.0 / 2_400.0 * 100.0).abs() < 1e-9);
    assert!((rows[0].budget_remaining_percent.unwrap() - (1.0 - 10.0 / 24.0) * 100.0).abs() < 1e-9);
    assert!(rows[0].problem.is_none());
}

#[test]
fn the_budget_is_told_in_events() {
    let dataset = dataset();
    let evaluations = Evaluations::at(&dataset, Some(as_of()));
    let evaluation = evaluations.get("api-avail").unwrap().as_ref().unwrap();
    // The 1 d window holds 24 buckets of 100 events; 1 % of 2400 = 24 may fail; 10 did.
    assert_eq!(
        budget_in_words(evaluation),
        "The window holds 2400 events so far, so the budget is 24 failed events; 10 have failed."
    );
}

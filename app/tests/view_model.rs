#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The page models over data loaded by the core: filters, sorting, ranges, traffic series, and a
//! broken snapshot named while the good one loads.

use uptrend_app::route::Sort;
use uptrend_app::view_model::coverage::coverage;
use uptrend_app::view_model::evaluations::Evaluations;
use uptrend_app::view_model::events::{deployments_in, incidents_in};
use uptrend_app::view_model::slo_table::{slo_rows, teams, Filter};
use uptrend_app::view_model::traffic::traffic_series;
use uptrend_core::load::{load, FileStatus, Loaded, LoadedFile};

const XSS: &str = "<img src=x onerror=alert(1)>";

fn snapshot() -> String {
    format!(
        r#"{{"version": 1, "generated_at": "2026-11-21T00:00:00Z",
  "services": [{{"id": "api", "name": "{XSS}", "team": "core"}}, {{"id": "web", "name": "Web", "team": "edge"}}],
  "slos": [
    {{"id": "api-avail", "service": "api", "name": "API up", "objective": 0.999, "window": "28d", "budgeting": "occurrences",
      "sli": {{"start": "2026-11-20T00:00:00Z", "step": "1h", "good": [90, null, 100], "total": [100, null, 100]}}}},
    {{"id": "web-avail", "service": "web", "name": "Web up", "objective": 0.99, "window": "7d", "budgeting": "occurrences",
      "sli": {{"start": "2026-11-20T00:00:00Z", "step": "1h", "good": [5], "total": [5]}}}}
  ],
  "deployments": [
    {{"id": "d1", "service": "api", "finished_at": "2026-11-10T00:00:00Z", "status": "succeeded", "changes": []}},
    {{"id": "d2", "service": "api", "finished_at": "2026-11-20T12:00:00Z", "status": "failed", "changes": []}},
    {{"id": "d3", "service": "web", "environment": "staging", "finished_at": "2026-11-20T12:00:00Z", "status": "succeeded", "changes": []}}
  ],
  "incidents": [
    {{"id": "i1", "service": "api", "started_at": "2026-11-19T23:00:00Z", "resolved_at": "2026-11-20T01:00:00Z"}},
    {{"id": "i2", "service": "api", "started_at": "2026-11-01T00:00:00Z", "resolved_at": "2026-11-01T01:00:00Z"}}
  ]}}"#
    )
}

fn loaded() -> Loaded {
    let manifest = br#"{"title": "Test", "snapshots": ["snapshots/good.json", "snapshots/broken.json"]}"#;
    let files = vec![
        LoadedFile { path: "data/snapshots/good.json".to_owned(), content: Ok(snapshot().into_bytes()) },
        LoadedFile { path: "data/snapshots/broken.json".to_owned(), content: Ok(b"{\"version\": 1,".to_vec()) },
    ];
    load("data/index.json", manifest, files)
}

/// 2026-11-20T00:00:00Z.
const NOV_20: i64 = 1_795_132_800;

#[test]
fn the_broken_snapshot_is_named_and_the_good_one_loads() {
    let loaded = loaded();
    assert_eq!(loaded.files[0].status, FileStatus::Used);
    assert_eq!(loaded.files[1].status, FileStatus::LeftOut);
    assert!(loaded.problems.iter().any(|p| p.is_error() && p.file == "data/snapshots/broken.json"));
    let covered = coverage(&loaded.dataset);
    assert_eq!((covered.services, covered.slos, covered.deployments, covered.incidents), (2, 2, 3, 2));
    // Buckets from Nov 20 00:00: api has 3 hourly buckets, so the SLI span ends at 03:00.
    assert_eq!(covered.sli_span_secs, Some((NOV_20, NOV_20 + 3 * 3_600)));
}

#[test]
fn the_slo_table_filters_by_team_and_sorts() {
    let dataset = loaded().dataset;
    assert_eq!(teams(&dataset), ["core", "edge"]);
    let evaluations = Evaluations::at(&dataset, dataset.latest_generated_at);
    let all = slo_rows(&dataset, &evaluations, &Filter::default(), None);
    // Default order is by service name: "<img…" sorts before "Web".
    assert_eq!(all.iter().map(|r| r.slo_id.as_str()).collect::<Vec<_>>(), ["api-avail", "web-avail"]);
    assert_eq!(all[0].service_name, XSS, "names are kept as data; the view renders them as text");
    let by_objective = Sort { column: "objective".to_owned(), descending: false };
    let sorted = slo_rows(&dataset, &evaluations, &Filter::default(), Some(&by_objective));
    assert_eq!(sorted.iter().map(|r| r.slo_id.as_str()).collect::<Vec<_>>(), ["web-avail", "api-avail"]);
    let edge = slo_rows(&dataset, &evaluations, &Filter { team: Some("edge".to_owned()), service: None }, None);
    assert_eq!(edge.len(), 1);
    assert_eq!(edge[0].slo_id, "web-avail");
}

#[test]
fn events_in_a_range_are_production_deployments_and_overlapping_incidents() {
    let dataset = loaded().dataset;
    // Range: Nov 15 00:00 to Nov 21 00:00. d1 (Nov 10) is before it, d3 is staging.
    let (start, end) = (NOV_20 - 5 * 86_400, NOV_20 + 86_400);
    let deployments = deployments_in(&dataset, None, start, end);
    assert_eq!(deployments.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(), ["d2"]);
    assert!(deployments[0].marker().failed);
    // i1 (Nov 19 23:00 - Nov 20 01:00) overlaps; i2 (Nov 1) does not.
    let incidents = incidents_in(&dataset, Some("api"), start, end);
    assert_eq!(incidents.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(), ["i1"]);
    assert_eq!(incidents[0].cells()[4], "2026-11-20 01:00 UTC");
}

#[test]
fn traffic_series_show_recorded_and_bad_events_with_gaps() {
    let dataset = loaded().dataset;
    let slo = dataset.slos.iter().find(|slo| slo.definition.id == "api-avail").unwrap();
    let (total, bad) = traffic_series(slo);
    let values = |series: &uptrend_app::charts::Series| series.samples().iter().map(|s| s.value).collect::<Vec<_>>();
    // Bucket 0: 100 events, 100 - 90 = 10 bad; bucket 1 has no data; bucket 2: 100 events, 0 bad.
    assert_eq!(values(&total), [Some(100.0), None, Some(100.0)]);
    assert_eq!(values(&bad), [Some(10.0), None, Some(0.0)]);
    assert_eq!(total.samples()[2].at_secs, NOV_20 + 2 * 3_600);
}

#[test]
fn a_previous_window_before_the_data_gives_no_deltas() {
    use uptrend_app::view_model::dora_view::{scorecard, NO_EARLIER_DATA};
    let dataset = loaded().dataset;
    let as_of = chrono::DateTime::from_timestamp(NOV_20 + 86_400, 0).unwrap_or_default();
    // 28 days back the previous window ends 2026-10-24: the first record (i2) is 2026-11-01.
    let month = uptrend_core::dora::compute(&dataset, as_of, "28d".parse().unwrap());
    let deltas: Vec<String> = scorecard(&month.overall).into_iter().map(|row| row.delta).collect();
    assert!(deltas.iter().all(|delta| delta == NO_EARLIER_DATA), "{deltas:?}");
    // 7 days back it ends 2026-11-14, after d1 (2026-11-10) and i2: the deltas are computed.
    let week = uptrend_core::dora::compute(&dataset, as_of, "7d".parse().unwrap());
    let deltas: Vec<String> = scorecard(&week.overall).into_iter().map(|row| row.delta).collect();
    assert!(deltas.iter().all(|delta| delta != NO_EARLIER_DATA), "{deltas:?}");
    assert!(deltas.iter().any(|delta| delta.ends_with("better") || delta.ends_with("worse")), "{deltas:?}");
}

/// The demo data as the site ships it, from its JSON snapshots.
fn demo() -> Loaded {
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../data");
    let manifest = std::fs::read(data.join("index.json")).unwrap();
    let files = uptrend_core::load::snapshot_paths("data/index.json", &manifest)
        .unwrap()
        .into_iter()
        .map(|path| {
            let content = std::fs::read(data.join(path.trim_start_matches("data/"))).map_err(|e| e.to_string());
            LoadedFile { path, content }
        })
        .collect();
    load("data/index.json", &manifest, files)
}

#[test]
fn every_records_tab_counts_the_rows_its_list_shows() {
    use uptrend_app::route::Drill;
    use uptrend_app::view_model::drill_rows::{drill_counts, drill_table};
    use uptrend_core::dora::{DeliveryFacts, DoraReport, Period, Scope};

    let loaded = demo();
    let as_of = loaded.dataset.latest_generated_at.unwrap();
    let facts = DeliveryFacts::new(&loaded.dataset, as_of);
    let names = Default::default();
    let scopes = [Scope::Overall, Scope::Service("checkout".to_owned()), Scope::Team("payments".to_owned())];
    let periods = [28, 90, 365].map(|days| Period { start: as_of - chrono::TimeDelta::days(days), end: as_of });
    let mut listed = 0;
    for (scope, period) in scopes.iter().flat_map(|scope| periods.iter().map(move |period| (scope, period))) {
        let report = DoraReport::for_period(&facts, *period);
        let metrics = match scope {
            Scope::Overall => &report.overall.metrics,
            Scope::Service(id) => &report.services[id].metrics,
            Scope::Team(name) => &report.teams[name].metrics,
        };
        for (drill, count) in Drill::ALL.into_iter().zip(drill_counts(metrics)) {
            let rows = drill_table(&facts, scope, period, drill, &names).rows.len();
            assert_eq!(count, rows, "{drill:?} of {scope:?} over {period:?}");
            listed += rows;
        }
    }
    assert!(listed > 1_000, "the demo data fills the lists: {listed} rows");
}

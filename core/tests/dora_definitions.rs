#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Every DORA definition of issue 4 on one hand-made company, with the arithmetic in comments.
//!
//! as_of 2026-03-01T00:00Z, window 10 days: [02-19, 03-01); previous window [02-09, 02-19).
//! Services: api and web (team core), cart and search (team shop), batch (no team).
//!
//! | deployment | service | finished (2026-02-) | status | changes (committed) | notes |
//! |---|---|---|---|---|---|
//! | d0 | api | 15 12:00 | ok | c0 (15 10:00) | previous window |
//! | d1 | api | 20 10:00 | failed | c1 (20 08:00) | recovers at d2 |
//! | s1 | api | 20 11:00 | ok, staging | c1 | ignored |
//! | d2 | api | 20 12:00 | ok | c1, c2 (20 11:00) | |
//! | d3 | web | 21 09:00 | ok | c3 (20 09:00) | caused i1 |
//! | d4 | cart | 21 09:30 | ok | c4 (21 09:00) | caused i1 and i2 (open) |
//! | d6 | api | 23 08:00 | rolled back | c5 (23 07:00) | recovers at d7 |
//! | d7 | api | 23 09:00 | ok, fixes i1 | c5, c6 (23 09:30) | c6 is an anomaly |
//! | d8 | cart | 25 00:00 | ok | c7 (23 00:00) | i5 (after as_of) blames it |
//! | d9 | batch | 26 00:00 | ok | none | |
//! | d10 | api | 03-01 00:00 | ok | | finished at as_of: unknown |
//!
//! Incidents: i1 web 21 10:00–13:00 caused by d3, d4; i2 cart 22 00:00 unresolved caused by d4;
//! i3 web 27 00:00 resolved 03-02 (after as_of); i4 web 28 00:00–00:30, no cause; i5 cart 03-01 01:00.

mod common;

use common::*;
use uptrend_core::dora::{self, DeliveryFacts, Period, RecoveredBy, Recovery, Scope, TierLevel};
use uptrend_core::model::{Dataset, DeployStatus};
use uptrend_core::time::Span;

fn company() -> Dataset {
    dataset(
        vec![
            service("api", Some("core")),
            service("batch", None),
            service("cart", Some("shop")),
            service("search", Some("shop")),
            service("web", Some("core")),
        ],
        vec![
            deploy("d0", "api", "2026-02-15T12:00:00Z").change("c0", "2026-02-15T10:00:00Z"),
            deploy("d1", "api", "2026-02-20T10:00:00Z")
                .status(DeployStatus::Failed)
                .change("c1", "2026-02-20T08:00:00Z"),
            deploy("s1", "api", "2026-02-20T11:00:00Z").env("staging").change("c1", "2026-02-20T08:00:00Z"),
            deploy("d2", "api", "2026-02-20T12:00:00Z")
                .change("c1", "2026-02-20T08:00:00Z")
                .change("c2", "2026-02-20T11:00:00Z"),
            deploy("d3", "web", "2026-02-21T09:00:00Z").change("c3", "2026-02-20T09:00:00Z"),
            deploy("d4", "cart", "2026-02-21T09:30:00Z").change("c4", "2026-02-21T09:00:00Z"),
            deploy("d6", "api", "2026-02-23T08:00:00Z")
                .status(DeployStatus::RolledBack)
                .change("c5", "2026-02-23T07:00:00Z"),
            deploy("d7", "api", "2026-02-23T09:00:00Z")
                .fixes("i1")
                .change("c5", "2026-02-23T07:00:00Z")
                .change("c6", "2026-02-23T09:30:00Z"),
            deploy("d8", "cart", "2026-02-25T00:00:00Z").change("c7", "2026-02-23T00:00:00Z"),
            deploy("d9", "batch", "2026-02-26T00:00:00Z"),
            deploy("d10", "api", "2026-03-01T00:00:00Z").change("c8", "2026-02-28T00:00:00Z"),
        ],
        vec![
            incident("i1", "web", "2026-02-21T10:00:00Z", Some("2026-02-21T13:00:00Z"), &["d3", "d4"]),
            incident("i2", "cart", "2026-02-22T00:00:00Z", None, &["d4"]),
            incident("i3", "web", "2026-02-27T00:00:00Z", Some("2026-03-02T00:00:00Z"), &[]),
            incident("i4", "web", "2026-02-28T00:00:00Z", Some("2026-02-28T00:30:00Z"), &[]),
            incident("i5", "cart", "2026-03-01T01:00:00Z", None, &["d8"]),
        ],
    )
}

fn as_of() -> chrono::DateTime<chrono::Utc> {
    at("2026-03-01T00:00:00Z")
}

fn ten_days() -> Span {
    "10d".parse().unwrap()
}

#[test]
fn the_window_ends_at_as_of() {
    let report = dora::compute(&company(), as_of(), ten_days());
    assert_eq!(report.window, Period { start: at("2026-02-19T00:00:00Z"), end: as_of() });
    assert_eq!(report.previous_window, Period { start: at("2026-02-09T00:00:00Z"), end: at("2026-02-19T00:00:00Z") });
}

#[test]
fn deployment_frequency_counts_known_production_deployments_of_the_window() {
    let overall = dora::compute(&company(), as_of(), ten_days()).overall.metrics;
    // d1 d2 d3 d4 d6 d7 d8 d9 (s1 is staging, d10 finished at as_of, d0 is before): 8 / 10 days.
    assert_eq!(overall.deployments, 8);
    assert_close(overall.deployments_per_day, 0.8);
    // Dates 20, 21, 23, 25, 26: 5 of the 10 dates the window touches.
    assert_eq!(overall.deploy_days, 5);
    assert_close(overall.deploy_days_ratio, 0.5);
    // Gaps: 2 h, 21 h, 30 min, 46.5 h, 1 h, 39 h, 24 h = 7,200 75,600 1,800 167,400 3,600 140,400 86,400;
    // sorted, the 4th of 7 is 75,600.
    assert_eq!(overall.time_between_deployments_seconds.n, 7);
    assert_close(overall.time_between_deployments_seconds.median, 75_600.0);
}

#[test]
fn lead_time_counts_each_change_once_at_its_first_succeeded_production_deployment() {
    let lead = dora::compute(&company(), as_of(), ten_days()).overall.metrics.lead_time_seconds;
    // c1 at d2 (not failed d1, not staging s1): 4 h = 14,400; c2 1 h = 3,600; c3 24 h = 86,400;
    // c4 30 min = 1,800; c5 at d7 (not rolled-back d6): 2 h = 7,200; c7 48 h = 172,800;
    // c6 committed 30 min after d7 finished: an anomaly.
    // Sorted: 1,800 3,600 7,200 14,400 86,400 172,800.
    assert_eq!((lead.n, lead.anomalies), (6, 1));
    // Even count: (7,200 + 14,400) / 2 = 10,800.
    assert_close(lead.median, 10_800.0);
    // Rank 0.9 × 5 = 4.5: 86,400 + 0.5 × (172,800 − 86,400) = 129,600.
    assert_close(lead.p90, 129_600.0);
}

#[test]
fn change_fail_rate_counts_distinct_failed_deployments() {
    let overall = dora::compute(&company(), as_of(), ten_days()).overall.metrics;
    // d1 failed, d6 rolled back, d3 and d4 caused i1 (d4 also i2): 4 of 8. i5 started after as_of,
    // so d8 is not a failure; i4 has no cause and blames nobody.
    assert_eq!(overall.change_failures, 4);
    assert_close(overall.change_failure_rate, 0.5);
}

#[test]
fn recovery_uses_incident_resolution_or_the_next_healthy_deployment() {
    let overall = dora::compute(&company(), as_of(), ten_days()).overall.metrics;
    // d1 → d2 (staging s1 does not count): 2 h; d6 → d7: 1 h; d3 → i1 resolved 13:00: 4 h;
    // d4 → i2 unresolved: open. Sorted 3,600 7,200 14,400: median 7,200.
    assert_eq!((overall.recovery_time_seconds.n, overall.recovery_time_seconds.open), (3, 1));
    assert_close(overall.recovery_time_seconds.median, 7_200.0);

    let data = company();
    let facts = DeliveryFacts::new(&data, as_of());
    let rows = facts.deployments_in(&Scope::Overall, &Period { start: at("2026-02-19T00:00:00Z"), end: as_of() });
    let d1 = rows.iter().find(|row| row.id == "d1").unwrap();
    let d2_index = data.deployments.iter().position(|d| d.id == "d2").unwrap();
    assert_eq!(
        d1.recovery,
        Some(Recovery::Recovered { at: at("2026-02-20T12:00:00Z"), by: RecoveredBy::NextDeployment(d2_index) })
    );
    let d4 = rows.iter().find(|row| row.id == "d4").unwrap();
    assert_eq!((d4.recovery, d4.caused_incidents.clone()), (Some(Recovery::Open), vec!["i1", "i2"]));
}

#[test]
fn rework_rate_counts_deployments_fixing_an_incident() {
    let overall = dora::compute(&company(), as_of(), ten_days()).overall.metrics;
    // d7 fixes i1: 1 / 8.
    assert_eq!(overall.rework_deployments, 1);
    assert_close(overall.rework_rate, 0.125);
}

#[test]
fn incident_restore_treats_a_resolution_after_as_of_as_open() {
    let restore = dora::compute(&company(), as_of(), ten_days()).overall.metrics.incident_restore_seconds;
    // i1 3 h = 10,800; i4 30 min = 1,800; i2 unresolved and i3 resolved after as_of are open; i5 unknown.
    // Median (1,800 + 10,800) / 2 = 6,300.
    assert_eq!((restore.n, restore.open), (2, 2));
    assert_close(restore.median, 6_300.0);
}

#[test]
fn every_service_and_team_is_reported_and_a_team_sums_its_services() {
    let report = dora::compute(&company(), as_of(), ten_days());
    assert_eq!(report.services.keys().collect::<Vec<_>>(), ["api", "batch", "cart", "search", "web"]);
    assert_eq!(report.teams.keys().collect::<Vec<_>>(), ["core", "shop"]);

    let api = &report.services["api"].metrics;
    // d1 d2 d6 d7: 4 / 10 days; failures d1, d6; leads 14,400 3,600 7,200 → median 7,200;
    // recoveries 7,200 and 3,600 → median 5,400; d7 is rework; no api incidents.
    assert_eq!((api.deployments, api.change_failures), (4, 2));
    assert_close(api.deployments_per_day, 0.4);
    assert_close(api.lead_time_seconds.median, 7_200.0);
    assert_close(api.recovery_time_seconds.median, 5_400.0);
    assert_close(api.rework_rate, 0.25);
    assert_eq!(api.incident_restore_seconds.median, None);

    let core = &report.teams["core"];
    assert_eq!(core.covers_services, ["api", "web"]);
    // api + web: d1 d2 d3 d6 d7 = 5, failures d1 d3 d6 = 3 / 5; recoveries 7,200 14,400 3,600 → 7,200;
    // leads 14,400 3,600 86,400 7,200 → (7,200 + 14,400) / 2 = 10,800; incidents i1, i3 (open), i4.
    assert_eq!(core.metrics.deployments, 5);
    assert_close(core.metrics.change_failure_rate, 0.6);
    assert_close(core.metrics.recovery_time_seconds.median, 7_200.0);
    assert_close(core.metrics.lead_time_seconds.median, 10_800.0);
    assert_eq!((core.metrics.incident_restore_seconds.n, core.metrics.incident_restore_seconds.open), (2, 1));

    // search never deployed: zeros and nulls, never NaN.
    let search = &report.services["search"].metrics;
    assert_eq!((search.deployments, search.deployments_per_day), (0, Some(0.0)));
    assert_eq!((search.change_failure_rate, search.rework_rate, search.lead_time_seconds.median), (None, None, None));
    assert_eq!(report.services["search"].tiers.change_failure_rate.level, TierLevel::TooFewData);
}

#[test]
fn the_previous_window_gives_deltas() {
    let overall = dora::compute(&company(), as_of(), ten_days()).overall;
    // Previous window: d0 only (1 / 10 days), c0 lead 2 h.
    assert_eq!(overall.previous.deployments, 1);
    assert_close(overall.previous.lead_time_seconds.median, 7_200.0);
    // 0.8 − 0.1 = 0.7; 10,800 − 7,200 = 3,600; CFR 0.5 − 0 = 0.5.
    assert_close(overall.delta.deployments_per_day, 0.7);
    assert_close(overall.delta.lead_time_median_seconds, 3_600.0);
    assert_close(overall.delta.change_failure_rate, 0.5);
    assert_eq!(overall.delta.recovery_time_median_seconds, None);
}

#[test]
fn the_previous_window_has_data_only_where_a_record_precedes_its_end() {
    let report = dora::compute(&company(), as_of(), ten_days());
    // The previous window ends 2026-02-19. Before it: d0 (api, 02-15) only. web starts 02-21 (d3, i1),
    // cart 02-21 (d4), batch 02-26 (d9); search has nothing.
    assert!(report.overall.previous_has_data);
    let has_data = |id: &str| report.services[id].previous_has_data;
    assert!(has_data("api"));
    assert!(!has_data("web") && !has_data("cart") && !has_data("batch") && !has_data("search"));
    // core = api + web; shop = cart + search.
    assert!(report.teams["core"].previous_has_data);
    assert!(!report.teams["shop"].previous_has_data);
    // At a 5-day window the previous one ends 02-24: web, cart have records before it; batch still not.
    let shorter = dora::compute(&company(), as_of(), "5d".parse().unwrap());
    assert!(shorter.services["web"].previous_has_data && shorter.services["cart"].previous_has_data);
    assert!(!shorter.services["batch"].previous_has_data);
    // No record at all: nothing before any window.
    let empty = dora::compute(&dataset(vec![service("api", None)], vec![], vec![]), as_of(), ten_days());
    assert!(!empty.overall.previous_has_data && !empty.services["api"].previous_has_data);
}

#[test]
fn a_record_at_the_previous_windows_end_is_not_before_it_and_an_incident_counts_as_data() {
    // At 10 days the previous window ends 2026-02-19T00:00:00Z (exclusive).
    let data = dataset(
        vec![service("edge", None), service("quiet", None)],
        vec![deploy("e1", "edge", "2026-02-19T00:00:00Z"), deploy("e2", "edge", "2026-02-25T00:00:00Z")],
        vec![incident("q1", "quiet", "2026-02-10T00:00:00Z", Some("2026-02-10T01:00:00Z"), &[])],
    );
    let report = dora::compute(&data, as_of(), ten_days());
    assert!(!report.services["edge"].previous_has_data);
    assert!(report.services["quiet"].previous_has_data);
    assert!(report.overall.previous_has_data);
}

#[test]
fn trends_cover_every_iso_week_and_month_of_the_data_with_n() {
    let overall = dora::compute(&company(), as_of(), ten_days()).overall;
    let weekly: Vec<(&str, u64)> =
        overall.trends.weekly.iter().map(|bucket| (bucket.label.as_str(), bucket.metrics.deployments)).collect();
    // Mondays 02-09, 02-16, 02-23: d0 | d1 d2 d3 d4 | d6 d7 d8 d9.
    assert_eq!(weekly, [("2026-W07", 1), ("2026-W08", 4), ("2026-W09", 4)]);
    let last = &overall.trends.weekly[2];
    // Cut at as_of (Sunday 03-01): 6 days, 4 / 6 per day.
    assert_eq!(last.end, as_of());
    assert_close(last.metrics.deployments_per_day, 4.0 / 6.0);
    // W08 leads: c1 14,400 c2 3,600 c3 86,400 c4 1,800 → n 4, median (3,600 + 14,400) / 2 = 9,000.
    assert_eq!(overall.trends.weekly[1].metrics.lead_time_seconds.n, 4);
    assert_close(overall.trends.weekly[1].metrics.lead_time_seconds.median, 9_000.0);

    let monthly: Vec<(&str, u64)> =
        overall.trends.monthly.iter().map(|bucket| (bucket.label.as_str(), bucket.metrics.deployments)).collect();
    assert_eq!(monthly, [("2026-02", 9)]);
    assert_close(overall.trends.monthly[0].metrics.deployments_per_day, 9.0 / 28.0);
}

#[test]
fn drill_down_lists_add_up_to_the_numbers() {
    let data = company();
    let facts = DeliveryFacts::new(&data, as_of());
    let window = Period { start: at("2026-02-19T00:00:00Z"), end: as_of() };
    let deployments = facts.deployments_in(&Scope::Overall, &window);
    assert_eq!(deployments.len(), 8);
    assert_eq!(deployments.iter().filter(|row| row.change_failure).count(), 4);
    let changes = facts.changes_in(&Scope::Service("api".into()), &window);
    let ids: Vec<(&str, &str, bool)> = changes.iter().map(|row| (row.id, row.deployment, row.anomaly)).collect();
    assert_eq!(ids, [("c1", "d2", false), ("c2", "d2", false), ("c5", "d7", false), ("c6", "d7", true)]);
    let incidents = facts.incidents_in(&Scope::Team("core".into()), &window);
    let ids: Vec<(&str, Option<i64>)> = incidents.iter().map(|row| (row.id, row.restore_seconds)).collect();
    assert_eq!(ids, [("i1", Some(10_800)), ("i3", None), ("i4", Some(1_800))]);
}

#[test]
fn no_deployments_give_zero_frequency_and_null_rates() {
    let data = dataset(vec![service("api", Some("core"))], Vec::new(), Vec::new());
    let report = dora::compute(&data, as_of(), ten_days());
    let overall = &report.overall.metrics;
    assert_eq!(
        (overall.deployments, overall.deployments_per_day, overall.deploy_days_ratio),
        (0, Some(0.0), Some(0.0))
    );
    assert_eq!((overall.change_failure_rate, overall.rework_rate), (None, None));
    assert_eq!(overall.time_between_deployments_seconds.median, None);
    assert!(report.overall.trends.weekly.is_empty());
    assert_eq!(report.teams["core"].metrics.deployments, 0);
}

#[test]
fn one_sample_is_its_own_median_and_p90() {
    let data = dataset(
        vec![service("api", None)],
        vec![deploy("d1", "api", "2026-02-28T12:00:00Z").change("c1", "2026-02-28T11:00:00Z")],
        Vec::new(),
    );
    let lead = dora::compute(&data, as_of(), ten_days()).overall.metrics.lead_time_seconds;
    assert_eq!((lead.median, lead.p90, lead.n), (Some(3_600.0), Some(3_600.0), 1));
}

#[test]
fn odd_and_even_lead_time_counts() {
    let deployments = |count: usize| {
        (0..count)
            .map(|i| {
                // Lead times 1 h, 2 h, 3 h, ... (change i committed i+1 hours before 02-28 12:00).
                let committed = at("2026-02-28T12:00:00Z") - chrono::TimeDelta::hours(i as i64 + 1);
                let mut deployment = deploy(&format!("d{i}"), "api", "2026-02-28T12:00:00Z");
                deployment.changes.push(uptrend_core::model::Change::new(format!("c{i}"), committed));
                deployment
            })
            .collect()
    };
    let odd = dataset(vec![service("api", None)], deployments(3), Vec::new());
    let even = dataset(vec![service("api", None)], deployments(4), Vec::new());
    // 1 h, 2 h, 3 h → 2 h; 1 h … 4 h → (2 h + 3 h) / 2 = 9,000 s.
    assert_close(dora::compute(&odd, as_of(), ten_days()).overall.metrics.lead_time_seconds.median, 7_200.0);
    assert_close(dora::compute(&even, as_of(), ten_days()).overall.metrics.lead_time_seconds.median, 9_000.0);
}

#[test]
fn iso_week_53_holds_the_first_days_of_2021() {
    let data = dataset(
        vec![service("api", None)],
        vec![
            deploy("a", "api", "2020-12-31T10:00:00Z"),
            deploy("b", "api", "2021-01-02T10:00:00Z"),
            deploy("c", "api", "2021-01-04T10:00:00Z"),
        ],
        Vec::new(),
    );
    let trends = dora::compute(&data, at("2021-01-05T00:00:00Z"), ten_days()).overall.trends;
    let weekly: Vec<(&str, u64)> = trends.weekly.iter().map(|b| (b.label.as_str(), b.metrics.deployments)).collect();
    assert_eq!(weekly, [("2020-W53", 2), ("2021-W01", 1)]);
    assert_eq!(trends.weekly[0].start, at("2020-12-28T00:00:00Z"));
    let monthly: Vec<(&str, u64)> = trends.monthly.iter().map(|b| (b.label.as_str(), b.metrics.deployments)).collect();
    assert_eq!(monthly, [("2020-12", 1), ("2021-01", 2)]);
}

#[test]
fn tiers_need_five_samples_and_carry_the_report_year() {
    // 10 healthy deployments in 10 days, each with a 2 h lead time.
    let deployments = (0..10)
        .map(|day| {
            let finished = format!("2026-02-{:02}T12:00:00Z", 19 + day);
            deploy(&format!("d{day}"), "api", &finished)
                .change(&format!("c{day}"), &format!("2026-02-{:02}T10:00:00Z", 19 + day))
        })
        .collect();
    let report = dora::compute(&dataset(vec![service("api", None)], deployments, Vec::new()), as_of(), ten_days());
    let tiers = report.overall.tiers;
    // 1 deployment a day is "between once per day and once per week": high. Lead 2 h < 1 day: elite.
    assert_eq!(tiers.deployment_frequency.level, TierLevel::High);
    assert_eq!(tiers.lead_time.level, TierLevel::Elite);
    assert_eq!(tiers.change_failure_rate.level, TierLevel::Elite);
    assert_eq!(tiers.recovery_time.level, TierLevel::TooFewData);
    assert_eq!(tiers.lead_time.report_year, 2024);
    // Score of 1/day sits on the high|elite boundary: 7.5; CFR 0: 10.
    assert_close(report.overall.scores.deployment_frequency, 7.5);
    assert_close(report.overall.scores.change_failure_rate, 10.0);
    assert_eq!(report.overall.scores.recovery_time, None);
}

#[test]
fn environments_declared_production_count_and_others_do_not() {
    let mut eu = deploy("eu", "api", "2026-02-20T10:00:00Z").env("production-eu").change("c1", "2026-02-20T08:00:00Z");
    eu.production = Some(true);
    let us = deploy("us", "api", "2026-02-20T11:00:00Z").env("production-us").change("c1", "2026-02-20T08:00:00Z");
    let mut opted_out = deploy("x", "api", "2026-02-20T12:00:00Z").change("c2", "2026-02-20T09:00:00Z");
    opted_out.production = Some(false);
    let data = dataset(vec![service("api", None)], vec![eu, us, opted_out], Vec::new());
    let metrics = dora::compute(&data, as_of(), ten_days()).overall.metrics;
    // Only "eu" counts: production-us is not declared, "x" is declared not production.
    assert_eq!(metrics.deployments, 1);
    // c1 at eu: 10:00 − 08:00 = 2 h.
    assert_eq!(metrics.lead_time_seconds.median, Some(7_200.0));
}

#[test]
fn lead_time_is_per_change_of_each_repository() {
    let mut web = uptrend_core::model::Change::new("c1", at("2026-02-20T09:00:00Z"));
    web.set_repository(Some("acme/web".into()));
    let mut release = deploy("r1", "api", "2026-02-20T12:00:00Z").change("c1", "2026-02-20T08:00:00Z");
    release.changes.push(web);
    let data = dataset(vec![service("api", None)], vec![release], Vec::new());
    let lead = dora::compute(&data, as_of(), ten_days()).overall.metrics.lead_time_seconds;
    // Two changes named c1 in two repositories: 4 h and 3 h, median 3.5 h = 12,600 s.
    assert_eq!(lead.n, 2);
    assert_eq!(lead.median, Some(12_600.0));
}

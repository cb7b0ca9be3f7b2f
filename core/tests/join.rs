#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The SLO x DORA join on a hand-made day of a service, with the arithmetic in comments.
//!
//! SLO `api-availability` (service api): occurrences, objective 0.9, rolling 1d, hourly buckets from
//! 2026-03-01T00:00Z for 48 hours, 100 events each, all good except (hours counted from 03-01 00:00):
//! hour 25 (03-02 01:00) 100 bad, hour 26 (02:00) 100 bad, hour 40 (16:00) 50 bad, hour 44 (20:00) 30 bad.
//! A day of traffic is 24 × 100 = 2,400 events: the allowed budget is 0.1 × 2,400 = 240.
//!
//! as_of 2026-03-03T00:00Z, DORA window 2d = [03-01, 03-03). Deployments of api on 03-02:
//! d1 01:00 failed (recovers at d2), d2 03:00 ok, d4 16:00 rolled back (recovers at d3), d3 18:00 ok,
//! d5 22:00 failed (open). web has d6 12:00 ok and no SLO.

mod common;

use chrono::TimeDelta;
use common::*;
use uptrend_core::dora::DeliveryFacts;
use uptrend_core::join;
use uptrend_core::model::{Budgeting, Counts, DeployStatus, SliSeries, SloData, SloDefinition};

fn availability() -> SloData {
    let mut buckets = vec![Some(Counts { good: 100, total: 100 }); 48];
    for (hour, bad) in [(25, 100), (26, 100), (40, 50), (44, 30)] {
        buckets[hour] = Some(Counts { good: 100 - bad, total: 100 });
    }
    SloData {
        definition: SloDefinition {
            id: "api-availability".into(),
            service: "api".into(),
            name: None,
            objective: 0.9,
            window: "1d".parse().unwrap(),
            budgeting: Budgeting::Occurrences,
            timeslice_target: None,
        },
        series: SliSeries::from_buckets(at("2026-03-01T00:00:00Z"), "1h".parse().unwrap(), buckets),
    }
}

fn report() -> join::JoinReport {
    let mut data = dataset(
        vec![service("api", Some("core")), service("web", Some("core"))],
        vec![
            deploy("d1", "api", "2026-03-02T01:00:00Z").status(DeployStatus::Failed),
            deploy("d2", "api", "2026-03-02T03:00:00Z"),
            deploy("d4", "api", "2026-03-02T16:00:00Z").status(DeployStatus::RolledBack),
            deploy("d3", "api", "2026-03-02T18:00:00Z"),
            deploy("d5", "api", "2026-03-02T22:00:00Z").status(DeployStatus::Failed),
            deploy("d6", "web", "2026-03-02T12:00:00Z"),
        ],
        Vec::new(),
    );
    data.slos = vec![availability()];
    let facts = DeliveryFacts::new(&data, at("2026-03-03T00:00:00Z"));
    join::compute(&facts, "2d".parse().unwrap())
}

#[test]
fn each_change_failure_gets_the_budget_it_burned() {
    let report = report();
    let burns: Vec<(&str, bool, u64)> = report
        .change_failures
        .iter()
        .map(|failure| (failure.deployment.as_str(), failure.open, failure.slos[0].bad))
        .collect();
    // d1 [01:00, 03:00): hours 25 + 26 = 200 bad; d4 [16:00, 18:00): hours 40 + 41 = 50;
    // d5 [22:00, as_of), still open: hours 46 + 47 = 0.
    assert_eq!(burns, [("d1", false, 200), ("d4", false, 50), ("d5", true, 0)]);
    let d1 = &report.change_failures[0];
    assert_eq!(d1.until, at("2026-03-02T03:00:00Z"));
    // Allowed in the day ending 03:00: 0.1 × 2,400 = 240; 200 / 240 = 0.8333.
    assert_close(Some(d1.slos[0].allowed), 240.0);
    assert_close(d1.slos[0].budget_share, 200.0 / 240.0);
    assert_close(report.change_failures[1].slos[0].budget_share, 50.0 / 240.0);
    assert_close(report.change_failures[2].slos[0].budget_share, 0.0);
    assert_eq!(report.change_failures[2].until, at("2026-03-03T00:00:00Z"));
}

#[test]
fn deployments_made_while_an_slo_was_breached_are_listed_per_service() {
    let report = report();
    let api: Vec<&str> = report.deployments_while_breached["api"].iter().map(|row| row.deployment.as_str()).collect();
    // Bad events in the day before each deployment: d1 0, d2 200 (< 240: at risk, not breached),
    // d4 200, d3 250 (> 240: breached), d5 280 (breached).
    assert_eq!(api, ["d3", "d5"]);
    assert_eq!(report.deployments_while_breached["api"][0].breached_slos, ["api-availability"]);
    // web has no SLO: present, with nothing listed.
    assert!(report.deployments_while_breached["web"].is_empty());
}

#[test]
fn bad_events_are_split_between_change_failures_and_the_rest() {
    let attribution = report().bad_event_attribution["api-availability"];
    // Window bad: 100 + 100 + 50 + 30 = 280; inside failure windows 200 + 50 + 0 = 250; outside 30 (hour 44).
    assert_eq!((attribution.bad, attribution.bad_in_change_failures, attribution.bad_outside), (280, 250, 30));
    assert_close(attribution.change_failure_share, 250.0 / 280.0);
}

#[test]
fn overlapping_failure_windows_count_each_bucket_once() {
    // Two failures 10 minutes apart inside hour 25, both recovered by d2 at 03:00: the union
    // [01:00, 03:00) holds 200 bad events, not 400.
    let mut data = dataset(
        vec![service("api", None)],
        vec![
            deploy("a", "api", "2026-03-02T01:00:00Z").status(DeployStatus::Failed),
            deploy("b", "api", "2026-03-02T01:10:00Z").status(DeployStatus::Failed),
            deploy("ok", "api", "2026-03-02T03:00:00Z"),
        ],
        Vec::new(),
    );
    data.slos = vec![availability()];
    let facts = DeliveryFacts::new(&data, at("2026-03-03T00:00:00Z"));
    let report = join::compute(&facts, "2d".parse().unwrap());
    let attribution = report.bad_event_attribution["api-availability"];
    assert_eq!((attribution.bad, attribution.bad_in_change_failures), (280, 200));
    // Each failure on its own still reports its own burn: both windows cover hours 25 and 26.
    assert_eq!(report.change_failures.iter().map(|f| f.slos[0].bad).collect::<Vec<_>>(), [200, 200]);
}

#[test]
fn a_failure_before_the_window_counts_where_its_recovery_reaches_into_it_and_one_after_does_not() {
    // Window [03-02 00:00, 03-02 12:00) of a custom range, data known at 03-03 00:00.
    // f failed at 03-01 23:00 (before the window) and recovered by ok at 03-02 02:00: its failure
    // window [03-01 23:00, 03-02 02:00) reaches into the window for hours 24 and 25 -> 0 + 100 bad.
    // g failed at 03-02 13:00, after the window (its failure, hour 44's 30 bad included, is not in it).
    // Window bad: hours 24..=35 -> 100 (hour 25) + 100 (hour 26) = 200; inside failures 100, outside 100.
    let mut data = dataset(
        vec![service("api", None)],
        vec![
            deploy("f", "api", "2026-03-01T23:00:00Z").status(DeployStatus::Failed),
            deploy("ok", "api", "2026-03-02T02:00:00Z"),
            deploy("g", "api", "2026-03-02T13:00:00Z").status(DeployStatus::Failed),
        ],
        Vec::new(),
    );
    data.slos = vec![availability()];
    let facts = DeliveryFacts::new(&data, at("2026-03-03T00:00:00Z"));
    let window = uptrend_core::dora::Period { start: at("2026-03-02T00:00:00Z"), end: at("2026-03-02T12:00:00Z") };
    let report = join::compute_in(&facts, window);
    let attribution = report.bad_event_attribution["api-availability"];
    assert_eq!((attribution.bad, attribution.bad_in_change_failures, attribution.bad_outside), (200, 100, 100));
    // Neither failure finished in the window: none is listed with its burn.
    assert!(report.change_failures.is_empty());
    // ok at 02:00: the day before holds hour 25's 100 bad (< 240): not breached.
    assert!(report.deployments_while_breached["api"].is_empty());
}

#[test]
fn an_slo_without_traffic_has_no_budget_share_and_nothing_panics_at_the_edges() {
    let mut data = dataset(
        vec![service("api", None)],
        vec![deploy("a", "api", "2026-03-02T01:00:00Z").status(DeployStatus::Failed)],
        Vec::new(),
    );
    let mut idle = availability();
    idle.series =
        SliSeries::from_buckets(idle.series.start, idle.series.step, vec![Some(Counts { good: 0, total: 0 }); 48]);
    data.slos = vec![idle];
    for as_of in
        [at("2026-03-03T00:00:00Z"), chrono::DateTime::<chrono::Utc>::MIN_UTC, chrono::DateTime::<chrono::Utc>::MAX_UTC]
    {
        let facts = DeliveryFacts::new(&data, as_of);
        let report = join::compute(&facts, "2d".parse().unwrap());
        for failure in &report.change_failures {
            assert!(failure.slos.iter().all(|burn| burn.budget_share.is_none()));
        }
    }
    let facts = DeliveryFacts::new(&data, at("2026-03-03T00:00:00Z") - TimeDelta::hours(1));
    let report = join::compute(&facts, "2d".parse().unwrap());
    assert_eq!(report.change_failures.len(), 1);
    assert_eq!(report.bad_event_attribution["api-availability"].change_failure_share, None);
}

#[test]
fn the_bucket_still_running_at_as_of_is_not_counted() {
    // Same SLO shape (objective 0.9, rolling 1d, 1h buckets of 100 from 03-01), all good except hour 10
    // (03-01 10:00) 20 bad, hour 29 (03-02 05:00) 40 bad and hour 30 (03-02 06:00-07:00) 100 bad.
    // as_of 03-02 06:30 is inside hour 30: end = 06:00, so hour 30 is not known yet.
    // d failed at 05:00 and is still open: its failure runs [05:00, as_of).
    let mut slo = availability();
    slo.series =
        SliSeries::from_buckets(slo.series.start, slo.series.step, vec![Some(Counts { good: 100, total: 100 }); 48]);
    for (hour, bad) in [(10, 20), (29, 40), (30, 100)] {
        slo.series.set(hour, Some(Counts { good: 100 - bad, total: 100 }));
    }
    let mut data = dataset(
        vec![service("api", None)],
        vec![deploy("d", "api", "2026-03-02T05:00:00Z").status(DeployStatus::Failed)],
        Vec::new(),
    );
    data.slos = vec![slo.clone()];
    let as_of = at("2026-03-02T06:30:00Z");
    let facts = DeliveryFacts::new(&data, as_of);
    let report = join::compute(&facts, "1d".parse().unwrap());

    // The open failure: hours 29 (40 bad) and 30 overlap [05:00, 06:30), hour 30 is unknown -> 40 (not 140).
    // Allowed in the day ending 06:00: 0.1 × 2,400 = 240 -> share 40 / 240.
    let failure = &report.change_failures[0];
    assert!(failure.open);
    assert_eq!(failure.slos[0].bad, 40);
    assert_close(failure.slos[0].budget_share, 40.0 / 240.0);

    // DORA window [03-01 06:30, 03-02 06:30): known buckets hours 6..=29 -> 20 + 40 = 60 (not 160);
    // inside the failure 40 (hour 29), outside 20 (hour 10).
    let attribution = report.bad_event_attribution["api-availability"];
    assert_eq!((attribution.bad, attribution.bad_in_change_failures, attribution.bad_outside), (60, 40, 20));
    // The SLO's own rolling 1d window at as_of is the same 24 buckets [03-01 06:00, 03-02 06:00).
    let evaluation = uptrend_core::slo::evaluate(&slo, as_of).unwrap();
    assert_eq!(evaluation.tally.bad, attribution.bad);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    #[test]
    fn the_join_never_panics_and_keeps_its_invariants(
        deployments in proptest::collection::vec((0_i64..72 * 60, 0_u8..3, proptest::bool::ANY), 0..12),
        as_of_minutes in -60_i64..80 * 60,
        window_hours in 1_i64..100,
    ) {
        let start = at("2026-03-01T00:00:00Z");
        let deployments = deployments
            .iter()
            .enumerate()
            .map(|(i, (minute, status, api))| {
                let mut deployment = deploy(&format!("d{i}"), if *api { "api" } else { "web" }, "2026-03-01T00:00:00Z");
                deployment.finished_at = start + TimeDelta::minutes(*minute);
                deployment.status = [DeployStatus::Succeeded, DeployStatus::Failed, DeployStatus::RolledBack][usize::from(*status)];
                deployment
            })
            .collect();
        let mut data = dataset(vec![service("api", None), service("web", None)], deployments, Vec::new());
        data.slos = vec![availability()];
        let facts = DeliveryFacts::new(&data, start + TimeDelta::minutes(as_of_minutes));
        let window = uptrend_core::time::Span::from_secs(window_hours * 3_600).unwrap();
        let report = join::compute(&facts, window);
        // The DORA window's known buckets are those of a rolling SLO window of the same length (whole hours).
        let mut same_window = availability();
        same_window.definition.window = uptrend_core::time::Window::Rolling(window);
        let engine_bad = uptrend_core::slo::evaluate(&same_window, facts.as_of()).unwrap().tally.bad;
        for attribution in report.bad_event_attribution.values() {
            proptest::prop_assert_eq!(attribution.bad, engine_bad);
            proptest::prop_assert_eq!(attribution.bad_in_change_failures + attribution.bad_outside, attribution.bad);
            proptest::prop_assert!(attribution.change_failure_share.is_none_or(|share| (0.0..=1.0).contains(&share)));
        }
        for failure in &report.change_failures {
            proptest::prop_assert!(failure.until >= failure.finished_at);
            for burn in &failure.slos {
                proptest::prop_assert!(burn.budget_share.is_none_or(|share| share.is_finite() && share >= 0.0));
            }
        }
    }
}

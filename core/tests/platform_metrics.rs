#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The platform metrics on a hand-made month, with the arithmetic in comments.
//!
//! as_of 2026-03-31T00:00Z, DORA window 30d = [03-01, 03-31). Services api, web (team core), cart,
//! new and ghost (team shop); new is onboarded from 03-16, ghost from 03-25 (it never deploys).
//! Capability ci: api from 03-11; web over [01-01, 02-01) and again from 03-21 (dropped and
//! re-adopted); new from 03-16. Capability db: api from 04-10, after as_of, so not yet.
//! Deployments (succeeded unless F = failed): api 02-20F, 03-05, 03-08F, 03-12, 03-15, 03-20, 03-25;
//! web 01-15, 03-02, 03-22, 03-28F; cart 03-10, 03-20; new 03-18 12:00, 03-25.

mod common;

use common::*;
use uptrend_core::model::{
    Adoption, Capability, Counts, Dataset, DeployStatus, Onboarding, Platform, SliSeries, SloData, SloDefinition,
};
use uptrend_core::platform::{self, OnboardingEnd, PlatformReport};
use uptrend_core::time::{Span, Window};

const AS_OF: &str = "2026-03-31T00:00:00Z";

fn adoption(service: &str, capability: &str, adopted: &str, dropped: Option<&str>) -> Adoption {
    Adoption {
        service: service.into(),
        capability: capability.into(),
        adopted_at: at(adopted),
        dropped_at: dropped.map(at),
    }
}

fn onboarding(service: Option<&str>, team: Option<&str>, started: &str, completed: Option<&str>) -> Onboarding {
    Onboarding {
        service: service.map(Into::into),
        team: team.map(Into::into),
        started_at: at(started),
        completed_at: completed.map(at),
    }
}

/// api's SLO: rolling 1d, objective 0.9, hourly buckets of 100 events from 03-10 to 03-31; 5 bad per
/// bucket on 03-10 and 1 bad per bucket on 03-30.
fn api_slo() -> SloData {
    let mut buckets = vec![Some(Counts { good: 100, total: 100 }); 21 * 24];
    for hour in 0..24 {
        buckets[hour] = Some(Counts { good: 95, total: 100 });
        buckets[20 * 24 + hour] = Some(Counts { good: 99, total: 100 });
    }
    SloData {
        definition: SloDefinition {
            id: "api-availability".into(),
            service: "api".into(),
            name: None,
            objective: 0.9,
            window: Window::Rolling(Span::DAY),
            budgeting: uptrend_core::model::Budgeting::Occurrences,
            timeslice_target: None,
        },
        series: SliSeries::from_buckets(at("2026-03-10T00:00:00Z"), Span::HOUR, buckets),
    }
}

fn month() -> Dataset {
    let failed = |d: uptrend_core::model::Deployment| d.status(DeployStatus::Failed);
    let mut dataset = dataset(
        vec![
            service("api", Some("core")),
            service("web", Some("core")),
            service("cart", Some("shop")),
            service("new", Some("shop")),
            service("ghost", Some("shop")),
        ],
        vec![
            failed(deploy("a0", "api", "2026-02-20T12:00:00Z")),
            deploy("a1", "api", "2026-03-05T12:00:00Z").change("c1", "2026-03-04T12:00:00Z"),
            failed(deploy("a2", "api", "2026-03-08T12:00:00Z")),
            deploy("a3", "api", "2026-03-12T12:00:00Z").change("c3", "2026-03-12T10:00:00Z"),
            deploy("a4", "api", "2026-03-15T12:00:00Z"),
            deploy("a5", "api", "2026-03-20T12:00:00Z"),
            deploy("a6", "api", "2026-03-25T12:00:00Z"),
            deploy("w0", "web", "2026-01-15T12:00:00Z"),
            deploy("w1", "web", "2026-03-02T12:00:00Z"),
            deploy("w2", "web", "2026-03-22T12:00:00Z"),
            failed(deploy("w3", "web", "2026-03-28T12:00:00Z")),
            deploy("k1", "cart", "2026-03-10T12:00:00Z"),
            deploy("k2", "cart", "2026-03-20T12:00:00Z"),
            deploy("n1", "new", "2026-03-18T12:00:00Z"),
            deploy("n2", "new", "2026-03-25T12:00:00Z"),
        ],
        Vec::new(),
    );
    dataset.slos = vec![api_slo()];
    dataset.platform = Platform {
        capabilities: vec![
            Capability { id: "ci".into(), name: "CI templates".into(), description: None },
            Capability { id: "db".into(), name: "Managed Postgres".into(), description: None },
        ],
        adoptions: vec![
            adoption("api", "ci", "2026-03-11T00:00:00Z", None),
            adoption("web", "ci", "2026-01-01T00:00:00Z", Some("2026-02-01T00:00:00Z")),
            adoption("web", "ci", "2026-03-21T00:00:00Z", None),
            adoption("new", "ci", "2026-03-16T00:00:00Z", None),
            adoption("api", "db", "2026-04-10T00:00:00Z", None),
        ],
        onboardings: vec![
            onboarding(None, Some("shop"), "2026-03-01T00:00:00Z", Some("2026-03-05T00:00:00Z")),
            onboarding(Some("new"), None, "2026-03-16T00:00:00Z", None),
            onboarding(Some("ghost"), None, "2026-03-25T00:00:00Z", None),
        ],
        surveys: Vec::new(),
    };
    dataset
}

fn report() -> PlatformReport {
    platform::compute_at(&month(), at(AS_OF), Span::from_secs(30 * 86_400).unwrap())
}

fn ci(report: &PlatformReport) -> &platform::CapabilityReport {
    report.capabilities.iter().find(|c| c.id.as_deref() == Some("ci")).unwrap()
}

#[test]
fn adoption_rate_at_as_of_counts_the_services_in_the_catalogue() {
    let report = report();
    // In the catalogue at as_of: all five (new since 03-16, ghost since 03-25). On ci: api, web, new.
    let ci = ci(&report);
    assert_eq!((ci.adoption.adopters, ci.adoption.services), (3, 5));
    assert_close(ci.adoption.rate, 0.6);
    assert_eq!(ci.adopting_services, ["api", "new", "web"]);
    // db's only adoption is after as_of.
    let db = &report.capabilities[1];
    assert_eq!((db.adoption.adopters, db.adoption.rate), (0, Some(0.0)));
    assert!(db.monthly.is_empty());
    assert_close(report.overall.adoption.rate, 0.6);
}

#[test]
fn the_monthly_trend_follows_drops_and_re_adoptions() {
    let report = report();
    let monthly: Vec<(&str, u64, u64)> =
        ci(&report).monthly.iter().map(|m| (m.label.as_str(), m.rate.adopters, m.rate.services)).collect();
    // End of January (02-01 00:00): web's adoption covers the instant just before (dropped_at = 02-01);
    // three services then (new and ghost not yet). End of February: web has dropped it. March: as_of.
    assert_eq!(monthly, [("2026-01", 1, 3), ("2026-02", 0, 3), ("2026-03", 3, 5)]);
    assert_eq!(ci(&report).monthly[2].at, at(AS_OF));
}

#[test]
fn time_to_onboard_ends_at_completion_or_the_first_deployment_and_counts_open_ones() {
    let onboarding = report().onboarding;
    let ends: Vec<(OnboardingEnd, i64)> = onboarding.onboardings.iter().map(|o| (o.ended_by, o.seconds)).collect();
    // shop: 03-01 to 03-05 = 4 d = 345,600 s; new: 03-16 to its first deployment 03-18 12:00 = 2.5 d =
    // 216,000 s; ghost: open, 6 d old at as_of = 518,400 s.
    assert_eq!(
        ends,
        [
            (OnboardingEnd::Completed, 345_600),
            (OnboardingEnd::FirstDeployment, 216_000),
            (OnboardingEnd::Open, 518_400)
        ]
    );
    assert_eq!((onboarding.n, onboarding.open), (2, 1));
    // Median of (216,000, 345,600) = 280,800; p90 at rank 0.9: 216,000 + 0.9 × 129,600 = 332,640.
    assert_close(onboarding.median_seconds, 280_800.0);
    assert_close(onboarding.p90_seconds, 332_640.0);
}

#[test]
fn paved_path_share_counts_deployments_made_while_on_the_capability() {
    let report = report();
    // Window deployments: api 6, web 3, cart 2, new 2 = 13; on ci when finished: api a3-a6 (4),
    // web w2, w3 (2), new n1, n2 (2) = 8.
    let paved = ci(&report).paved_path;
    assert_eq!((paved.deployments_on_path, paved.deployments), (8, 13));
    assert_close(paved.share, 8.0 / 13.0);
    assert_eq!(report.capabilities[1].paved_path.deployments_on_path, 0);
}

#[test]
fn adopters_against_non_adopters_over_the_window() {
    let report = report();
    let comparison = &ci(&report).comparison;
    let on = &comparison.adopters;
    // On ci in the window: api 20 d, web 10 d, new 15 d = 45 service-days; 8 deployments, 1 failure (w3).
    assert_eq!((on.services, on.deployments, on.change_failures), (3, 8, 1));
    assert_close(Some(on.service_days), 45.0);
    assert_close(on.deployments_per_service_day, 8.0 / 45.0);
    assert_close(on.change_failure_rate, 0.125);
    // Only c3 (a3, 2 h) was delivered on ci.
    assert_eq!((on.lead_time_seconds.median, on.lead_time_seconds.n), (Some(7_200.0), 1));
    // api's SLO at as_of: window [03-30, 03-31), 24 bad of 2,400, allowed 240: 0.9 of the budget left.
    assert_close(on.budget_remaining.median, 0.9);
    assert_eq!(on.budget_remaining.n, 1);

    let off = &comparison.non_adopters;
    // Off ci: api 10 d, web 20 d, cart 30 d, ghost 6 d = 66 service-days; a1, a2F, w1, k1, k2.
    assert_eq!((off.services, off.deployments, off.change_failures), (4, 5, 1));
    assert_close(Some(off.service_days), 66.0);
    assert_close(off.deployments_per_service_day, 5.0 / 66.0);
    assert_close(off.change_failure_rate, 0.2);
    // c1 (a1, 1 d); no SLO of a service off ci at as_of.
    assert_eq!((off.lead_time_seconds.median, off.lead_time_seconds.n), (Some(86_400.0), 1));
    assert_eq!((off.budget_remaining.median, off.budget_remaining.n), (None, 0));
}

#[test]
fn before_against_after_adoption_for_the_adopters() {
    let report = report();
    let comparison = &ci(&report).comparison;
    // api: after [03-11, 03-31) 20 d, before [02-19, 03-11). web's second adoption: after [03-21, 03-31)
    // 10 d, before [03-11, 03-21). web's first adoption has no data before it (the data starts 01-15),
    // new's has no time before it (it joined that day).
    assert_eq!(comparison.adoptions_compared, 2);
    let before = &comparison.before;
    // Before: a0F, a1, a2F over 30 service-days.
    assert_eq!((before.deployments, before.change_failures), (3, 2));
    assert_close(Some(before.service_days), 30.0);
    assert_close(before.change_failure_rate, 2.0 / 3.0);
    // api's SLO at adoption (03-11): window [03-10, 03-11), 120 bad of 2,400, allowed 240: half left.
    assert_close(before.budget_remaining.median, 0.5);
    let after = &comparison.after;
    // After: a3-a6, w2, w3F over 30 service-days; the SLO at 03-31 has 0.9 left.
    assert_eq!((after.deployments, after.change_failures), (6, 1));
    assert_close(after.deployments_per_service_day, 0.2);
    assert_close(after.budget_remaining.median, 0.9);
}

#[test]
fn without_a_platform_section_every_figure_is_empty_not_an_error() {
    let mut dataset = month();
    dataset.platform = Platform::default();
    let report = platform::compute_at(&dataset, at(AS_OF), Span::from_secs(30 * 86_400).unwrap());
    assert!(report.capabilities.is_empty() && report.surveys.is_empty());
    assert_eq!((report.overall.adoption.adopters, report.overall.adoption.services), (0, 5));
    assert_eq!(report.overall.paved_path.deployments_on_path, 0);
    assert_eq!(report.overall.comparison.adoptions_compared, 0);
    assert_eq!(report.overall.comparison.adopters.deployments_per_service_day, None);
    assert_eq!((report.onboarding.n, report.onboarding.median_seconds), (0, None));
}

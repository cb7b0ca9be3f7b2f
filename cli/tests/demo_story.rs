//! The committed demo data tells the story it was generated for, as the real engines compute it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::Path;

use uptrend_core::dora::{self, Tier, TierLevel};
use uptrend_core::load::{self, LoadedFile};
use uptrend_core::model::Dataset;
use uptrend_core::slo::{evaluate, Alert, SloEvaluation, Status};

fn demo_dataset() -> Dataset {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let manifest = fs::read(root.join("data/index.json")).unwrap();
    let files = load::snapshot_paths("data/index.json", &manifest)
        .unwrap()
        .into_iter()
        .map(|path| LoadedFile { content: Ok(fs::read(root.join(&path)).unwrap()), path })
        .collect();
    let loaded = load::load("data/index.json", &manifest, files);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    loaded.dataset
}

fn evaluations() -> Vec<(String, SloEvaluation)> {
    let dataset = demo_dataset();
    let as_of = dataset.latest_generated_at.unwrap();
    dataset.slos.iter().map(|slo| (slo.definition.id.clone(), evaluate(slo, as_of).unwrap())).collect()
}

fn ids_where(evaluations: &[(String, SloEvaluation)], keep: impl Fn(&SloEvaluation) -> bool) -> Vec<&str> {
    evaluations.iter().filter(|(_, evaluation)| keep(evaluation)).map(|(id, _)| id.as_str()).collect()
}

#[test]
fn checkout_burns_fast_now_and_pages() {
    let evaluations = evaluations();
    // The bad checkout deployment late on Friday: about 6% errors against a 0.1% budget (burn ~60).
    assert_eq!(ids_where(&evaluations, |e| e.alert == Alert::Page), ["checkout-availability", "checkout-latency"]);
    let checkout = &evaluations.iter().find(|(id, _)| id == "checkout-availability").unwrap().1;
    assert!(checkout.burn_rates.hour1.unwrap() > 14.4 && checkout.burn_rates.minutes5.unwrap() > 14.4);
}

#[test]
fn the_catalog_outage_exhausted_its_budget_and_nothing_else_did() {
    let evaluations = evaluations();
    assert_eq!(ids_where(&evaluations, |e| e.status == Status::Breached), ["catalog-availability"]);
    let without_attainment = ids_where(&evaluations, |e| e.attainment.is_none());
    assert_eq!(without_attainment, ["billing-export-success", "notifications-push-latency"]);
}

#[test]
fn one_slo_has_no_data_and_another_no_traffic() {
    let evaluations = evaluations();
    // The push-latency exporter sent only nulls since the SLO was set up 21 days ago.
    assert_eq!(ids_where(&evaluations, |e| e.status == Status::NoData), ["notifications-push-latency"]);
    // The paused ledger export sends buckets with zero events: full coverage, no traffic.
    assert_eq!(ids_where(&evaluations, |e| e.status == Status::NoTraffic), ["billing-export-success"]);
    let paused = &evaluations.iter().find(|(id, _)| id == "billing-export-success").unwrap().1;
    assert_eq!((paused.coverage, paused.tally.total), (1.0, 0));
}

#[test]
fn the_data_has_zero_traffic_and_missing_buckets() {
    let dataset = demo_dataset();
    let series = |id: &str| &dataset.slos.iter().find(|slo| slo.definition.id == id).unwrap().series;
    // The 10-hour traffic drain of recommendations.
    let drained = series("recommendations-availability").iter().flatten().filter(|counts| counts.total == 0).count();
    assert_eq!(drained, 10);
    // Search's 6-hour exporter outage and the notifications' 3-day one (72 hourly buckets).
    assert_eq!(series("search-availability").iter().filter(|bucket| bucket.is_none()).count(), 6);
    assert_eq!(series("notifications-delivery").iter().filter(|bucket| bucket.is_none()).count(), 72);
}

#[test]
fn payments_delivers_far_better_than_platform() {
    let dataset = demo_dataset();
    let report = dora::compute(&dataset, dataset.latest_generated_at.unwrap(), dora::default_window());
    let (payments, platform) = (&report.teams["payments"], &report.teams["platform"]);
    let elite = Tier { level: TierLevel::Elite, report_year: 2024 };
    let tiers = &payments.tiers;
    assert_eq!(
        [tiers.deployment_frequency, tiers.lead_time, tiers.change_failure_rate, tiers.recovery_time],
        [elite; 4]
    );
    assert_eq!(platform.tiers.lead_time.level, TierLevel::Medium);
    assert_eq!(platform.tiers.change_failure_rate.level, TierLevel::Medium);
    let per_day = |scope: &dora::ScopeReport| scope.metrics.deployments_per_day.unwrap();
    assert!(per_day(payments) > 10.0 * per_day(platform));
    let lead = |scope: &dora::ScopeReport| scope.metrics.lead_time_seconds.median.unwrap();
    assert!(lead(payments) * 50.0 < lead(platform));
    assert!(payments.metrics.change_failure_rate.unwrap() * 4.0 < platform.metrics.change_failure_rate.unwrap());
}

#[test]
fn catalog_kept_deploying_after_spending_its_budget() {
    let dataset = demo_dataset();
    let report = uptrend_core::report::build(&dataset, uptrend_core::report::ReportOptions::default()).unwrap();
    // The outage of 10 Nov 13:10-19:40 spent the 30-day budget; every later catalog deployment violates the policy.
    let catalog = &report.join.deployments_while_breached["catalog"];
    assert!(!catalog.is_empty());
    let outage_end = chrono::DateTime::parse_from_rfc3339("2026-11-10T19:40:00Z").unwrap();
    assert!(catalog.iter().all(|deployment| deployment.finished_at > outage_end));
    assert!(catalog.iter().all(|deployment| deployment.breached_slos == ["catalog-availability"]));
}

#[test]
fn services_on_the_ci_templates_deploy_more_often_and_fail_less_after_adopting_them() {
    let dataset = demo_dataset();
    let report = uptrend_core::report::build(&dataset, uptrend_core::report::ReportOptions::default()).unwrap();
    let platform = &report.platform;
    let ci = platform.capabilities.iter().find(|c| c.id.as_deref() == Some("ci-templates")).unwrap();
    // Checkout, search, catalog, recommendations moved onto them; ledger, reviews and fraud-scoring started there.
    assert_eq!(ci.comparison.adoptions_compared, 4);
    let (before, after) = (&ci.comparison.before, &ci.comparison.after);
    assert!(after.deployments_per_service_day.unwrap() > 1.4 * before.deployments_per_service_day.unwrap());
    assert!(after.change_failure_rate.unwrap() * 2.0 < before.change_failure_rate.unwrap());
    assert!(after.lead_time_seconds.median.unwrap() < before.lead_time_seconds.median.unwrap());
    assert!(before.deployments > 100 && after.deployments > 100, "enough deployments on both sides");
    // Billing dropped managed Postgres and took it up again: two adoptions, in use now.
    let postgres = platform.capabilities.iter().find(|c| c.id.as_deref() == Some("managed-postgres")).unwrap();
    assert!(postgres.adopting_services.contains(&"billing".to_owned()));
    assert!(postgres.monthly.iter().any(|month| month.rate.adopters < postgres.adoption.adopters));
}

#[test]
fn fraud_scoring_is_still_onboarding_and_the_platform_team_is_too_small_to_show() {
    let dataset = demo_dataset();
    let report = uptrend_core::report::build(&dataset, uptrend_core::report::ReportOptions::default()).unwrap();
    let onboarding = &report.platform.onboarding;
    let open: Vec<_> =
        onboarding.onboardings.iter().filter_map(|o| o.ended_at.is_none().then_some(o.service.as_deref())).collect();
    assert_eq!(open, [Some("fraud-scoring")]);
    assert_eq!(onboarding.n, 2);
    // Q2 as counts, Q3 per respondent: satisfaction rose on every question.
    let [q2, q3] = &report.platform.surveys[..] else { panic!("two surveys") };
    for (before, after) in q2.questions.iter().zip(&q3.questions) {
        assert!(after.favourable_share.unwrap() > before.favourable_share.unwrap(), "{}", after.id);
    }
    assert!(q2.teams.is_empty());
    let platform_team = q3.teams.iter().find(|team| team.team == "platform").unwrap();
    assert!(platform_team.questions.iter().all(|question| question.withheld && question.mean.is_none()));
}

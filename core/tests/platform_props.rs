#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Invariants of the platform report on arbitrary (also invalid) platform records, deployments and
//! report instants: every rate and share in [0, 1], the three answer shares adding up to 1, counts
//! consistent with their n, and no panic anywhere (extreme instants included).

mod common;

use std::collections::BTreeMap;

use chrono::{DateTime, TimeDelta, Utc};
use common::*;
use proptest::prelude::*;
use uptrend_core::model::{
    Adoption, Capability, Dataset, DeployStatus, Onboarding, Platform, Question, Response, Scale, Survey,
};
use uptrend_core::platform::{self, CapabilityReport, GroupFigures, PlatformReport, QuestionReport};
use uptrend_core::time::Span;

const SERVICES: [&str; 4] = ["a", "b", "c", "undeclared"];
const CAPABILITIES: [&str; 3] = ["ci", "db", "unknown"];

fn instant(extreme: bool) -> BoxedStrategy<DateTime<Utc>> {
    let recent = (1_767_225_600_i64..1_775_000_000).prop_map(|secs| DateTime::from_timestamp(secs, 0).unwrap());
    if !extreme {
        return recent.boxed();
    }
    prop_oneof![4 => recent, 1 => Just(DateTime::<Utc>::MIN_UTC), 1 => Just(DateTime::<Utc>::MAX_UTC)].boxed()
}

fn later(base: DateTime<Utc>, secs: i64) -> DateTime<Utc> {
    base.checked_add_signed(TimeDelta::seconds(secs)).unwrap_or(base)
}

fn adoption(extreme: bool) -> impl Strategy<Value = Adoption> {
    (0..SERVICES.len(), 0..CAPABILITIES.len(), instant(extreme), prop::option::of(-86_400_i64..8_640_000)).prop_map(
        |(service, capability, adopted_at, dropped)| Adoption {
            service: SERVICES[service].into(),
            capability: CAPABILITIES[capability].into(),
            adopted_at,
            dropped_at: dropped.map(|secs| later(adopted_at, secs)),
        },
    )
}

fn onboarding(extreme: bool) -> impl Strategy<Value = Onboarding> {
    (0..SERVICES.len(), any::<bool>(), instant(extreme), prop::option::of(-86_400_i64..8_640_000)).prop_map(
        |(service, team, started_at, completed)| Onboarding {
            service: (!team).then(|| SERVICES[service].into()),
            team: team.then(|| "t1".into()),
            started_at,
            completed_at: completed.map(|secs| later(started_at, secs)),
        },
    )
}

/// Scores and counts may be off the scale and the population below the responses: invalid input
/// must not break the invariants either.
fn survey(extreme: bool) -> impl Strategy<Value = Survey> {
    (
        instant(extreme),
        prop::option::of(0_u64..40),
        prop_oneof![-1_i64..3, Just(i64::MIN), Just(i64::MAX - 3)],
        2_i64..8,
        prop::collection::vec(
            (prop::option::of(0..2_u8), prop::collection::btree_map(0..3_u8, -2_i64..10, 0..3)),
            0..15,
        ),
        prop::collection::btree_map(0..3_u8, prop::collection::vec(0_u64..9, 0..9), 0..3),
    )
        .prop_map(|(closed_at, population, min, points, responses, counts)| Survey {
            id: "s".into(),
            name: None,
            closed_at,
            population,
            questions: (0..3)
                .map(|q| Question {
                    id: format!("q{q}"),
                    text: String::new(),
                    scale: Scale { min, max: min.saturating_add(points) },
                })
                .collect(),
            responses: responses
                .into_iter()
                .map(|(team, answers)| Response {
                    team: team.map(|t| format!("t{t}")),
                    answers: answers.into_iter().map(|(q, score)| (format!("q{q}"), score)).collect(),
                })
                .collect(),
            counts: counts.into_iter().map(|(q, c)| (format!("q{q}"), c)).collect::<BTreeMap<_, _>>(),
        })
}

fn data(extreme: bool) -> impl Strategy<Value = (Dataset, DateTime<Utc>)> {
    (
        prop::collection::vec((0..SERVICES.len(), instant(extreme), 0..3_u8), 0..25),
        prop::collection::vec(adoption(extreme), 0..10),
        prop::collection::vec(onboarding(extreme), 0..4),
        prop::collection::vec(survey(extreme), 0..3),
        instant(extreme),
    )
        .prop_map(|(deployments, adoptions, onboardings, surveys, as_of)| {
            let deployments = deployments
                .into_iter()
                .enumerate()
                .map(|(index, (service, finished_at, status))| {
                    let mut d = deploy(&format!("d{index}"), SERVICES[service], "2026-01-01T00:00:00Z");
                    d.finished_at = finished_at;
                    d.status =
                        [DeployStatus::Succeeded, DeployStatus::Failed, DeployStatus::RolledBack][usize::from(status)];
                    d.change(&format!("c{index}"), "2026-01-01T00:00:00Z")
                })
                .collect();
            let mut dataset = dataset(
                vec![service("a", Some("t1")), service("b", Some("t1")), service("c", None)],
                deployments,
                Vec::new(),
            );
            dataset.platform = Platform {
                capabilities: ["ci", "db"]
                    .iter()
                    .map(|id| Capability { id: (*id).into(), name: (*id).into(), description: None })
                    .collect(),
                adoptions,
                onboardings,
                surveys,
            };
            (dataset, as_of)
        })
}

fn unit(value: Option<f64>, what: &str) {
    if let Some(value) = value {
        assert!((0.0..=1.0).contains(&value), "{what} = {value} is outside [0, 1]");
    }
}

fn check_group(group: &GroupFigures) {
    unit(group.change_failure_rate, "change fail rate");
    assert!(group.change_failures <= group.deployments);
    assert!(group.service_days >= 0.0);
    if let Some(per_day) = group.deployments_per_service_day {
        assert!(per_day.is_finite() && per_day >= 0.0);
    }
}

fn check_capability(capability: &CapabilityReport) {
    unit(capability.adoption.rate, "adoption rate");
    assert!(capability.adoption.adopters <= capability.adoption.services);
    assert_eq!(capability.adopting_services.len() as u64, capability.adoption.adopters);
    for month in &capability.monthly {
        unit(month.rate.rate, "monthly adoption rate");
    }
    unit(capability.paved_path.share, "paved-path share");
    assert!(capability.paved_path.deployments_on_path <= capability.paved_path.deployments);
    let comparison = &capability.comparison;
    for group in [&comparison.adopters, &comparison.non_adopters, &comparison.before, &comparison.after] {
        check_group(group);
    }
    // Adopters and non-adopters split the window's deployments of services in the catalogue.
    assert!(comparison.adopters.deployments + comparison.non_adopters.deployments <= capability.paved_path.deployments);
    assert_eq!(
        comparison.adopters.deployments,
        capability.paved_path.deployments_on_path.min(comparison.adopters.deployments)
    );
}

fn check_question(question: &QuestionReport) {
    unit(question.response_rate, "response rate");
    if question.responses < platform::ANONYMITY_MIN_RESPONSES {
        assert!(question.withheld && question.mean.is_none() && question.distribution.is_none());
    }
    let shares = [question.favourable_share, question.neutral_share, question.unfavourable_share];
    for share in shares {
        unit(share, "answer share");
    }
    if let [Some(a), Some(b), Some(c)] = shares {
        assert!((a + b + c - 1.0).abs() < 1e-9, "shares add up to {}", a + b + c);
    }
    if let (Some(mean), Some(distribution)) = (question.mean, &question.distribution) {
        let (low, high) = (distribution.first().unwrap().score as f64, distribution.last().unwrap().score as f64);
        assert!(low <= mean && mean <= high, "mean {mean} off the scale {low}..{high}");
    }
}

fn check(report: &PlatformReport) {
    check_capability(&report.overall);
    report.capabilities.iter().for_each(check_capability);
    assert_eq!(report.onboarding.n + report.onboarding.open, report.onboarding.onboardings.len() as u64);
    if let (Some(median), Some(p90)) = (report.onboarding.median_seconds, report.onboarding.p90_seconds) {
        assert!(median <= p90);
    }
    for survey in &report.surveys {
        unit(survey.response_rate, "survey response rate");
        survey.questions.iter().for_each(check_question);
        survey.teams.iter().flat_map(|team| &team.questions).for_each(check_question);
    }
    serde_json::to_string(report).unwrap();
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn rates_and_shares_stay_in_0_1_on_arbitrary_records((dataset, as_of) in data(false)) {
        check(&platform::compute_at(&dataset, as_of, Span::from_secs(30 * 86_400).unwrap()));
    }

    #[test]
    fn extreme_instants_do_not_panic((dataset, as_of) in data(true)) {
        check(&platform::compute_at(&dataset, as_of, Span::WEEK));
    }
}

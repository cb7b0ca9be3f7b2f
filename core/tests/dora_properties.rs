#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Invariants of the DORA report on arbitrary data and report instants, and its JSON shape.

mod common;

use chrono::{DateTime, TimeDelta, Utc};
use common::*;
use proptest::prelude::*;
use uptrend_core::dora::{self, DoraMetrics, DoraReport, Scope};
use uptrend_core::model::{Change, Dataset, DeployStatus, Deployment, Incident};
use uptrend_core::time::Span;

const SERVICES: [&str; 4] = ["a", "b", "c", "undeclared"];

/// Instants of recent years, or (`extreme`) anywhere in chrono's range including its ends.
fn instant(extreme: bool) -> BoxedStrategy<DateTime<Utc>> {
    let recent = (1_577_836_800_i64..1_830_297_600).prop_map(|secs| DateTime::from_timestamp(secs, 0).unwrap());
    if !extreme {
        return recent.boxed();
    }
    let any = (DateTime::<Utc>::MIN_UTC.timestamp()..=DateTime::<Utc>::MAX_UTC.timestamp())
        .prop_map(|secs| DateTime::from_timestamp(secs, 0).unwrap());
    prop_oneof![2 => recent, 2 => any, 1 => Just(DateTime::<Utc>::MIN_UTC), 1 => Just(DateTime::<Utc>::MAX_UTC)].boxed()
}

fn offset(base: DateTime<Utc>, secs: i64) -> DateTime<Utc> {
    base.checked_add_signed(TimeDelta::seconds(secs)).unwrap_or(base)
}

fn deployment(extreme: bool) -> impl Strategy<Value = Deployment> {
    (
        0..SERVICES.len(),
        any::<bool>(),
        instant(extreme),
        0..3_u8,
        prop::collection::vec((0..12_u8, -86_400_i64..864_000), 0..4),
        prop::option::of(0..6_u8),
    )
        .prop_map(|(service, production, finished_at, status, changes, fixes)| Deployment {
            id: Default::default(),
            service: SERVICES[service].into(),
            environment: if production { "production" } else { "staging" }.into(),
            finished_at,
            status: [DeployStatus::Succeeded, DeployStatus::Failed, DeployStatus::RolledBack][usize::from(status)],
            changes: changes
                .into_iter()
                .map(|(id, before)| Change::new(format!("c{id}"), offset(finished_at, -before)))
                .collect(),
            production: None,
            fixes_incident: fixes.map(|incident| format!("i{incident}").into()),
        })
}

fn incident(extreme: bool) -> impl Strategy<Value = Incident> {
    (
        0..SERVICES.len(),
        instant(extreme),
        prop::option::of(-3_600_i64..864_000),
        prop::collection::vec(0..30_usize, 0..3),
    )
        .prop_map(|(service, started_at, resolved, caused_by)| Incident {
            id: Default::default(),
            service: SERVICES[service].into(),
            severity: None,
            started_at,
            resolved_at: resolved.map(|secs| offset(started_at, secs)),
            caused_by: caused_by.into_iter().map(|d| format!("d{d}").into()).collect(),
        })
}

fn data(extreme: bool) -> impl Strategy<Value = Dataset> {
    (prop::collection::vec(deployment(extreme), 0..30), prop::collection::vec(incident(extreme), 0..8)).prop_map(
        |(mut deployments, mut incidents)| {
            for (index, deployment) in deployments.iter_mut().enumerate() {
                deployment.id = format!("d{index}").into();
            }
            for (index, incident) in incidents.iter_mut().enumerate() {
                incident.id = format!("i{index}").into();
            }
            dataset(
                vec![service("a", Some("t1")), service("b", Some("t1")), service("c", None)],
                deployments,
                incidents,
            )
        },
    )
}

fn check(metrics: &DoraMetrics) {
    for ratio in [metrics.change_failure_rate, metrics.rework_rate, metrics.deploy_days_ratio].into_iter().flatten() {
        assert!((0.0..=1.0).contains(&ratio), "ratio {ratio} out of [0, 1]: {metrics:?}");
    }
    let numbers = [
        metrics.deployments_per_day,
        metrics.time_between_deployments_seconds.median,
        metrics.lead_time_seconds.median,
        metrics.lead_time_seconds.p90,
        metrics.recovery_time_seconds.median,
        metrics.incident_restore_seconds.median,
    ];
    for number in numbers.into_iter().flatten() {
        assert!(number.is_finite() && number >= 0.0, "{number} in {metrics:?}");
    }
    assert!(metrics.change_failures <= metrics.deployments);
    assert!(metrics.deploy_days <= metrics.deployments);
    assert_eq!(metrics.recovery_time_seconds.n + metrics.recovery_time_seconds.open, metrics.change_failures);
    if let (Some(median), Some(p90)) = (metrics.lead_time_seconds.median, metrics.lead_time_seconds.p90) {
        assert!(median <= p90);
    }
}

fn check_report(report: &DoraReport) {
    for scope in std::iter::once(&report.overall).chain(report.services.values()).chain(report.teams.values()) {
        check(&scope.metrics);
        check(&scope.previous);
        for bucket in scope.trends.weekly.iter().chain(&scope.trends.monthly) {
            check(&bucket.metrics);
            assert!(bucket.start < bucket.end);
        }
        for score in [scope.scores.deployment_frequency, scope.scores.lead_time, scope.scores.change_failure_rate] {
            assert!(score.is_none_or(|score| (0.0..=10.0).contains(&score)));
        }
    }
}

fn check_invariants(data: &Dataset, as_of: DateTime<Utc>, days: i64) -> Result<(), TestCaseError> {
    let window = Span::from_secs(days * 86_400).unwrap();
    let report = dora::compute(data, as_of, window);
    check_report(&report);
    // Every declared or named service and every team is reported.
    prop_assert_eq!(report.teams.len(), 1);
    prop_assert!(report.services.len() >= 3);
    // Services partition the overall numbers.
    let by_service: u64 = report.services.values().map(|s| s.metrics.deployments).sum();
    prop_assert_eq!(by_service, report.overall.metrics.deployments);
    prop_assert!(serde_json::to_string(&report).is_ok());
    Ok(())
}

/// [`dora::DeliveryFacts::failures_reaching`] holds every change failure before position `before`
/// whose window still runs at `start`, ascending, and nothing else than change failures before it.
fn check_failures_reaching(
    mut data: Dataset,
    as_of: DateTime<Utc>,
    start: DateTime<Utc>,
    before: prop::sample::Index,
    reversed: bool,
) -> Result<(), TestCaseError> {
    if reversed {
        data.deployments.reverse();
    }
    let facts = dora::DeliveryFacts::new(&data, as_of);
    let before = before.index(facts.deployments().len() + 1);
    let walked: Vec<usize> = facts.failures_reaching(start, before).collect();
    prop_assert!(walked.is_sorted_by(|a, b| a < b), "{:?}", walked);
    for position in &walked {
        prop_assert!(*position < before && facts.deployments()[*position].change_failure);
    }
    for (position, deployment) in facts.deployments().iter().enumerate().take(before) {
        let end = deployment.recovery.filter(|_| deployment.change_failure).map(|recovery| recovery.end_or(as_of));
        if end.is_some_and(|end| end > start) {
            prop_assert!(walked.contains(&position), "failure {} ends after {}: {:?}", position, start, walked);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn the_report_keeps_its_invariants(data in data(false), as_of in instant(false), days in 1_i64..400) {
        check_invariants(&data, as_of, days)?;
    }

    #[test]
    fn weekly_and_monthly_trends_count_the_same_deployments(data in data(false), days in 1_i64..400) {
        let as_of = at("2027-01-01T00:00:00Z");
        let report = dora::compute(&data, as_of, Span::from_secs(days * 86_400).unwrap());
        let weekly: u64 = report.overall.trends.weekly.iter().map(|b| b.metrics.deployments).sum();
        let monthly: u64 = report.overall.trends.monthly.iter().map(|b| b.metrics.deployments).sum();
        let known = data.deployments.iter().filter(|d| d.is_production() && d.finished_at < as_of).count() as u64;
        // Every known deployment falls in exactly one bucket of each.
        prop_assert_eq!(weekly, known);
        prop_assert_eq!(monthly, known);
    }

    /// A window (the site's range control) aggregates only its own records, found by binary search,
    /// with its own lead times sorted when it is a small part of the history; a trend bucket is
    /// aggregated over the whole history. Over the same period both give the same numbers.
    #[test]
    fn a_window_equal_to_a_trend_bucket_has_its_numbers(data in data(false), pick in any::<prop::sample::Index>()) {
        let as_of = at("2029-01-01T00:00:00Z");
        let facts = dora::DeliveryFacts::new(&data, as_of);
        let basis = dora::DoraBasis::new(&facts);
        let trends = DoraReport::for_period_on(&facts, &basis, dora::Period::ending_at(as_of, Span::WEEK));
        let buckets: Vec<_> = trends.overall.trends.weekly.iter().chain(&trends.overall.trends.monthly).collect();
        prop_assume!(!buckets.is_empty());
        // Mostly a bucket with deployments in it: an empty one checks little.
        let busy: Vec<_> = buckets.iter().filter(|bucket| bucket.metrics.deployments > 0).collect();
        let bucket = if busy.is_empty() { buckets[pick.index(buckets.len())] } else { *busy[pick.index(busy.len())] };
        let period = dora::Period { start: bucket.start, end: bucket.end };
        let window = DoraReport::for_period_on(&facts, &basis, period);
        prop_assert_eq!(window.overall.metrics, bucket.metrics);
        for (id, scope) in &window.services {
            let trend = &trends.services[id].trends;
            let same = trend.weekly.iter().chain(&trend.monthly).find(|b| b.start == bucket.start && b.end == bucket.end);
            prop_assert_eq!(Some(&scope.metrics), same.map(|b| &b.metrics));
        }
        prop_assert_eq!(&window, &DoraReport::for_period(&facts, period));

        // Periods starting and ending exactly at deployments count them at the start, not at the end:
        // the previous window runs from the first known deployment to the last, the window from there.
        let known: Vec<DateTime<Utc>> =
            data.deployments.iter().filter(|d| d.is_production() && d.finished_at < as_of).map(|d| d.finished_at).collect();
        if let (Some(first), Some(last)) = (known.iter().min(), known.iter().max()) {
            let period = dora::Period { start: *last, end: *last + (*last - *first) };
            let count = |period: dora::Period| known.iter().filter(|at| period.contains(**at)).count() as u64;
            let report = DoraReport::for_period_on(&facts, &basis, period);
            prop_assert_eq!(report.overall.metrics.deployments, count(period));
            prop_assert_eq!(report.overall.previous.deployments, count(period.previous()));
        }
    }

    /// The drill-down's counts and the lead-time distribution read the facts alone; they list what
    /// the rows list, in the same order, for every scope and any period.
    #[test]
    fn the_record_counts_read_from_the_facts_match_the_rows(
        mut data in data(false),
        as_of in instant(false),
        start in instant(false),
        days in 0_i64..400,
        reversed in any::<bool>(),
    ) {
        if reversed {
            // Out of time order (not a Dataset's order): the periods' records are found by a full walk.
            data.deployments.reverse();
            data.incidents.reverse();
        }
        let facts = dora::DeliveryFacts::new(&data, as_of);
        let period = dora::Period { start, end: offset(start, days * 86_400) };
        let scopes = [Scope::Overall, Scope::Team("t1".into())]
            .into_iter()
            .chain(SERVICES.iter().map(|service| Scope::Service((*service).to_owned())));
        for scope in scopes {
            let rows: Vec<i64> = facts.changes_in(&scope, &period).iter().map(|row| row.lead_seconds).collect();
            prop_assert_eq!(facts.lead_secs_in(&scope, &period).collect::<Vec<_>>(), rows);
            // Every known incident of the scope that started in the period, in the facts' order.
            let expected: Vec<&str> = facts
                .incidents()
                .iter()
                .filter(|known| facts.scopes().covers(&scope, known.service))
                .filter_map(|known| facts.incident(known))
                .filter(|incident| period.contains(incident.started_at))
                .map(|incident| incident.id.as_str())
                .collect();
            let rows: Vec<&str> = facts.incidents_in(&scope, &period).iter().map(|row| row.id).collect();
            let counted: Vec<&str> =
                facts.incident_facts_in(&scope, &period).map(|(_, incident)| incident.id.as_str()).collect();
            prop_assert_eq!(&rows, &expected);
            prop_assert_eq!(counted, expected);
        }
    }

    /// The failures the join walks before a period hold every change failure before it whose window
    /// (to the recovery, or `as_of` while open) still runs at the period's start.
    #[test]
    fn the_failures_reaching_a_period_leave_none_out(
        data in data(false),
        as_of in instant(false),
        start in instant(false),
        before in any::<prop::sample::Index>(),
        reversed in any::<bool>(),
    ) {
        check_failures_reaching(data, as_of, start, before, reversed)?;
    }

    /// Every drill-down list holds exactly the records its number counted, for every scope the
    /// report has: the records tabs show the report's numbers as their counts.
    #[test]
    fn the_drill_down_lists_hold_what_the_numbers_count(
        data in data(false),
        as_of in instant(false),
        start in instant(false),
        days in 1_i64..400,
    ) {
        let facts = dora::DeliveryFacts::new(&data, as_of);
        let period = dora::Period { start, end: offset(start, days * 86_400) };
        let report = DoraReport::for_period(&facts, period);
        let scopes = std::iter::once((Scope::Overall, &report.overall))
            .chain(report.services.iter().map(|(id, scope)| (Scope::Service(id.clone()), scope)))
            .chain(report.teams.iter().map(|(name, scope)| (Scope::Team(name.clone()), scope)));
        for (scope, scope_report) in scopes {
            let metrics = &scope_report.metrics;
            let deployments = facts.deployments_in(&scope, &period);
            let count = |listed: fn(&dora::DeploymentRow<'_>) -> bool| deployments.iter().filter(|row| listed(row)).count() as u64;
            prop_assert_eq!(deployments.len() as u64, metrics.deployments);
            prop_assert_eq!(count(|row| row.change_failure), metrics.change_failures);
            prop_assert_eq!(count(|row| row.change_failure && row.recovery_seconds.is_some()), metrics.recovery_time_seconds.n);
            prop_assert_eq!(count(|row| row.fixes_incident.is_some()), metrics.rework_deployments);
            let lead = &metrics.lead_time_seconds;
            prop_assert_eq!(facts.changes_in(&scope, &period).len() as u64, lead.n + lead.anomalies);
            let restore = &metrics.incident_restore_seconds;
            prop_assert_eq!(facts.incidents_in(&scope, &period).len() as u64, restore.n + restore.open);
        }
    }
}

proptest! {
    // Extreme instants make the trends run to their cap of buckets: fewer, slower cases.
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn extreme_instants_never_panic(data in data(true), as_of in instant(true), days in 1_i64..400) {
        check_invariants(&data, as_of, days)?;
    }

    /// Near the ends of chrono's range, where the earliest instant to walk from does not exist.
    #[test]
    fn the_failures_reaching_a_period_leave_none_out_at_extreme_instants(
        data in data(true),
        as_of in instant(true),
        start in instant(true),
        before in any::<prop::sample::Index>(),
    ) {
        check_failures_reaching(data, as_of, start, before, false)?;
    }
}

/// The walk leaves out what it can: a failure recovered an hour after it finished is not walked for
/// a period starting a month later; one still open is.
#[test]
fn the_failures_reaching_a_period_leave_out_those_long_recovered() {
    let at = |hours: i64| DateTime::from_timestamp(1_767_225_600 + hours * 3_600, 0).unwrap();
    let deployment = |id: &str, hours: i64, status: DeployStatus| Deployment {
        id: id.into(),
        service: "a".into(),
        environment: "production".into(),
        finished_at: at(hours),
        status,
        changes: Vec::new(),
        production: None,
        fixes_incident: None,
    };
    let data = dataset(
        vec![service("a", Some("t1"))],
        vec![
            deployment("d0", 0, DeployStatus::Failed),
            deployment("d1", 1, DeployStatus::Succeeded),
            deployment("d2", 2, DeployStatus::Failed),
        ],
        Vec::new(),
    );
    let facts = dora::DeliveryFacts::new(&data, at(24 * 60));
    let reaching = |start_hours: i64| facts.failures_reaching(at(start_hours), 3).collect::<Vec<_>>();
    assert_eq!(reaching(24 * 30), [2], "d0 was recovered by d1 a month before; d2 is open");
    assert_eq!(reaching(0), [0, 2]);
}

#[test]
fn the_json_has_the_report_shape_of_issue_5() {
    let data = dataset(
        vec![service("checkout", Some("payments")), service("idle", Some("payments"))],
        vec![deploy("d1", "checkout", "2026-11-20T10:00:00Z").change("c1", "2026-11-20T09:00:00Z")],
        Vec::new(),
    );
    let report = dora::compute(&data, at("2026-11-21T00:00:00Z"), "90d".parse().unwrap());
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json.pointer("/window/start").unwrap(), "2026-08-23T00:00:00Z");
    assert_eq!(json.pointer("/window/end").unwrap(), "2026-11-21T00:00:00Z");
    for scope in ["/overall", "/services/checkout", "/services/idle", "/teams/payments"] {
        for field in [
            "deployments",
            "deployments_per_day",
            "deploy_days_ratio",
            "lead_time_seconds/median",
            "lead_time_seconds/p90",
            "lead_time_seconds/n",
            "lead_time_seconds/anomalies",
            "change_failure_rate",
            "change_failures",
            "recovery_time_seconds/median",
            "recovery_time_seconds/n",
            "recovery_time_seconds/open",
            "rework_rate",
            "incident_restore_seconds/median",
            "incident_restore_seconds/n",
            "incident_restore_seconds/open",
        ] {
            assert!(json.pointer(&format!("{scope}/{field}")).is_some(), "{scope}/{field} missing");
        }
    }
    // 1 hour lead time; null (not NaN, not a string) where undefined.
    assert_eq!(json.pointer("/overall/lead_time_seconds/median").unwrap(), 3_600.0);
    assert!(json.pointer("/services/idle/change_failure_rate").unwrap().is_null());
    assert!(json.pointer("/overall/recovery_time_seconds/median").unwrap().is_null());
    assert_eq!(json.pointer("/overall/tiers/lead_time/level").unwrap(), "too_few_data");
    assert_eq!(json.pointer("/overall/tiers/lead_time/report_year").unwrap(), 2024);
    assert_eq!(json.pointer("/overall/trends/weekly/0/label").unwrap(), "2026-W47");
    assert_eq!(json.pointer("/overall/trends/weekly/0/n"), None, "trend metrics are flattened, n is per metric");
    assert_eq!(json.pointer("/overall/trends/weekly/0/lead_time_seconds/n").unwrap(), 1);
}

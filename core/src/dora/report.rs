//! The DORA part of the report: every scope's window metrics, the previous window with deltas,
//! tiers, scores and trends.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::aggregate::{aggregate, LeadSamples, Partition};
use super::facts::DeliveryFacts;
use super::key_sort::KeySort;
use super::known::Period;
use super::metrics::DoraMetrics;
use super::stages::{LeadTimeStages, StageColumns};
use super::tiers::{scores, tiers, Scores, Tiers};
use super::trends::{buckets, Granularity, TrendBucket, Trends};
use crate::sort::btree_map;
use crate::time::Span;

/// `dora` in the JSON report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DoraReport {
    pub as_of: DateTime<Utc>,
    /// `[as_of − window, as_of)`.
    pub window: Period,
    /// The window of the same length just before, for deltas.
    pub previous_window: Period,
    pub overall: ScopeReport,
    /// Every service of the data, by id.
    pub services: BTreeMap<String, ScopeReport>,
    /// Every team of the data, by name.
    pub teams: BTreeMap<String, ScopeReport>,
}

/// One scope: its window metrics (flattened, the shape of `overall` in the report) and more.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScopeReport {
    #[serde(flatten)]
    pub metrics: DoraMetrics,
    /// The services this scope counts, sorted.
    pub covers_services: Vec<String>,
    pub previous: DoraMetrics,
    pub delta: Deltas,
    /// Whether the data holds any deployment or incident of this scope from before the previous window
    /// ended. When it does not, `previous` describes a period the data does not reach, and `delta`
    /// compares with nothing: the site and the Markdown report say "no earlier data" instead of a delta.
    pub previous_has_data: bool,
    pub tiers: Tiers,
    pub scores: Scores,
    pub trends: Trends,
    /// The lead-time breakdown of the window's changes that carry review instants.
    pub lead_time_stages: LeadTimeStages,
}

/// Window value minus previous window value; `None` when either is undefined.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Deltas {
    pub deployments_per_day: Option<f64>,
    pub deploy_days_ratio: Option<f64>,
    pub lead_time_median_seconds: Option<f64>,
    pub lead_time_p90_seconds: Option<f64>,
    pub change_failure_rate: Option<f64>,
    pub recovery_time_median_seconds: Option<f64>,
    pub rework_rate: Option<f64>,
    pub incident_restore_median_seconds: Option<f64>,
}

impl Deltas {
    pub fn between(current: &DoraMetrics, previous: &DoraMetrics) -> Deltas {
        let delta = |now: Option<f64>, before: Option<f64>| Some(now? - before?);
        Deltas {
            deployments_per_day: delta(current.deployments_per_day, previous.deployments_per_day),
            deploy_days_ratio: delta(current.deploy_days_ratio, previous.deploy_days_ratio),
            lead_time_median_seconds: delta(current.lead_time_seconds.median, previous.lead_time_seconds.median),
            lead_time_p90_seconds: delta(current.lead_time_seconds.p90, previous.lead_time_seconds.p90),
            change_failure_rate: delta(current.change_failure_rate, previous.change_failure_rate),
            recovery_time_median_seconds: delta(
                current.recovery_time_seconds.median,
                previous.recovery_time_seconds.median,
            ),
            rework_rate: delta(current.rework_rate, previous.rework_rate),
            incident_restore_median_seconds: delta(
                current.incident_restore_seconds.median,
                previous.incident_restore_seconds.median,
            ),
        }
    }
}

/// The DORA report at `as_of` over a window of `window` (90 days by default in the CLI).
pub fn compute(dataset: &crate::model::Dataset, as_of: DateTime<Utc>, window: Span) -> DoraReport {
    DoraReport::from_facts(&DeliveryFacts::new(dataset, as_of), window)
}

impl DoraReport {
    /// The report from facts already computed (the site keeps them for drill-downs).
    pub fn from_facts(facts: &DeliveryFacts<'_>, window: Span) -> DoraReport {
        DoraReport::for_period(facts, Period::ending_at(facts.as_of(), window))
    }

    /// The report over `current` (a custom range of the site), against the period of the same
    /// length before it; the data is as known at the facts' `as_of`.
    pub fn for_period(facts: &DeliveryFacts<'_>, current: Period) -> DoraReport {
        DoraReport::for_period_on(facts, &DoraBasis::new(facts), current)
    }

    /// [`DoraReport::for_period`] from a basis already computed for these facts: only the window and
    /// its predecessor are aggregated (the site's range control reuses one basis per `as_of`).
    pub fn for_period_on(facts: &DeliveryFacts<'_>, basis: &DoraBasis, current: Period) -> DoraReport {
        debug_assert_eq!(basis.made_for, (facts.as_of(), facts.deployments().len()), "a basis of other facts");
        let as_of = facts.as_of();
        let previous = current.previous();
        let windows = Partition::of_periods(facts, vec![current, previous]);
        let first = &basis.first;
        let scope_reports = |by_window: Vec<Vec<DoraMetrics>>, trends: &[Trends]| {
            by_window
                .into_iter()
                .zip(trends)
                .map(|(by_window, trends)| {
                    let metrics = by_window.first().copied().unwrap_or_default();
                    let previous = by_window.get(1).copied().unwrap_or_default();
                    ScopeReport {
                        metrics,
                        covers_services: Vec::new(),
                        previous,
                        delta: Deltas::between(&metrics, &previous),
                        previous_has_data: false,
                        tiers: tiers(&metrics),
                        scores: scores(&metrics),
                        trends: trends.clone(),
                        lead_time_stages: LeadTimeStages::default(),
                    }
                })
                .collect::<Vec<ScopeReport>>()
        };
        // One list of scope reports per kind, in the order of SCOPE_KINDS: overall, services, teams.
        let mut by_kind = aggregate_lead(facts, &windows, &basis.by_position, KeySort::Radix)
            .into_iter()
            .zip(&basis.trends)
            .map(|(by_window, trends)| scope_reports(by_window, trends));
        let overall = by_kind.next().unwrap_or_default();
        let services = by_kind.next().unwrap_or_default();
        let teams = by_kind.next().unwrap_or_default();

        let scopes = facts.scopes();
        // One pass over the window's first deliveries (the rows of `changes_in`, not built: a window
        // holds up to a million), grouped by service and team.
        let mut overall_stages = StageColumns::default();
        let mut service_stages = vec![StageColumns::default(); scopes.services().len()];
        let mut team_stages = vec![StageColumns::default(); scopes.teams().len()];
        for (deployment_facts, deployment, change, delivery) in facts.first_deliveries_in(&current) {
            let service = deployment_facts.service;
            let team = service.and_then(|service| scopes.team_of(service));
            let targets = [
                Some(&mut overall_stages),
                service.and_then(|service| service_stages.get_mut(service)),
                team.and_then(|team| team_stages.get_mut(team)),
            ];
            for target in targets.into_iter().flatten() {
                target.add(
                    change.committed_at,
                    change.review().instants(),
                    deployment.finished_at,
                    delivery.lead_secs < 0,
                );
            }
        }
        let before_previous_end = |at: Option<DateTime<Utc>>| at.is_some_and(|at| at < previous.end);
        let mut overall = overall.into_iter().next().unwrap_or_else(|| empty_scope(current));
        overall.previous_has_data = before_previous_end(first.overall);
        overall.covers_services = scopes.services().to_vec();
        overall.lead_time_stages = overall_stages.into_stages();
        let services =
            btree_map(scopes.services().iter().zip(services).zip(service_stages).map(|((id, mut report), stages)| {
                report.previous_has_data = before_previous_end(first.of_service(scopes.service_index(id)));
                report.covers_services = vec![id.clone()];
                report.lead_time_stages = stages.into_stages();
                (id.clone(), report)
            }));
        let teams = btree_map(scopes.teams().iter().enumerate().zip(teams).zip(team_stages).map(
            |(((index, team), mut report), stages)| {
                report.previous_has_data = before_previous_end(first.of_team(index));
                report.covers_services = scopes.services_of_team(index).into_iter().map(str::to_owned).collect();
                report.lead_time_stages = stages.into_stages();
                (team.clone(), report)
            },
        ));
        DoraReport { as_of, window: current, previous_window: previous, overall, services, teams }
    }
}

/// The parts of the DORA report that do not depend on its window, computed once per `as_of`: every
/// scope's first record and the weekly and monthly trends (from the data's first record to `as_of`).
/// With it, a report over another window aggregates only that window and its predecessor.
#[derive(Debug, Clone)]
pub struct DoraBasis {
    /// The facts it was made from, told by their instant and deployment count (a debug check).
    made_for: (DateTime<Utc>, usize),
    /// The history's lead times by position, for a partition whose own do not fit packed keys
    /// (over 255 periods: weekly trends of five years); made on first need.
    by_position: OnceLock<LeadSamples>,
    first: FirstRecords,
    /// Per scope kind (overall, services, teams, as [`aggregate`] orders them), per scope.
    trends: Vec<Vec<Trends>>,
}

impl DoraBasis {
    pub fn new(facts: &DeliveryFacts<'_>) -> DoraBasis {
        let by_position = OnceLock::new();
        let first = FirstRecords::of(facts);
        let (weeks, week_labels) = calendar_partition(facts, first.overall, Granularity::IsoWeek);
        let (months, month_labels) = calendar_partition(facts, first.overall, Granularity::Month);
        // The weeks' and the months' lead times sorted once, in one list for both.
        let (weekly, monthly) = match LeadSamples::paired(facts, &weeks, &months, KeySort::InPlace) {
            Some(mut lead) => {
                let weekly = aggregate(facts, &weeks, &lead);
                lead.group_as_second();
                (weekly, aggregate(facts, &months, &lead))
            }
            None => (
                aggregate_lead(facts, &weeks, &by_position, KeySort::InPlace),
                aggregate_lead(facts, &months, &by_position, KeySort::InPlace),
            ),
        };
        let trends = weekly
            .into_iter()
            .zip(monthly)
            .map(|(weekly, monthly)| {
                weekly
                    .into_iter()
                    .zip(monthly)
                    .map(|(weekly, monthly)| Trends {
                        weekly: trend(&weeks, &week_labels, weekly),
                        monthly: trend(&months, &month_labels, monthly),
                    })
                    .collect()
            })
            .collect();
        DoraBasis { made_for: (facts.as_of(), facts.deployments().len()), by_position, first, trends }
    }
}

/// [`aggregate`] with the partition's own lead times packed and sorted (read in sequence, nothing
/// looked up), or the history's by position when they do not fit.
fn aggregate_lead(
    facts: &DeliveryFacts<'_>,
    partition: &Partition,
    by_position: &OnceLock<LeadSamples>,
    sort: KeySort,
) -> Vec<Vec<Vec<DoraMetrics>>> {
    match LeadSamples::packed(facts, partition, sort) {
        Some(lead) => aggregate(facts, partition, &lead),
        None => aggregate(facts, partition, by_position.get_or_init(|| LeadSamples::new(facts))),
    }
}

/// The trend buckets from the data's first record (`data_start`) to `as_of`, with their labels.
fn calendar_partition(
    facts: &DeliveryFacts<'_>,
    data_start: Option<DateTime<Utc>>,
    granularity: Granularity,
) -> (Partition, Vec<String>) {
    let Some(data_start) = data_start else { return (Partition::default(), Vec::new()) };
    let (first, labelled) = buckets(granularity, data_start, facts.as_of());
    let (labels, periods) = labelled.into_iter().unzip();
    (Partition::calendar(facts, granularity, first, periods), labels)
}

fn trend(partition: &Partition, labels: &[String], metrics: Vec<DoraMetrics>) -> Vec<TrendBucket> {
    partition
        .periods
        .iter()
        .zip(labels)
        .zip(metrics)
        .map(|((period, label), metrics)| TrendBucket {
            label: label.clone(),
            start: period.start,
            end: period.end,
            metrics,
        })
        .collect()
}

/// The earliest known deployment (`finished_at`) or incident (`started_at`) of every scope; the overall
/// one is where the trends start.
#[derive(Debug, Clone)]
struct FirstRecords {
    overall: Option<DateTime<Utc>>,
    by_service: Vec<Option<DateTime<Utc>>>,
    by_team: Vec<Option<DateTime<Utc>>>,
}

impl FirstRecords {
    fn of(facts: &DeliveryFacts<'_>) -> FirstRecords {
        let scopes = facts.scopes();
        let mut first = FirstRecords {
            overall: None,
            by_service: vec![None; scopes.services().len()],
            by_team: vec![None; scopes.teams().len()],
        };
        let deployments = facts.deployments().iter().map(|d| (d.service, d.finished_at));
        let incidents = facts.incidents().iter().filter_map(|i| Some((i.service, facts.incident(i)?.started_at)));
        for (service, at) in deployments.chain(incidents) {
            let earliest = |slot: &mut Option<DateTime<Utc>>| *slot = Some(slot.map_or(at, |known| known.min(at)));
            earliest(&mut first.overall);
            let Some(service) = service else { continue };
            if let Some(slot) = first.by_service.get_mut(service) {
                earliest(slot);
            }
            if let Some(slot) = scopes.team_of(service).and_then(|team| first.by_team.get_mut(team)) {
                earliest(slot);
            }
        }
        first
    }

    fn of_service(&self, service: Option<usize>) -> Option<DateTime<Utc>> {
        service.and_then(|service| self.by_service.get(service).copied().flatten())
    }

    fn of_team(&self, team: usize) -> Option<DateTime<Utc>> {
        self.by_team.get(team).copied().flatten()
    }
}

fn empty_scope(window: Period) -> ScopeReport {
    let metrics =
        super::metrics::MetricSamples::default().into_metrics(&window, &super::lead_time::RankedLeadTimes::of_count(0));
    ScopeReport {
        metrics,
        covers_services: Vec::new(),
        previous: metrics,
        delta: Deltas::default(),
        previous_has_data: false,
        tiers: tiers(&metrics),
        scores: scores(&metrics),
        trends: Trends::default(),
        lead_time_stages: LeadTimeStages::default(),
    }
}

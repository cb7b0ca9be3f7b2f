//! The SLO x DORA join: what delivery did to reliability, in error budget.
//!
//! - Per change-failure deployment: the bad events (or bad slices) of its service's SLOs between its
//!   `finished_at` and its recovery (or `as_of` while open), as a share of each SLO's allowed budget
//!   (the budget of the SLO's window ending when the failure ended).
//! - Per service: deployments made while one of its SLOs had status `breached` at the deployment's
//!   `finished_at` (error-budget-policy violations).
//! - Per SLO: the share of its bad events in the DORA window that fell inside change-failure windows
//!   versus outside (change-caused versus other unreliability).
//!
//! Counts and statuses come from the SLO engine ([`SloIndex`]); this module only picks the instants. Like
//! every SLO number, counts take only the buckets known at `as_of` (ending by the SLO's `end`).
//! Definitions: `docs/metrics.md`, "SLO x DORA: the join".

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::dora::{DeliveryFacts, Period};
use crate::model::{Id, SliSeries};
use crate::slo::{Grid, SloIndex, WindowProbe};
use crate::time::Span;

/// `join` in the JSON report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JoinReport {
    /// The DORA window the join covers.
    pub window: Period,
    /// Change failures of the window, in `finished_at` order.
    pub change_failures: Vec<FailureBudgetBurn>,
    /// Every service, with the deployments of the window made while one of its SLOs was breached.
    pub deployments_while_breached: BTreeMap<String, Vec<BreachedDeployment>>,
    /// Every SLO the engine could index, by id.
    pub bad_event_attribution: BTreeMap<String, BadEventAttribution>,
    /// SLOs left out of the join, with the SLO engine's reason.
    pub skipped_slos: Vec<SkippedSlo>,
}

/// The error budget one change failure burned.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FailureBudgetBurn {
    pub deployment: Id,
    pub service: Id,
    pub finished_at: DateTime<Utc>,
    /// Recovery, or `as_of` while open.
    pub until: DateTime<Utc>,
    pub open: bool,
    /// One entry per SLO of the service.
    pub slos: Vec<SloBurn>,
}

/// Bad events (or slices) of one SLO during one failure, against that SLO's allowed budget.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SloBurn {
    pub slo: String,
    pub bad: u64,
    /// Bad events (or slices) the objective allows in the SLO's window ending at `until`.
    pub allowed: f64,
    /// `bad / allowed`; null when nothing is allowed (no traffic).
    pub budget_share: Option<f64>,
}

/// A deployment made while its service's error budget was spent.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BreachedDeployment {
    pub deployment: Id,
    pub finished_at: DateTime<Utc>,
    /// The service's SLOs with status `breached` at `finished_at` (a window of a large data set lists
    /// tens of thousands of these: an `Id` keeps an id of up to 24 bytes inline, 12 on wasm32).
    pub breached_slos: Vec<Id>,
}

/// Where one SLO's bad events of the DORA window fell.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BadEventAttribution {
    pub bad: u64,
    pub bad_in_change_failures: u64,
    pub bad_outside: u64,
    /// `bad_in_change_failures / bad`; null without bad events.
    pub change_failure_share: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SkippedSlo {
    pub slo: String,
    pub reason: String,
}

/// The join at the facts' `as_of`, over the DORA window of length `window`.
pub fn compute(facts: &DeliveryFacts<'_>, window: Span) -> JoinReport {
    compute_in(facts, Period::ending_at(facts.as_of(), window))
}

/// The join over `period` (a custom range of the site), with the data known at the facts' `as_of`.
pub fn compute_in(facts: &DeliveryFacts<'_>, period: Period) -> JoinReport {
    compute_on(facts, &SloIndexes::new(facts.dataset()), period)
}

/// Every SLO of a dataset indexed for the join, by service, built once for any number of windows
/// (the site's range control); the SLOs the engine cannot index, with its reason.
#[derive(Debug, Clone)]
pub struct SloIndexes<'a> {
    by_service: BTreeMap<&'a str, Vec<SloIndex<'a>>>,
    skipped: Vec<SkippedSlo>,
}

impl<'a> SloIndexes<'a> {
    pub fn new(dataset: &'a crate::model::Dataset) -> SloIndexes<'a> {
        let mut indexes = SloIndexes { by_service: BTreeMap::new(), skipped: Vec::new() };
        for slo in &dataset.slos {
            match SloIndex::new(slo) {
                Ok(index) => indexes.by_service.entry(slo.definition.service.as_str()).or_default().push(index),
                Err(error) => {
                    indexes.skipped.push(SkippedSlo { slo: slo.definition.id.clone(), reason: error.to_string() })
                }
            }
        }
        indexes
    }
}

/// [`compute_in`] with the SLOs already indexed (for the facts' dataset).
pub fn compute_on(facts: &DeliveryFacts<'_>, slo_indexes: &SloIndexes<'_>, period: Period) -> JoinReport {
    let as_of = facts.as_of();
    let mut skipped_slos = slo_indexes.skipped.clone();
    let indexes = &slo_indexes.by_service;
    let slos_of = |service: &str| indexes.get(service).map_or(&[][..], Vec::as_slice);
    // By dense service index: every deployment's service is one of the scopes' (`Scopes::new`).
    let services = facts.scopes().services();
    // One probe per SLO, asked in time order: a calendar window is resolved once per period.
    let mut probes_by_service: Vec<Vec<WindowProbe<'_, '_>>> =
        services.iter().map(|service| slos_of(service).iter().map(SloIndex::probe).collect()).collect();

    let mut change_failures = Vec::new();
    let mut breached_by_service: Vec<Vec<BreachedDeployment>> = vec![Vec::new(); services.len()];
    // Failure windows per service, clipped to the DORA window, for the attribution.
    let mut failure_windows: Vec<Vec<Period>> = vec![Vec::new(); services.len()];
    // The period's deployments, after the change failures before it (whose recovery may reach into
    // it), in time order: a deployment after the period changes nothing.
    let period_positions = facts.deployment_positions_between(period.start, period.end);
    let walked = facts.failures_reaching(period.start, period_positions.start).chain(period_positions);
    for deployment_facts in walked.filter_map(|position| facts.deployments().get(position)) {
        // Decided from the facts alone: a failure before the period needs only its window, and reading
        // its record would be a cache miss for nothing.
        let in_period = period.contains(deployment_facts.finished_at);
        let failure_recovery = deployment_facts.recovery.filter(|_| deployment_facts.change_failure);
        if failure_recovery.is_none() && !in_period {
            continue;
        }
        let Some(service) = deployment_facts.service.filter(|service| *service < services.len()) else { continue };
        let failure = failure_recovery
            .map(|recovery| (Period { start: deployment_facts.finished_at, end: recovery.end_or(as_of) }, recovery));
        if let Some((failure, _)) = &failure {
            let clipped = Period { start: failure.start.max(period.start), end: failure.end.min(period.end) };
            if clipped.start < clipped.end {
                failure_windows[service].push(clipped);
            }
        }
        if !in_period {
            continue;
        }
        let Some(deployment) = facts.deployment(deployment_facts) else { continue };
        let probes = &mut probes_by_service[service];
        if let Some((failure, recovery)) = failure {
            change_failures.push(FailureBudgetBurn {
                deployment: deployment.id.clone(),
                service: deployment.service.clone(),
                finished_at: failure.start,
                until: failure.end,
                open: matches!(recovery, crate::dora::Recovery::Open),
                slos: probes.iter_mut().filter_map(|probe| burn(probe, &failure, as_of, &mut skipped_slos)).collect(),
            });
        }
        let breached_slos: Vec<Id> = probes
            .iter_mut()
            .filter_map(|probe| {
                probe.is_breached_at(deployment_facts.finished_at).then(|| Id::from(&probe.index().slo().definition.id))
            })
            .collect();
        if !breached_slos.is_empty() {
            breached_by_service[service].push(BreachedDeployment {
                deployment: deployment.id.clone(),
                finished_at: deployment_facts.finished_at,
                breached_slos,
            });
        }
    }
    let deployments_while_breached: BTreeMap<String, Vec<BreachedDeployment>> =
        crate::sort::btree_map(services.iter().cloned().zip(breached_by_service));

    let mut bad_event_attribution = BTreeMap::new();
    for (service, service_indexes) in indexes {
        let windows = facts
            .scopes()
            .service_index(service)
            .and_then(|service| failure_windows.get(service))
            .map_or(&[][..], Vec::as_slice);
        for index in service_indexes {
            let id = index.slo().definition.id.clone();
            match attribution(index, &period, windows, as_of) {
                Some(attribution) => {
                    bad_event_attribution.insert(id, attribution);
                }
                None => {
                    skipped_slos.push(SkippedSlo { slo: id, reason: "counts overflow or dates out of range".into() })
                }
            }
        }
    }
    JoinReport { window: period, change_failures, deployments_while_breached, bad_event_attribution, skipped_slos }
}

fn burn(
    probe: &mut WindowProbe<'_, '_>,
    failure: &Period,
    as_of: DateTime<Utc>,
    skipped: &mut Vec<SkippedSlo>,
) -> Option<SloBurn> {
    let index = probe.index();
    let id = &index.slo().definition.id;
    let result = index
        .tally_overlapping(failure.start, failure.end, as_of)
        .and_then(|tally| Ok((tally.bad, probe.allowed_budget_at(failure.end)?)));
    match result {
        Ok((bad, allowed)) => {
            Some(SloBurn { slo: id.clone(), bad, allowed, budget_share: (allowed > 0.0).then(|| bad as f64 / allowed) })
        }
        Err(error) => {
            skipped.push(SkippedSlo { slo: id.clone(), reason: error.to_string() });
            None
        }
    }
}

/// Bad events of the window inside the union of the failure windows (widened to whole buckets and
/// merged, so no bucket counts twice) versus the rest.
fn attribution(
    index: &SloIndex<'_>,
    period: &Period,
    failure_windows: &[Period],
    as_of: DateTime<Utc>,
) -> Option<BadEventAttribution> {
    let series = &index.slo().series;
    let bad = index.tally_overlapping(period.start, period.end, as_of).ok()?.bad;
    let mut aligned: Vec<Period> = failure_windows.iter().filter_map(|window| align(series, window)).collect();
    crate::sort::sort_stable_by_key(&mut aligned, |window| window.start);
    let mut merged: Vec<Period> = Vec::with_capacity(aligned.len());
    for window in aligned {
        match merged.last_mut() {
            Some(last) if window.start <= last.end => last.end = last.end.max(window.end),
            _ => merged.push(window),
        }
    }
    let mut inside: u64 = 0;
    for window in &merged {
        inside = inside.checked_add(index.tally_overlapping(window.start, window.end, as_of).ok()?.bad)?;
    }
    let inside = inside.min(bad);
    Some(BadEventAttribution {
        bad,
        bad_in_change_failures: inside,
        bad_outside: bad - inside,
        change_failure_share: (bad > 0).then(|| inside as f64 / bad as f64),
    })
}

/// The window widened to the SLO's bucket boundaries.
fn align(series: &SliSeries, window: &Period) -> Option<Period> {
    let grid = Grid::of(series);
    let start = grid.boundary(grid.index_at_or_before(window.start))?;
    Some(Period { start, end: grid.boundary(grid.index_at_or_after(window.end))? })
}

//! Grouping the delivery facts by scope (overall, service, team) and by period (the report window
//! and its predecessor, ISO weeks, months) in one pass over deployments, one over lead times in
//! ascending order (so no bucket is sorted again) and one over incidents.

use chrono::{DateTime, Utc};

use super::facts::DeliveryFacts;
use super::known::Period;
use super::metrics::{DoraMetrics, MetricSamples};
use super::restore::restore_secs;
use super::scopes::ScopeKind;
use super::trends::{bucket_number, Granularity};

/// Consecutive periods an instant falls into at most one of.
#[derive(Debug, Clone)]
pub(crate) struct Partition {
    pub periods: Vec<Period>,
    calendar: Option<(Granularity, i64)>,
}

impl Partition {
    /// Arbitrary disjoint periods, looked up one by one (the window and its predecessor).
    pub fn of_periods(periods: Vec<Period>) -> Partition {
        Partition { periods, calendar: None }
    }

    /// Calendar buckets numbered from `first_number` (see [`bucket_number`]).
    pub fn calendar(granularity: Granularity, first_number: i64, periods: Vec<Period>) -> Partition {
        Partition { periods, calendar: Some((granularity, first_number)) }
    }

    fn slot(&self, instant: DateTime<Utc>) -> Option<usize> {
        match self.calendar {
            Some((granularity, first)) => {
                let slot = usize::try_from(bucket_number(granularity, instant).checked_sub(first)?).ok()?;
                self.periods.get(slot).filter(|period| period.contains(instant)).map(|_| slot)
            }
            None => self.periods.iter().position(|period| period.contains(instant)),
        }
    }
}

/// Non-negative lead times with the position of their deployment, ascending.
pub(crate) fn lead_times_ascending(facts: &DeliveryFacts<'_>) -> Vec<(i64, u32)> {
    let mut lead: Vec<(i64, u32)> = facts
        .first_deliveries()
        .iter()
        .filter(|delivery| delivery.lead_secs >= 0)
        .map(|delivery| (delivery.lead_secs, delivery.position))
        .collect();
    lead.sort_unstable();
    lead
}

/// Metrics of every scope of `kind` in every period of `partition`: `result[scope][slot]`.
pub(crate) fn aggregate(
    facts: &DeliveryFacts<'_>,
    kind: ScopeKind,
    partition: &Partition,
    lead_ascending: &[(i64, u32)],
) -> Vec<Vec<DoraMetrics>> {
    let scopes = facts.scopes();
    let slots = partition.periods.len();
    let scope_count = scopes.count(kind);
    let mut samples = vec![MetricSamples::default(); scope_count.saturating_mul(slots)];
    let bucket = |service: Option<usize>, instant: DateTime<Utc>| -> Option<usize> {
        let scope = scopes.key(kind, service)?;
        scope.checked_mul(slots)?.checked_add(partition.slot(instant)?)
    };

    let mut bucket_of_position: Vec<Option<u32>> = Vec::with_capacity(facts.deployments().len());
    for deployment in facts.deployments() {
        let Some(record) = facts.deployment(deployment) else {
            bucket_of_position.push(None);
            continue;
        };
        let index = bucket(deployment.service, record.finished_at);
        if let Some(target) = index.and_then(|index| samples.get_mut(index)) {
            let recovery_secs = deployment.recovery.and_then(|recovery| recovery.recovery_secs(record.finished_at));
            target.add_deployment(
                record.finished_at,
                deployment.change_failure,
                recovery_secs,
                deployment.rework,
                deployment.lead_anomalies,
            );
        }
        bucket_of_position.push(index.and_then(|index| u32::try_from(index).ok()));
    }

    for (lead_secs, position) in lead_ascending {
        let index = usize::try_from(*position).ok().and_then(|position| bucket_of_position.get(position).copied());
        let target = index.flatten().and_then(|index| usize::try_from(index).ok()).and_then(|i| samples.get_mut(i));
        if let Some(target) = target {
            target.add_lead_time(*lead_secs);
        }
    }

    for incident in facts.incidents() {
        let Some(record) = facts.incident(incident) else { continue };
        if let Some(target) = bucket(incident.service, record.started_at).and_then(|index| samples.get_mut(index)) {
            target.add_incident(restore_secs(record.started_at, incident.resolved_at));
        }
    }

    let mut samples = samples.into_iter();
    (0..scope_count)
        .map(|_| {
            partition
                .periods
                .iter()
                .zip(samples.by_ref().take(slots))
                .map(|(period, samples)| samples.into_metrics(period))
                .collect()
        })
        .collect()
}

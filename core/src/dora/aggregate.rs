//! Grouping the delivery facts by scope (overall, service, team) and by period (the report window
//! and its predecessor, ISO weeks, months). Per partition of time, one pass over deployments, one
//! over lead times in ascending order (so no bucket is sorted again) and one over incidents fill the
//! buckets of all three scope kinds at once.

use chrono::{DateTime, Utc};

use super::facts::DeliveryFacts;
use super::known::Period;
use super::metrics::{DoraMetrics, MetricSamples};
use super::restore::restore_secs;
use super::scopes::ScopeKind;
use super::trends::{bucket_number, Granularity};

/// Periods (disjoint), and which one each known deployment and incident falls into, computed
/// once and shared by every scope kind.
#[derive(Debug, Clone, Default)]
pub(crate) struct Partition {
    pub periods: Vec<Period>,
    deployment_slots: Vec<Option<u32>>,
    incident_slots: Vec<Option<u32>>,
}

impl Partition {
    /// Arbitrary disjoint periods, looked up one by one (the window and its predecessor).
    pub fn of_periods(facts: &DeliveryFacts<'_>, periods: Vec<Period>) -> Partition {
        let slot = |instant: DateTime<Utc>| periods.iter().position(|period| period.contains(instant));
        Partition::assign(facts, &slot, periods.clone())
    }

    /// Calendar buckets numbered from `first_number` (see [`bucket_number`]).
    pub fn calendar(
        facts: &DeliveryFacts<'_>,
        granularity: Granularity,
        first_number: i64,
        periods: Vec<Period>,
    ) -> Partition {
        let slot = |instant: DateTime<Utc>| {
            let slot = usize::try_from(bucket_number(granularity, instant).checked_sub(first_number)?).ok()?;
            periods.get(slot).filter(|period| period.contains(instant)).map(|_| slot)
        };
        Partition::assign(facts, &slot, periods.clone())
    }

    fn assign(
        facts: &DeliveryFacts<'_>,
        slot: &dyn Fn(DateTime<Utc>) -> Option<usize>,
        periods: Vec<Period>,
    ) -> Partition {
        let slot_of = |instant: Option<DateTime<Utc>>| instant.and_then(slot).and_then(|slot| u32::try_from(slot).ok());
        let deployment_slots: Vec<Option<u32>> =
            facts.deployments().iter().map(|d| slot_of(facts.deployment(d).map(|d| d.finished_at))).collect();
        let incident_slots =
            facts.incidents().iter().map(|i| slot_of(facts.incident(i).map(|i| i.started_at))).collect();
        Partition { periods, deployment_slots, incident_slots }
    }

    fn deployment_slot(&self, position: usize) -> Option<usize> {
        self.deployment_slots.get(position).copied().flatten().and_then(|slot| usize::try_from(slot).ok())
    }

    fn incident_slot(&self, position: usize) -> Option<usize> {
        self.incident_slots.get(position).copied().flatten().and_then(|slot| usize::try_from(slot).ok())
    }
}

/// Non-negative lead times in ascending order, with the service of their deployment gathered once,
/// so grouping them reads memory in sequence.
#[derive(Debug, Clone, Default)]
pub(crate) struct LeadSamples {
    secs: Vec<i64>,
    positions: Vec<u32>,
    services: Vec<Option<usize>>,
}

impl LeadSamples {
    pub fn new(facts: &DeliveryFacts<'_>) -> LeadSamples {
        let mut lead: Vec<(i64, u32)> = facts
            .first_deliveries()
            .iter()
            .filter(|delivery| delivery.lead_secs >= 0)
            .map(|delivery| (delivery.lead_secs, delivery.position))
            .collect();
        lead.sort_unstable_by_key(|(secs, _)| *secs);
        let (secs, positions): (Vec<i64>, Vec<u32>) = lead.into_iter().unzip();
        let deployments = facts.deployments();
        let services = positions
            .iter()
            .map(|position| usize::try_from(*position).ok().and_then(|p| deployments.get(p)).and_then(|d| d.service))
            .collect();
        LeadSamples { secs, positions, services }
    }
}

/// The scope kinds grouped in one pass, in this order in [`aggregate`]'s result.
pub(crate) const SCOPE_KINDS: [ScopeKind; 3] = [ScopeKind::Overall, ScopeKind::Service, ScopeKind::Team];

/// Metrics of every scope of each of [`SCOPE_KINDS`] in every period of `partition`:
/// `result[kind][scope][slot]`.
pub(crate) fn aggregate(
    facts: &DeliveryFacts<'_>,
    partition: &Partition,
    lead: &LeadSamples,
) -> Vec<Vec<Vec<DoraMetrics>>> {
    let scopes = facts.scopes();
    let slots = partition.periods.len();
    let mut samples: Vec<Vec<MetricSamples>> = SCOPE_KINDS
        .iter()
        .map(|kind| vec![MetricSamples::default(); scopes.count(*kind).saturating_mul(slots)])
        .collect();
    // The sample buckets, one per scope kind, of something of `service` in `slot`.
    let targets = |samples: &mut Vec<Vec<MetricSamples>>,
                   service: Option<usize>,
                   slot: usize,
                   add: &dyn Fn(&mut MetricSamples)| {
        for (kind, kind_samples) in SCOPE_KINDS.iter().zip(samples.iter_mut()) {
            let index = scopes.key(*kind, service).and_then(|scope| scope.checked_mul(slots)?.checked_add(slot));
            if let Some(target) = index.and_then(|index| kind_samples.get_mut(index)) {
                add(target);
            }
        }
    };

    for (position, deployment) in facts.deployments().iter().enumerate() {
        let (Some(record), Some(slot)) = (facts.deployment(deployment), partition.deployment_slot(position)) else {
            continue;
        };
        let recovery_secs = deployment.recovery.and_then(|recovery| recovery.recovery_secs(record.finished_at));
        targets(&mut samples, deployment.service, slot, &|target| {
            target.add_deployment(
                record.finished_at,
                deployment.change_failure,
                recovery_secs,
                deployment.rework,
                deployment.lead_anomalies,
            )
        });
    }

    // Lead times are counted, then added: a bucket keeps only the samples its median and p90 read.
    let lead_slots = || {
        lead.positions.iter().map(|position| usize::try_from(*position).ok().and_then(|p| partition.deployment_slot(p)))
    };
    for (service, slot) in lead.services.iter().zip(lead_slots()) {
        if let Some(slot) = slot {
            targets(&mut samples, *service, slot, &|target| target.expect_lead_time());
        }
    }
    for ((lead_secs, service), slot) in lead.secs.iter().zip(&lead.services).zip(lead_slots()) {
        if let Some(slot) = slot {
            targets(&mut samples, *service, slot, &|target| target.add_lead_time(*lead_secs));
        }
    }

    for (position, incident) in facts.incidents().iter().enumerate() {
        let (Some(record), Some(slot)) = (facts.incident(incident), partition.incident_slot(position)) else {
            continue;
        };
        let restore = restore_secs(record.started_at, incident.resolved_at);
        targets(&mut samples, incident.service, slot, &|target| target.add_incident(restore));
    }

    SCOPE_KINDS
        .iter()
        .zip(samples)
        .map(|(kind, kind_samples)| {
            let mut kind_samples = kind_samples.into_iter();
            (0..scopes.count(*kind))
                .map(|_| {
                    partition
                        .periods
                        .iter()
                        .zip(kind_samples.by_ref().take(slots))
                        .map(|(period, samples)| samples.into_metrics(period))
                        .collect()
                })
                .collect()
        })
        .collect()
}

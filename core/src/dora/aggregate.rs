//! Grouping the delivery facts by scope (overall, service, team) and by period (the report window
//! and its predecessor, ISO weeks, months). Per partition of time, one pass over deployments, one
//! over lead times in ascending order (so no bucket is sorted again) and one over incidents fill the
//! buckets of all three scope kinds at once.

use chrono::{DateTime, Utc};

use super::facts::DeliveryFacts;
use super::known::{utc_day_number, Period};
use super::metrics::{DoraMetrics, MetricSamples};
use super::restore::restore_secs;
use super::scopes::{ScopeKind, Scopes};
use super::trends::{bucket_number, Granularity};

/// Periods (disjoint), and which one each known deployment and incident falls into, computed
/// once and shared by every scope kind.
#[derive(Debug, Clone, Default)]
pub(crate) struct Partition {
    pub periods: Vec<Period>,
    deployment_slots: Vec<Option<u32>>,
    incident_slots: Vec<Option<u32>>,
    /// The slot of each of [`LeadSamples`], in their order.
    lead_slots: Vec<Option<u32>>,
}

impl Partition {
    /// Arbitrary disjoint periods, looked up one by one (the window and its predecessor).
    pub fn of_periods(facts: &DeliveryFacts<'_>, lead: &LeadSamples, periods: Vec<Period>) -> Partition {
        let slot = |instant: DateTime<Utc>| periods.iter().position(|period| period.contains(instant));
        Partition::assign(facts, lead, &slot, periods.clone())
    }

    /// Calendar buckets numbered from `first_number` (see [`bucket_number`]).
    pub fn calendar(
        facts: &DeliveryFacts<'_>,
        lead: &LeadSamples,
        granularity: Granularity,
        first_number: i64,
        periods: Vec<Period>,
    ) -> Partition {
        let slot = |instant: DateTime<Utc>| {
            let slot = usize::try_from(bucket_number(granularity, instant).checked_sub(first_number)?).ok()?;
            periods.get(slot).filter(|period| period.contains(instant)).map(|_| slot)
        };
        Partition::assign(facts, lead, &slot, periods.clone())
    }

    fn assign(
        facts: &DeliveryFacts<'_>,
        lead: &LeadSamples,
        slot: &dyn Fn(DateTime<Utc>) -> Option<usize>,
        periods: Vec<Period>,
    ) -> Partition {
        let slot_of = |instant: Option<DateTime<Utc>>| instant.and_then(slot).and_then(|slot| u32::try_from(slot).ok());
        let deployment_slots: Vec<Option<u32>> =
            facts.deployments().iter().map(|d| slot_of(facts.deployment(d).map(|d| d.finished_at))).collect();
        let incident_slots =
            facts.incidents().iter().map(|i| slot_of(facts.incident(i).map(|i| i.started_at))).collect();
        let lead_slots = lead
            .positions
            .iter()
            .map(|position| usize::try_from(*position).ok().and_then(|p| deployment_slots.get(p)).copied().flatten())
            .collect();
        Partition { periods, deployment_slots, incident_slots, lead_slots }
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
    let mut samples: [Vec<MetricSamples>; 3] =
        SCOPE_KINDS.map(|kind| vec![MetricSamples::default(); scopes.count(kind).saturating_mul(slots)]);
    for (position, deployment) in facts.deployments().iter().enumerate() {
        let (Some(record), Some(slot)) = (facts.deployment(deployment), partition.deployment_slot(position)) else {
            continue;
        };
        let recovery_secs = deployment.recovery.and_then(|recovery| recovery.recovery_secs(record.finished_at));
        let day = utc_day_number(record.finished_at);
        for target in targets(&mut samples, scopes, slots, deployment.service, slot).into_iter().flatten() {
            target.add_deployment_on_day(
                record.finished_at,
                day,
                deployment.change_failure,
                recovery_secs,
                deployment.rework,
                deployment.lead_anomalies,
            );
        }
    }

    // Lead times: counted first, then fed in ascending order, so each bucket keeps only the few its
    // statistics read.
    let lead_samples = || {
        lead.secs
            .iter()
            .zip(&lead.services)
            .zip(&partition.lead_slots)
            .filter_map(|((secs, service), slot)| Some((*secs, *service, usize::try_from((*slot)?).ok()?)))
    };
    for (_, service, slot) in lead_samples() {
        for target in targets(&mut samples, scopes, slots, service, slot).into_iter().flatten() {
            target.count_lead_time();
        }
    }
    for (lead_secs, service, slot) in lead_samples() {
        for target in targets(&mut samples, scopes, slots, service, slot).into_iter().flatten() {
            target.add_lead_time(lead_secs);
        }
    }

    for (position, incident) in facts.incidents().iter().enumerate() {
        let (Some(record), Some(slot)) = (facts.incident(incident), partition.incident_slot(position)) else {
            continue;
        };
        let restore = restore_secs(record.started_at, incident.resolved_at);
        for target in targets(&mut samples, scopes, slots, incident.service, slot).into_iter().flatten() {
            target.add_incident(restore);
        }
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

/// The sample buckets, one per scope kind, of something of `service` in `slot`.
fn targets<'s>(
    samples: &'s mut [Vec<MetricSamples>; 3],
    scopes: &Scopes,
    slots: usize,
    service: Option<usize>,
    slot: usize,
) -> [Option<&'s mut MetricSamples>; 3] {
    let [overall, services, teams] = samples;
    let [overall_kind, service_kind, team_kind] = SCOPE_KINDS;
    let index = |kind| scopes.key(kind, service).and_then(|scope| scope.checked_mul(slots)?.checked_add(slot));
    [
        index(overall_kind).and_then(|index| overall.get_mut(index)),
        index(service_kind).and_then(|index| services.get_mut(index)),
        index(team_kind).and_then(|index| teams.get_mut(index)),
    ]
}

//! Grouping the delivery facts by scope (overall, service, team) and by period (the report window
//! and its predecessor, ISO weeks, months). Per partition of time, one pass over deployments, one
//! over lead times in ascending order (so no bucket is sorted again) and one over incidents fill the
//! buckets of all three scope kinds at once.

use std::num::NonZeroU32;
use std::ops::Range;

use chrono::{DateTime, Utc};

use super::facts::DeliveryFacts;
use super::key_sort::{sort_keys, KeySort};
use super::known::{utc_day_number, Period};
use super::lead_time::RankedLeadTimes;
use super::metrics::{DoraMetrics, MetricSamples};
use super::restore::restore_secs;
use super::scopes::{ScopeKind, Scopes};
use super::trends::{bucket_number, Granularity};

/// Periods (disjoint), and which one each known deployment and incident falls into, computed
/// once and shared by every scope kind.
#[derive(Debug, Clone, Default)]
pub(crate) struct Partition {
    pub periods: Vec<Period>,
    /// The positions of the known deployments and incidents the slots are for: those in the periods'
    /// span (a window's partition is as long as the window, not the history).
    deployments: Range<usize>,
    deployment_slots: Vec<Option<SmallIndex>>,
    incidents: Range<usize>,
    incident_slots: Vec<Option<SmallIndex>>,
}

/// An index in 4 bytes with `None` free (`index + 1` as a `NonZeroU32`), for lists as long as the
/// history's deployments or changes: a slot or a service each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct SmallIndex(NonZeroU32);

impl SmallIndex {
    /// `None` for an index of `u32::MAX` or more, which no partition or service list reaches.
    fn new(index: usize) -> Option<SmallIndex> {
        u32::try_from(index).ok()?.checked_add(1).and_then(NonZeroU32::new).map(SmallIndex)
    }

    fn get(self) -> usize {
        self.0.get() as usize - 1
    }
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
        let start = periods.iter().map(|period| period.start).min();
        let end = periods.iter().map(|period| period.end).max();
        let (deployments, incidents) = match start.zip(end) {
            Some((start, end)) => {
                (facts.deployment_positions_between(start, end), facts.incident_positions_between(start, end))
            }
            None => (0..0, 0..0),
        };
        let slot_of = |instant: Option<DateTime<Utc>>| instant.and_then(slot).and_then(SmallIndex::new);
        let deployment_slots: Vec<Option<SmallIndex>> = facts
            .deployments()
            .get(deployments.clone())
            .unwrap_or_default()
            .iter()
            .map(|d| slot_of(Some(d.finished_at)))
            .collect();
        let incident_slots = facts
            .incidents()
            .get(incidents.clone())
            .unwrap_or_default()
            .iter()
            .map(|i| slot_of(facts.incident(i).map(|i| i.started_at)))
            .collect();
        Partition { periods, deployments, deployment_slots, incidents, incident_slots }
    }

    fn deployment_slot(&self, position: usize) -> Option<usize> {
        let offset = position.checked_sub(self.deployments.start)?;
        self.deployment_slots.get(offset).copied().flatten().map(SmallIndex::get)
    }

    fn incident_slot(&self, position: usize) -> Option<usize> {
        let offset = position.checked_sub(self.incidents.start)?;
        self.incident_slots.get(offset).copied().flatten().map(SmallIndex::get)
    }
}

/// Non-negative lead times in ascending order.
#[derive(Debug, Clone)]
pub(crate) struct LeadSamples(Samples);

/// The two forms of [`LeadSamples`].
#[derive(Debug, Clone)]
enum Samples {
    /// Every first delivery's, with the service of its deployment gathered once; the slot of a
    /// partition is looked up by position (so one list serves the weekly and monthly trends). 16
    /// bytes a sample: a history has millions.
    ByPosition { secs: Vec<i64>, positions: Vec<u32>, services: Vec<Option<SmallIndex>> },
    /// One partition's (a window and its predecessor): lead time, slot and service packed in one
    /// sorted `u64` each ([`PackedSample`]), read in sequence with nothing looked up.
    Packed(Vec<u64>),
    /// Two partitions' (the weekly and the monthly trends), sorted once for both: each key holds the
    /// sample's slot in each ([`PairedSample`]); `half` says which partition is being grouped.
    Paired { keys: Vec<u64>, half: usize },
}

/// A [`Samples::Packed`] key: the lead time in its top 32 bits, so keys sort by it; then the slot
/// (8 bits) and the service + 1 (24 bits, 0 for none).
struct PackedSample;

impl PackedSample {
    const MAX_SLOTS: usize = 1 << 8;
    const MAX_SERVICE_CODE: u64 = (1 << 24) - 1;

    fn pack(secs: i64, slot: usize, service: Option<usize>) -> Option<u64> {
        let secs = u64::from(u32::try_from(secs).ok()?);
        let slot = u64::try_from(slot).ok().filter(|slot| *slot < Self::MAX_SLOTS as u64)?;
        let service = service_code(service, Self::MAX_SERVICE_CODE)?;
        Some(secs << 32 | slot << 24 | service)
    }

    fn unpack(key: u64) -> (i64, Option<usize>, usize) {
        let service = (key & Self::MAX_SERVICE_CODE) as usize;
        ((key >> 32) as i64, service.checked_sub(1), (key >> 24 & 0xff) as usize)
    }
}

/// A [`Samples::Paired`] key: the lead time in its top 32 bits, then the slot in each of two
/// partitions (8 bits each, [`Self::NO_SLOT`] outside it) and the service + 1 (16 bits, 0 for none).
struct PairedSample;

impl PairedSample {
    const NO_SLOT: u64 = 0xff;
    const MAX_SERVICE_CODE: u64 = (1 << 16) - 1;

    fn pack(secs: i64, slots: [Option<usize>; 2], service: Option<usize>) -> Option<u64> {
        let secs = u64::from(u32::try_from(secs).ok()?);
        let [first, second] = slots.map(|slot| match slot {
            None => Some(Self::NO_SLOT),
            Some(slot) => u64::try_from(slot).ok().filter(|slot| *slot < Self::NO_SLOT),
        });
        let service = service_code(service, Self::MAX_SERVICE_CODE)?;
        Some(secs << 32 | first? << 24 | second? << 16 | service)
    }

    /// The sample as partition `half` (0 or 1) groups it: `None` outside that partition.
    fn unpack(key: u64, half: usize) -> Option<(i64, Option<usize>, usize)> {
        let slot = key >> (24 - 8 * half.min(1)) & 0xff;
        let service = (key & Self::MAX_SERVICE_CODE) as usize;
        (slot != Self::NO_SLOT).then_some(((key >> 32) as i64, service.checked_sub(1), slot as usize))
    }
}

/// A packed key's service field: the service + 1, 0 for none; `None` above `max`.
fn service_code(service: Option<usize>, max: u64) -> Option<u64> {
    match service {
        None => Some(0),
        Some(service) => u64::try_from(service).ok()?.checked_add(1).filter(|code| *code <= max),
    }
}

impl LeadSamples {
    /// Every first delivery's.
    pub fn new(facts: &DeliveryFacts<'_>) -> LeadSamples {
        let lead = facts.first_deliveries().iter().filter(|delivery| delivery.lead_secs >= 0);
        let (secs, positions) = ascending(lead.map(|delivery| (delivery.lead_secs, delivery.position)));
        let deployments = facts.deployments();
        let services = positions
            .iter()
            .map(|position| {
                let deployment = usize::try_from(*position).ok().and_then(|p| deployments.get(p))?;
                deployment.service.and_then(SmallIndex::new)
            })
            .collect();
        LeadSamples(Samples::ByPosition { secs, positions, services })
    }

    /// The lead times of `partition`'s deployments, packed and ordered by lead time (`sort`): sorting
    /// them costs less than walking the history's with a lookup each (and a window sorts only its
    /// own). `None` when one does not fit a key (a lead time of 2^32 s or more, over 255 periods, or
    /// 16M services).
    pub fn packed(facts: &DeliveryFacts<'_>, partition: &Partition, sort: KeySort) -> Option<LeadSamples> {
        let deployments = facts.deployments();
        let deliveries = facts.first_deliveries_by(&partition.deployments);
        let mut keys = Vec::with_capacity(deliveries.len());
        for delivery in deliveries.iter().filter(|delivery| delivery.lead_secs >= 0) {
            let position = usize::try_from(delivery.position).ok()?;
            let Some(slot) = partition.deployment_slot(position) else { continue };
            keys.push(PackedSample::pack(delivery.lead_secs, slot, deployments.get(position)?.service)?);
        }
        sort_keys(&mut keys, sort);
        Some(LeadSamples(Samples::Packed(keys)))
    }

    /// The lead times of the deployments of `first` and `second` in one list, sorted once for both
    /// (`sort`), grouped as `first` until [`Self::group_as_second`]. `None` when one does not fit a
    /// key (a lead time of 2^32 s or more, over 255 periods, or 65,536 services or more).
    pub fn paired(
        facts: &DeliveryFacts<'_>,
        first: &Partition,
        second: &Partition,
        sort: KeySort,
    ) -> Option<LeadSamples> {
        let deployments = facts.deployments();
        let span =
            first.deployments.start.min(second.deployments.start)..first.deployments.end.max(second.deployments.end);
        let deliveries = facts.first_deliveries_by(&span);
        let mut keys = Vec::with_capacity(deliveries.len());
        for delivery in deliveries.iter().filter(|delivery| delivery.lead_secs >= 0) {
            let position = usize::try_from(delivery.position).ok()?;
            let slots = [first.deployment_slot(position), second.deployment_slot(position)];
            if slots == [None, None] {
                continue;
            }
            keys.push(PairedSample::pack(delivery.lead_secs, slots, deployments.get(position)?.service)?);
        }
        sort_keys(&mut keys, sort);
        Some(LeadSamples(Samples::Paired { keys, half: 0 }))
    }

    /// Paired samples are grouped as the second partition from now on.
    pub fn group_as_second(&mut self) {
        if let Samples::Paired { half, .. } = &mut self.0 {
            *half = 1;
        }
    }
}

/// The (non-negative) lead times and their positions, by lead time. The order among equal lead times
/// is left open: every statistic reads only the values. `lead` is walked twice, never collected.
fn ascending(lead: impl Iterator<Item = (i64, u32)> + Clone) -> (Vec<i64>, Vec<u32>) {
    // Lead times under 2^32 s (136 years), as nearly all are, sort as one u64 key with the position;
    // the keys' own allocation then becomes the seconds (12 bytes a sample at the peak, not 36).
    if lead.clone().all(|(secs, _)| u32::try_from(secs).is_ok()) {
        let mut keys: Vec<u64> = lead.map(|(secs, position)| (secs as u64) << 32 | u64::from(position)).collect();
        keys.sort_unstable();
        let positions = keys.iter().map(|key| *key as u32).collect();
        let secs = keys.into_iter().map(|key| (key >> 32) as i64).collect();
        return (secs, positions);
    }
    let mut lead: Vec<(i64, u32)> = lead.collect();
    lead.sort_unstable_by_key(|(secs, _)| *secs);
    lead.into_iter().unzip()
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
    let deployments = || {
        let range = partition.deployments.clone();
        let slotted = facts.deployments().iter().enumerate().skip(range.start).take(range.len());
        slotted.filter_map(|(position, deployment)| Some((partition.deployment_slot(position)?, deployment)))
    };
    // Each bucket's deployments and recoveries counted first, for lists of their exact length.
    let mut counts: [Vec<(usize, usize)>; 3] =
        SCOPE_KINDS.map(|kind| vec![(0, 0); scopes.count(kind).saturating_mul(slots)]);
    for (slot, deployment) in deployments() {
        let recovered = usize::from(deployment.change_failure && deployment.recovery.is_some_and(|r| r.is_recovered()));
        for (deployments, recoveries) in
            targets(&mut counts, scopes, slots, deployment.service, slot).into_iter().flatten()
        {
            *deployments += 1;
            *recoveries += recovered;
        }
    }
    let mut samples: [Vec<MetricSamples>; 3] = counts.map(|kind| {
        kind.into_iter().map(|(deployments, recovered)| MetricSamples::with_capacity(deployments, recovered)).collect()
    });
    for (slot, deployment) in deployments() {
        let recovery_secs = deployment.recovery.and_then(|recovery| recovery.recovery_secs(deployment.finished_at));
        let finished_at = deployment.finished_at;
        let day = utc_day_number(finished_at);
        for target in targets(&mut samples, scopes, slots, deployment.service, slot).into_iter().flatten() {
            target.add_deployment_on_day(
                finished_at,
                day,
                deployment.change_failure,
                recovery_secs,
                deployment.rework,
                deployment.lead_anomalies,
            );
        }
    }

    let lead_secs = ranked_lead_times(scopes, partition, lead);

    let incidents = facts.incidents().iter().enumerate();
    for (position, incident) in incidents.skip(partition.incidents.start).take(partition.incidents.len()) {
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
        .zip(&lead_secs)
        .map(|((kind, kind_samples), kind_lead_secs)| {
            let mut kind_samples = kind_samples.into_iter().zip(kind_lead_secs);
            (0..scopes.count(*kind))
                .map(|_| {
                    partition
                        .periods
                        .iter()
                        .zip(kind_samples.by_ref().take(slots))
                        .map(|(period, (samples, lead_secs))| samples.into_metrics(period, lead_secs))
                        .collect()
                })
                .collect()
        })
        .collect()
}

/// The lead times of every bucket of `partition`, as [`aggregate`] groups them. Each bucket keeps
/// only the few samples its statistics read: the counts come first (per service and period, the
/// overall and team buckets summed from them), then the samples are fed in ascending order.
fn ranked_lead_times(scopes: &Scopes, partition: &Partition, lead: &LeadSamples) -> [Vec<RankedLeadTimes>; 3] {
    let slots = partition.periods.len();
    match &lead.0 {
        Samples::ByPosition { secs, positions, services } => rank(scopes, slots, || {
            secs.iter()
                .zip(services)
                .zip(positions)
                // The slot of a lead time is its deployment's, looked up rather than stored per sample
                // and partition (three lists as long as the history's changes).
                .filter_map(|((secs, service), position)| {
                    let slot = partition.deployment_slot(usize::try_from(*position).ok()?)?;
                    Some((*secs, service.map(SmallIndex::get), slot))
                })
        }),
        Samples::Packed(keys) => rank(scopes, slots, || keys.iter().map(|key| PackedSample::unpack(*key))),
        Samples::Paired { keys, half } => {
            rank(scopes, slots, || keys.iter().filter_map(|key| PairedSample::unpack(*key, *half)))
        }
    }
}

/// [`ranked_lead_times`] of the (lead time, service, slot) samples in ascending lead time, walked twice.
fn rank<I: Iterator<Item = (i64, Option<usize>, usize)>>(
    scopes: &Scopes,
    slots: usize,
    samples: impl Fn() -> I,
) -> [Vec<RankedLeadTimes>; 3] {
    let services = scopes.count(ScopeKind::Service);
    // Per service and slot, then (at `services * slots`) per slot for samples of no service.
    let mut counts = vec![0_usize; services.saturating_add(1).saturating_mul(slots)];
    for (_, service, slot) in samples() {
        let scope = service.filter(|service| *service < services).unwrap_or(services);
        if let Some(count) = scope.checked_mul(slots).and_then(|row| counts.get_mut(row + slot)) {
            *count += 1;
        }
    }
    let mut sums: [Vec<usize>; 3] = SCOPE_KINDS.map(|kind| vec![0_usize; scopes.count(kind).saturating_mul(slots)]);
    for (row, row_counts) in counts.chunks(slots.max(1)).enumerate() {
        let service = (row < services).then_some(row);
        for (slot, count) in row_counts.iter().enumerate() {
            for target in targets(&mut sums, scopes, slots, service, slot).into_iter().flatten() {
                *target += count;
            }
        }
    }
    let mut ranked = sums.map(|kind| kind.into_iter().map(RankedLeadTimes::of_count).collect::<Vec<_>>());
    for (lead_secs, service, slot) in samples() {
        for target in targets(&mut ranked, scopes, slots, service, slot).into_iter().flatten() {
            target.push(lead_secs);
        }
    }
    ranked
}

/// The sample buckets, one per scope kind, of something of `service` in `slot`.
fn targets<'s, T>(
    samples: &'s mut [Vec<T>; 3],
    scopes: &Scopes,
    slots: usize,
    service: Option<usize>,
    slot: usize,
) -> [Option<&'s mut T>; 3] {
    let [overall, services, teams] = samples;
    let [overall_kind, service_kind, team_kind] = SCOPE_KINDS;
    let index = |kind| scopes.key(kind, service).and_then(|scope| scope.checked_mul(slots)?.checked_add(slot));
    [
        index(overall_kind).and_then(|index| overall.get_mut(index)),
        index(service_kind).and_then(|index| services.get_mut(index)),
        index(team_kind).and_then(|index| teams.get_mut(index)),
    ]
}

#[cfg(test)]
mod tests {
    use super::{ascending, PackedSample, PairedSample, SmallIndex};

    #[test]
    fn small_indexes_keep_their_value_in_four_bytes() {
        assert_eq!(size_of::<Option<SmallIndex>>(), 4);
        assert_eq!(
            [0, 7, u32::MAX as usize - 1].map(|index| SmallIndex::new(index).map(SmallIndex::get)),
            [Some(0), Some(7), Some(u32::MAX as usize - 1)]
        );
        assert_eq!(SmallIndex::new(u32::MAX as usize), None);
    }

    #[test]
    fn packed_samples_keep_their_fields_and_sort_by_lead_time() {
        let samples = [(0, 0, None), (59, 255, Some(0)), (u32::MAX as i64, 1, Some((1 << 24) - 2)), (60, 0, Some(7))];
        for (secs, slot, service) in samples {
            let key = PackedSample::pack(secs, slot, service).unwrap();
            assert_eq!(PackedSample::unpack(key), (secs, service, slot));
        }
        let mut keys: Vec<u64> =
            samples.iter().map(|(secs, slot, service)| PackedSample::pack(*secs, *slot, *service).unwrap()).collect();
        keys.sort_unstable();
        let secs: Vec<i64> = keys.iter().map(|key| PackedSample::unpack(*key).0).collect();
        assert_eq!(secs, [0, 59, 60, u32::MAX as i64]);
        // What does not fit a key is refused (the caller then takes the unpacked samples).
        assert_eq!(PackedSample::pack(1 << 32, 0, None), None);
        assert_eq!(PackedSample::pack(-1, 0, None), None);
        assert_eq!(PackedSample::pack(0, 256, None), None);
        assert_eq!(PackedSample::pack(0, 0, Some((1 << 24) - 1)), None);
    }

    #[test]
    fn paired_samples_keep_both_slots_and_sort_by_lead_time() {
        let samples = [
            (0, [Some(0), Some(0)], None),
            (59, [Some(254), None], Some(0)),
            (u32::MAX as i64, [None, Some(1)], Some((1 << 16) - 2)),
            (60, [Some(3), Some(7)], Some(7)),
        ];
        for (secs, [first, second], service) in samples {
            let key = PairedSample::pack(secs, [first, second], service).unwrap();
            assert_eq!(PairedSample::unpack(key, 0), first.map(|slot| (secs, service, slot)));
            assert_eq!(PairedSample::unpack(key, 1), second.map(|slot| (secs, service, slot)));
        }
        let mut keys: Vec<u64> =
            samples.iter().map(|(secs, slots, service)| PairedSample::pack(*secs, *slots, *service).unwrap()).collect();
        keys.sort_unstable();
        assert_eq!(keys.iter().map(|key| (key >> 32) as i64).collect::<Vec<_>>(), [0, 59, 60, u32::MAX as i64]);
        // What does not fit a key is refused (the caller then groups each partition on its own).
        assert_eq!(PairedSample::pack(1 << 32, [Some(0), None], None), None);
        assert_eq!(PairedSample::pack(0, [Some(255), None], None), None);
        assert_eq!(PairedSample::pack(0, [None, Some(255)], None), None);
        assert_eq!(PairedSample::pack(0, [Some(0), Some(0)], Some((1 << 16) - 1)), None);
    }

    #[test]
    fn lead_times_come_out_ascending_with_their_positions_on_both_paths() {
        let lead = vec![(300, 0), (60, 1), (300, 2), (0, 3)];
        let (secs, positions) = ascending(lead.into_iter());
        assert_eq!(secs, [0, 60, 300, 300]);
        assert_eq!(positions, [3, 1, 0, 2]);
        // A lead time of 2^32 s or more takes the general path.
        let (secs, positions) = ascending([(1 << 32, 0), (60, 1), (1 << 40, 2), (5, 3)].into_iter());
        assert_eq!(secs, [5, 60, 1 << 32, 1 << 40]);
        assert_eq!(positions, [3, 1, 0, 2]);
    }
}

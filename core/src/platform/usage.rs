//! Who used what when, as known at `as_of`: each service's periods of use of each capability and the
//! instant each service joined the catalogue. Every platform metric reads its instants from here.
//!
//! An adoption covers `[adopted_at, dropped_at)`; an adoption or drop stamped at or after `as_of`
//! has not happened yet. At an instant `t` (as_of, a month's end) a service uses a capability when
//! one of its periods covers the instant just before `t`: `adopted_at < t ≤ dropped_at`.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use crate::dora::Scopes;
use crate::model::Platform;
use crate::period::Period;

/// Periods of use, per capability id and dense service index (see [`Scopes`]), as of `as_of`.
#[derive(Debug, Clone)]
pub(crate) struct Usage {
    pub as_of: DateTime<Utc>,
    /// Per service index: when it joined (its onboarding's start), `None` for services that were there before.
    present_from: Vec<Option<DateTime<Utc>>>,
    /// Per capability id, per service index: sorted, disjoint periods of use, clipped at `as_of`.
    by_capability: BTreeMap<String, Vec<Vec<Period>>>,
    /// Per service index: the union of its periods over all capabilities.
    any: Vec<Vec<Period>>,
}

impl Usage {
    pub fn new(platform: &Platform, scopes: &Scopes, as_of: DateTime<Utc>) -> Usage {
        let services = scopes.services().len();
        let mut present_from = vec![None; services];
        for onboarding in platform.onboardings.iter().filter(|onboarding| onboarding.started_at < as_of) {
            let index = onboarding.service.as_deref().and_then(|service| scopes.service_index(service));
            if let Some(slot) = index.and_then(|index| present_from.get_mut(index)) {
                *slot = Some(onboarding.started_at);
            }
        }
        let mut by_capability: BTreeMap<String, Vec<Vec<Period>>> = platform
            .capabilities
            .iter()
            .map(|capability| (capability.id.clone(), vec![Vec::new(); services]))
            .collect();
        for adoption in platform.adoptions.iter().filter(|adoption| adoption.adopted_at < as_of) {
            let end = adoption.dropped_at.filter(|dropped_at| *dropped_at < as_of).unwrap_or(as_of);
            let (Some(service), Some(per_service)) =
                (scopes.service_index(&adoption.service), by_capability.get_mut(&adoption.capability))
            else {
                continue;
            };
            if let Some(periods) = per_service.get_mut(service) {
                periods.push(Period { start: adoption.adopted_at, end });
            }
        }
        for per_service in by_capability.values_mut() {
            for periods in per_service.iter_mut() {
                *periods = union(std::mem::take(periods));
            }
        }
        let any = (0..services)
            .map(|service| {
                union(
                    by_capability
                        .values()
                        .filter_map(|per_service| per_service.get(service))
                        .flatten()
                        .copied()
                        .collect(),
                )
            })
            .collect();
        Usage { as_of, present_from, by_capability, any }
    }

    pub fn services(&self) -> usize {
        self.present_from.len()
    }

    /// The periods of use of `capability` (`None`: any capability) by `service`.
    pub fn periods(&self, capability: Option<&str>, service: usize) -> &[Period] {
        let periods = match capability {
            Some(capability) => self.by_capability.get(capability).and_then(|per_service| per_service.get(service)),
            None => self.any.get(service),
        };
        periods.map_or(&[], Vec::as_slice)
    }

    /// Whether `service` uses `capability` (`None`: any) at `t`: `adopted_at < t ≤ dropped_at`.
    pub fn in_use_at(&self, capability: Option<&str>, service: usize, t: DateTime<Utc>) -> bool {
        self.periods(capability, service).iter().any(|period| period.start < t && t <= period.end)
    }

    /// Whether `service` uses `capability` (`None`: any) at the instant `t` itself (deployments).
    pub fn covers(&self, capability: Option<&str>, service: usize, t: DateTime<Utc>) -> bool {
        self.periods(capability, service).iter().any(|period| period.contains(t))
    }

    /// Whether `service` is in the catalogue at `t`: it was there before the data, or its onboarding
    /// started before `t`.
    pub fn present_at(&self, service: usize, t: DateTime<Utc>) -> bool {
        self.present_from.get(service).is_some_and(|from| from.is_none_or(|from| from < t))
    }

    /// When `service` joined, if it was onboarded.
    pub fn present_from(&self, service: usize) -> Option<DateTime<Utc>> {
        self.present_from.get(service).copied().flatten()
    }
}

/// Sorted, merged periods (touching ones joined), empty ones dropped.
pub(crate) fn union(mut periods: Vec<Period>) -> Vec<Period> {
    periods.retain(|period| period.start < period.end);
    crate::sort::sort_stable_by_key(&mut periods, |period| period.start);
    let mut merged: Vec<Period> = Vec::with_capacity(periods.len());
    for period in periods {
        match merged.last_mut() {
            Some(last) if period.start <= last.end => last.end = last.end.max(period.end),
            _ => merged.push(period),
        }
    }
    merged
}

/// The parts of `within` that `periods` (sorted, disjoint) leave uncovered.
pub(crate) fn complement(within: Period, periods: &[Period]) -> Vec<Period> {
    let mut gaps = Vec::new();
    let mut from = within.start;
    for period in periods {
        if period.end <= from || period.start >= within.end {
            continue;
        }
        if period.start > from {
            gaps.push(Period { start: from, end: period.start });
        }
        from = from.max(period.end);
    }
    if from < within.end {
        gaps.push(Period { start: from, end: within.end });
    }
    gaps
}

/// The overlap of two periods, when not empty.
pub(crate) fn intersection(a: Period, b: Period) -> Option<Period> {
    let overlap = Period { start: a.start.max(b.start), end: a.end.min(b.end) };
    (overlap.start < overlap.end).then_some(overlap)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: u32) -> DateTime<Utc> {
        format!("2026-01-{day:02}T00:00:00Z").parse().unwrap()
    }

    fn period(start: u32, end: u32) -> Period {
        Period { start: at(start), end: at(end) }
    }

    #[test]
    fn union_merges_overlapping_and_touching_periods() {
        assert_eq!(union(vec![period(5, 7), period(1, 3), period(3, 4), period(6, 9)]), [period(1, 4), period(5, 9)]);
    }

    #[test]
    fn complement_is_what_is_left_uncovered() {
        assert_eq!(complement(period(1, 10), &[period(2, 3), period(5, 12)]), [period(1, 2), period(3, 5)]);
        assert_eq!(complement(period(1, 10), &[]), [period(1, 10)]);
        assert_eq!(complement(period(2, 4), &[period(1, 5)]), []);
    }
}

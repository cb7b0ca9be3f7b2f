//! Delivery facts at `as_of`, computed once over all time: which deployments and incidents are
//! known, which deployments are change failures and how each recovered, and which deployment first
//! delivered each change. Every metric, trend, drill-down list and the SLO join read from here.

use std::ops::Range;

use chrono::{DateTime, TimeDelta, Utc};

use super::change_failure::{is_change_failure, Blame};
use super::known::{deployment_is_known, incident_is_known, resolved_as_of};
use super::lead_time::{first_deliveries, FirstDelivery};
use super::recovery::{recoveries, Recovery, RecoveryInput};
use super::scopes::Scopes;
use crate::model::{Dataset, Deployment, Incident};

/// One known production deployment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeploymentFacts {
    /// Index into the dataset's deployments.
    pub index: usize,
    /// Dense service index (see [`Scopes`]).
    pub service: Option<usize>,
    /// The deployment's `finished_at`, beside its facts so that passes over them need not read the
    /// records.
    pub finished_at: DateTime<Utc>,
    pub change_failure: bool,
    /// Set for change failures only.
    pub recovery: Option<Recovery>,
    /// Set (`fixes_incident`): an unplanned deployment, counted as rework.
    pub rework: bool,
    /// Changes it delivered first with a negative lead time.
    pub lead_anomalies: u64,
}

/// One known incident.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IncidentFacts {
    /// Index into the dataset's incidents.
    pub index: usize,
    pub service: Option<usize>,
    /// The resolution known at `as_of`.
    pub resolved_at: Option<DateTime<Utc>>,
}

/// Everything known about delivery at `as_of`.
#[derive(Debug, Clone)]
pub struct DeliveryFacts<'a> {
    dataset: &'a Dataset,
    as_of: DateTime<Utc>,
    scopes: Scopes,
    deployments: Vec<DeploymentFacts>,
    incidents: Vec<IncidentFacts>,
    first_deliveries: Vec<FirstDelivery>,
    blame: Blame<'a>,
    /// The positions of the change failures in `deployments`, ascending.
    change_failures: Vec<u32>,
    /// Of those, the failures still open at `as_of`, ascending.
    open_failures: Vec<u32>,
    /// The longest time from a recovered change failure's `finished_at` to its recovery.
    longest_recovery: Option<TimeDelta>,
    /// Whether the deployments are in `finished_at` order and the incidents in `started_at` order, as
    /// the [`Dataset`] keeps them: then the records of a period are one run, found by binary search.
    in_time_order: bool,
}

impl<'a> DeliveryFacts<'a> {
    /// Relies on the [`Dataset`] order: deployments by (`finished_at`, id), incidents by (`started_at`, id).
    pub fn new(dataset: &'a Dataset, as_of: DateTime<Utc>) -> DeliveryFacts<'a> {
        let (scopes, deployment_services) = Scopes::with_deployment_services(dataset);
        let known_incidents: Vec<(usize, &Incident)> =
            dataset.incidents.iter().enumerate().filter(|(_, incident)| incident_is_known(incident, as_of)).collect();
        let blame = Blame::new(known_incidents.iter().copied());
        let incidents: Vec<IncidentFacts> = known_incidents
            .iter()
            .map(|(index, incident)| IncidentFacts {
                index: *index,
                service: scopes.service_index(&incident.service),
                resolved_at: resolved_as_of(incident, as_of),
            })
            .collect();

        let known: Vec<(usize, &Deployment)> = dataset
            .deployments
            .iter()
            .enumerate()
            .filter(|(_, deployment)| deployment_is_known(deployment, as_of))
            .collect();
        // Before the recovery inputs: its own lists, a few per change, are the facts' peak.
        let first_deliveries = first_deliveries(known.iter().map(|(_, deployment)| *deployment));
        let inputs: Vec<RecoveryInput<'_>> = known
            .iter()
            .map(|(index, deployment)| {
                let service = deployment_services.get(*index).copied();
                let blaming_incidents = blame.incidents_of(&deployment.id);
                RecoveryInput {
                    index: *index,
                    deployment,
                    service,
                    change_failure: is_change_failure(deployment, blaming_incidents),
                    blaming_incidents,
                }
            })
            .collect();
        let recovery = recoveries(&inputs, scopes.services().len(), &dataset.incidents, as_of);
        let mut deployments: Vec<DeploymentFacts> = inputs
            .iter()
            .zip(recovery)
            .map(|(input, recovery)| DeploymentFacts {
                index: input.index,
                service: input.service,
                finished_at: input.deployment.finished_at,
                change_failure: input.change_failure,
                recovery,
                rework: input.deployment.fixes_incident.is_some(),
                lead_anomalies: 0,
            })
            .collect();
        for delivery in first_deliveries.iter().filter(|delivery| delivery.lead_secs < 0) {
            if let Some(facts) = usize::try_from(delivery.position).ok().and_then(|p| deployments.get_mut(p)) {
                facts.lead_anomalies = facts.lead_anomalies.saturating_add(1);
            }
        }
        let in_time_order = deployments.is_sorted_by_key(|facts| facts.finished_at)
            && incidents
                .is_sorted_by_key(|facts: &IncidentFacts| dataset.incidents.get(facts.index).map(|i| i.started_at));
        let change_failures: Vec<u32> =
            (0_u32..).zip(&deployments).filter(|(_, facts)| facts.change_failure).map(|(p, _)| p).collect();
        let failure_recoveries = || {
            change_failures.iter().filter_map(|position| {
                let facts = deployments.get(*position as usize)?;
                Some((*position, facts.finished_at, facts.recovery?))
            })
        };
        let open_failures =
            failure_recoveries().filter(|(_, _, recovery)| *recovery == Recovery::Open).map(|(p, ..)| p).collect();
        let longest_recovery = failure_recoveries()
            .filter_map(|(_, finished_at, recovery)| match recovery {
                Recovery::Recovered { at, .. } => Some(at.signed_duration_since(finished_at)),
                Recovery::Open => None,
            })
            .max();
        DeliveryFacts {
            dataset,
            as_of,
            scopes,
            deployments,
            incidents,
            first_deliveries,
            blame,
            change_failures,
            open_failures,
            longest_recovery,
            in_time_order,
        }
    }

    pub fn dataset(&self) -> &'a Dataset {
        self.dataset
    }

    pub fn as_of(&self) -> DateTime<Utc> {
        self.as_of
    }

    pub fn scopes(&self) -> &Scopes {
        &self.scopes
    }

    /// Known production deployments in (`finished_at`, id) order; a position in this slice is what
    /// [`FirstDelivery::position`] refers to.
    pub fn deployments(&self) -> &[DeploymentFacts] {
        &self.deployments
    }

    /// The positions in [`Self::deployments`] before `before` of the change failures whose failure
    /// window (to the recovery, or `as_of` while open) may still run at `start`, ascending: a period's
    /// join walks its own deployments and these. In time order, a failure recovered at most the
    /// longest recovery after it finished is left out when it finished earlier than that before
    /// `start`: its window ended before `start`. Out of time order, every failure before `before`.
    pub fn failures_reaching(&self, start: DateTime<Utc>, before: usize) -> impl Iterator<Item = usize> + '_ {
        let earliest = match self.longest_recovery {
            Some(longest) if self.in_time_order => start.checked_sub_signed(longest),
            Some(_) => None,
            // No recovered failure: only the open ones can reach `start`.
            None => self.in_time_order.then_some(DateTime::<Utc>::MAX_UTC),
        };
        let finished_at = |position: &u32| self.deployments.get(*position as usize).map(|facts| facts.finished_at);
        let first_recent = earliest.map_or(0, |earliest| {
            self.change_failures.partition_point(|position| finished_at(position).is_some_and(|at| at < earliest))
        });
        let recent = self.change_failures.get(first_recent..).unwrap_or_default();
        let open_earlier = match (earliest, recent.first()) {
            (None, _) => &[][..],
            (Some(_), Some(first)) => &self.open_failures[..self.open_failures.partition_point(|open| open < first)],
            (Some(_), None) => &self.open_failures[..],
        };
        open_earlier
            .iter()
            .chain(recent)
            .map(|position| *position as usize)
            .take_while(move |position| *position < before)
    }

    /// Known incidents in (`started_at`, id) order.
    pub fn incidents(&self) -> &[IncidentFacts] {
        &self.incidents
    }

    /// First deliveries of changes, in deployment order.
    pub fn first_deliveries(&self) -> &[FirstDelivery] {
        &self.first_deliveries
    }

    /// Whether the deployments and incidents are in time order (always, from a [`Dataset`]): then
    /// [`Self::deployment_positions_between`] and [`Self::incident_positions_between`] are exact.
    pub(crate) fn in_time_order(&self) -> bool {
        self.in_time_order
    }

    /// The positions in [`Self::deployments`] that hold every deployment finished in `[start, end)`:
    /// exactly those when the data is in time order (always, from a [`Dataset`]), else all of them.
    /// Callers still check each record's instant.
    pub fn deployment_positions_between(&self, start: DateTime<Utc>, end: DateTime<Utc>) -> Range<usize> {
        if !self.in_time_order {
            return 0..self.deployments.len();
        }
        let first = self.deployments.partition_point(|facts| facts.finished_at < start);
        first..first.max(self.deployments.partition_point(|facts| facts.finished_at < end))
    }

    /// As [`Self::deployment_positions_between`], for the known incidents by `started_at`.
    pub fn incident_positions_between(&self, start: DateTime<Utc>, end: DateTime<Utc>) -> Range<usize> {
        if !self.in_time_order {
            return 0..self.incidents.len();
        }
        let started_before = |at: DateTime<Utc>| {
            move |facts: &IncidentFacts| self.incident(facts).is_some_and(|incident| incident.started_at < at)
        };
        let first = self.incidents.partition_point(started_before(start));
        first..first.max(self.incidents.partition_point(started_before(end)))
    }

    /// The first deliveries of the deployments at `positions`, in deployment order.
    pub fn first_deliveries_by(&self, positions: &Range<usize>) -> &[FirstDelivery] {
        let before = |position: usize| {
            move |delivery: &FirstDelivery| usize::try_from(delivery.position).is_ok_and(|p| p < position)
        };
        let first = self.first_deliveries.partition_point(before(positions.start));
        let end = first.max(self.first_deliveries.partition_point(before(positions.end)));
        &self.first_deliveries[first..end]
    }

    /// The dataset record of a known deployment.
    pub fn deployment(&self, facts: &DeploymentFacts) -> Option<&'a Deployment> {
        self.dataset.deployments.get(facts.index)
    }

    /// The dataset record of a known incident.
    pub fn incident(&self, facts: &IncidentFacts) -> Option<&'a Incident> {
        self.dataset.incidents.get(facts.index)
    }

    /// Indices into the dataset's incidents of the known incidents a deployment caused.
    pub fn incidents_caused_by(&self, deployment_id: &str) -> &[usize] {
        self.blame.incidents_of(deployment_id)
    }
}

//! Drill-down lists: the deployments, changes and incidents behind each number of a scope and
//! period, with what each counted as. They read the same facts as the metrics, so the lists always
//! add up to the numbers.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::facts::{DeliveryFacts, DeploymentFacts, IncidentFacts};
use super::known::Period;
use super::lead_time::FirstDelivery;
use super::recovery::Recovery;
use super::restore::restore_secs;
use super::scopes::Scope;
use crate::model::{Change, DeployStatus, Deployment, Id, Incident};

/// A known production deployment and what it counted as.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeploymentRow<'a> {
    pub id: &'a str,
    pub service: &'a str,
    pub finished_at: DateTime<Utc>,
    pub status: DeployStatus,
    pub change_failure: bool,
    /// Ids of the known incidents it caused.
    pub caused_incidents: Vec<&'a str>,
    /// For change failures: how and when it recovered, or open.
    pub recovery: Option<Recovery>,
    pub recovery_seconds: Option<i64>,
    /// Rework: the incident it was made to address.
    pub fixes_incident: Option<&'a str>,
    /// Changes it delivered first (the lead-time samples it contributes, anomalies included).
    pub first_delivered_changes: usize,
}

/// A change at its first delivery.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChangeRow<'a> {
    pub id: &'a str,
    pub deployment: &'a str,
    pub service: &'a str,
    pub committed_at: DateTime<Utc>,
    pub deployed_at: DateTime<Utc>,
    pub lead_seconds: i64,
    /// Committed after its deployment finished: left out of lead time statistics.
    pub anomaly: bool,
    /// The review instants of its pull request, when the snapshot carries them.
    pub pr_opened_at: Option<DateTime<Utc>>,
    pub approved_at: Option<DateTime<Utc>>,
    pub merged_at: Option<DateTime<Utc>>,
}

/// A known incident, with its resolution as known at `as_of`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IncidentRow<'a> {
    pub id: &'a str,
    pub service: &'a str,
    pub severity: Option<&'a str>,
    pub started_at: DateTime<Utc>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub restore_seconds: Option<i64>,
    pub caused_by: Vec<&'a str>,
}

impl<'a> DeliveryFacts<'a> {
    /// Known production deployments of `scope` that finished in `period`, in `finished_at` order.
    pub fn deployments_in(&self, scope: &Scope, period: &Period) -> Vec<DeploymentRow<'a>> {
        self.positions_in(scope, period).filter_map(|(position, facts)| self.deployment_row(position, facts)).collect()
    }

    /// The facts of [`Self::deployments_in`]'s deployments, without building their rows (for counts).
    pub fn deployment_facts_in<'s>(
        &'s self,
        scope: &'s Scope,
        period: &'s Period,
    ) -> impl Iterator<Item = &'s DeploymentFacts> + 's {
        self.positions_in(scope, period).map(|(_, facts)| facts)
    }

    /// Changes first delivered by a deployment of `scope` that finished in `period`.
    pub fn changes_in(&self, scope: &Scope, period: &Period) -> Vec<ChangeRow<'a>> {
        self.change_rows_in(scope, period).collect()
    }

    /// [`Self::changes_in`] one row at a time, for callers that fold them (a window of the large
    /// data set holds over a million).
    pub fn change_rows_in<'s>(
        &'s self,
        scope: &'s Scope,
        period: &'s Period,
    ) -> impl Iterator<Item = ChangeRow<'a>> + 's {
        self.positions_in(scope, period).flat_map(move |(position, facts)| {
            let deployment = self.deployment(facts);
            let deliveries = if deployment.is_some() { self.deliveries_of(position) } else { &[] };
            deliveries.iter().filter_map(move |delivery| {
                let deployment = deployment?;
                let change = deployment.changes.get(usize::try_from(delivery.change).ok()?)?;
                let review = change.review();
                Some(ChangeRow {
                    id: &change.id,
                    deployment: &deployment.id,
                    service: &deployment.service,
                    committed_at: change.committed_at,
                    deployed_at: deployment.finished_at,
                    lead_seconds: delivery.lead_secs,
                    anomaly: delivery.lead_secs < 0,
                    pr_opened_at: review.pr_opened_at,
                    approved_at: review.approved_at,
                    merged_at: review.merged_at,
                })
            })
        })
    }

    /// The lead seconds of [`Self::changes_in`]'s rows, in the same order, read from the facts alone:
    /// no change record is touched (a window of the large data set holds over a million, each a
    /// cache miss to read), for the lead-time distribution and the records tabs' count.
    pub fn lead_secs_in<'s>(&'s self, scope: &'s Scope, period: &'s Period) -> impl Iterator<Item = i64> + 's {
        let members = self.scopes().members(scope);
        self.deliveries_with_facts_in(period)
            .filter(move |(facts, _)| members.cover(self.scopes(), facts.service))
            .map(|(_, delivery)| delivery.lead_secs)
    }

    /// What [`Self::changes_in`] lists for every scope (`Scope::Overall`), without the rows: each
    /// change first delivered by a deployment that finished in `period`, with that deployment's
    /// facts and record, in deployment order.
    pub(crate) fn first_deliveries_in<'s>(
        &'s self,
        period: &'s Period,
    ) -> impl Iterator<Item = (&'s DeploymentFacts, &'a Deployment, &'a Change, &'s FirstDelivery)> + 's {
        self.deliveries_with_facts_in(period).filter_map(move |(facts, delivery)| {
            let deployment = self.deployment(facts)?;
            let change = usize::try_from(delivery.change).ok().and_then(|index| deployment.changes.get(index))?;
            Some((facts, deployment, change, delivery))
        })
    }

    /// Each first delivery by a deployment that finished in `period`, with that deployment's facts,
    /// in deployment order. In time order the positions are the period's exactly: no instant needs
    /// comparing.
    fn deliveries_with_facts_in<'s>(
        &'s self,
        period: &'s Period,
    ) -> impl Iterator<Item = (&'s DeploymentFacts, &'s FirstDelivery)> + 's {
        let positions = self.deployment_positions_between(period.start, period.end);
        let exact = self.in_time_order();
        self.first_deliveries_by(&positions).iter().filter_map(move |delivery| {
            let facts = usize::try_from(delivery.position).ok().and_then(|p| self.deployments().get(p))?;
            (exact || period.contains(facts.finished_at)).then_some((facts, delivery))
        })
    }

    /// Known incidents of `scope` that started in `period`, in `started_at` order.
    pub fn incidents_in(&self, scope: &Scope, period: &Period) -> Vec<IncidentRow<'a>> {
        self.incident_facts_in(scope, period)
            .map(|(facts, incident)| IncidentRow {
                id: &incident.id,
                service: &incident.service,
                severity: incident.severity.as_deref(),
                started_at: incident.started_at,
                resolved_at: facts.resolved_at,
                restore_seconds: restore_secs(incident.started_at, facts.resolved_at),
                caused_by: incident.caused_by.iter().map(Id::as_str).collect(),
            })
            .collect()
    }

    /// The facts and records of [`Self::incidents_in`]'s incidents, without building their rows (for counts).
    pub fn incident_facts_in<'s>(
        &'s self,
        scope: &'s Scope,
        period: &'s Period,
    ) -> impl Iterator<Item = (&'s IncidentFacts, &'a Incident)> + 's {
        let positions = self.incident_positions_between(period.start, period.end);
        let members = self.scopes().members(scope);
        self.incidents()
            .get(positions)
            .unwrap_or_default()
            .iter()
            .filter(move |facts| members.cover(self.scopes(), facts.service))
            .filter_map(move |facts| Some((facts, self.incident(facts)?)))
            .filter(move |(_, incident)| period.contains(incident.started_at))
    }

    fn positions_in<'s>(
        &'s self,
        scope: &'s Scope,
        period: &'s Period,
    ) -> impl Iterator<Item = (usize, &'s DeploymentFacts)> + 's {
        let positions = self.deployment_positions_between(period.start, period.end);
        let start = positions.start;
        let members = self.scopes().members(scope);
        self.deployments()
            .get(positions)
            .unwrap_or_default()
            .iter()
            .enumerate()
            .map(move |(offset, facts)| (start + offset, facts))
            .filter(move |(_, facts)| members.cover(self.scopes(), facts.service) && period.contains(facts.finished_at))
    }

    fn deliveries_of(&self, position: usize) -> &[FirstDelivery] {
        self.first_deliveries_by(&(position..position.saturating_add(1)))
    }

    fn deployment_row(&self, position: usize, facts: &DeploymentFacts) -> Option<DeploymentRow<'a>> {
        let deployment = self.deployment(facts)?;
        let incidents = &self.dataset().incidents;
        Some(DeploymentRow {
            id: &deployment.id,
            service: &deployment.service,
            finished_at: deployment.finished_at,
            status: deployment.status,
            change_failure: facts.change_failure,
            caused_incidents: self
                .incidents_caused_by(&deployment.id)
                .iter()
                .filter_map(|index| incidents.get(*index))
                .map(|incident| incident.id.as_str())
                .collect(),
            recovery: facts.recovery,
            recovery_seconds: facts.recovery.and_then(|recovery| recovery.recovery_secs(deployment.finished_at)),
            fixes_incident: deployment.fixes_incident.as_deref(),
            first_delivered_changes: self.deliveries_of(position).len(),
        })
    }
}

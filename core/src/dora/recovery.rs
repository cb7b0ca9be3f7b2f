//! Failed deployment recovery: when a change failure stopped hurting.
//!
//! If known incidents are caused by the failure D, D recovers when the last of them is resolved
//! (open while any is unresolved at `as_of`). Otherwise D recovers at the `finished_at` of the next
//! `succeeded`, non-failure production deployment of the same service (open if none is known).

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::known::resolved_as_of;
use crate::model::{DeployStatus, Deployment, Incident};

/// How a change failure ended, as known at `as_of`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Recovery {
    Recovered { at: DateTime<Utc>, by: RecoveredBy },
    Open,
}

/// What ended a change failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "deployment", rename_all = "snake_case")]
pub enum RecoveredBy {
    /// The last incident it caused was resolved.
    IncidentsResolved,
    /// The next healthy deployment of its service (an index into the dataset's deployments).
    NextDeployment(usize),
}

impl Recovery {
    /// Seconds from the failed deployment's `finished_at` to recovery; never negative (an incident
    /// resolved before the deployment finished counts as an immediate recovery).
    pub fn recovery_secs(&self, finished_at: DateTime<Utc>) -> Option<i64> {
        match self {
            Recovery::Recovered { at, .. } => Some(at.signed_duration_since(finished_at).num_seconds().max(0)),
            Recovery::Open => None,
        }
    }

    /// The end of the failure window: recovery, or `as_of` while open.
    pub fn end_or(&self, as_of: DateTime<Utc>) -> DateTime<Utc> {
        match self {
            Recovery::Recovered { at, .. } => *at,
            Recovery::Open => as_of,
        }
    }
}

/// One known production deployment, as recovery needs it.
#[derive(Debug, Clone, Copy)]
pub struct RecoveryInput<'a> {
    /// Index into the dataset's deployments.
    pub index: usize,
    pub deployment: &'a Deployment,
    pub service: Option<usize>,
    pub change_failure: bool,
    /// Indices into the dataset's incidents of the known incidents it caused.
    pub blaming_incidents: &'a [usize],
}

/// The recovery of each change failure (`None` for the others), from the known production
/// deployments in (`finished_at`, id) order. One backward pass keeps, per service, the next
/// healthy deployment.
pub fn recoveries(
    known: &[RecoveryInput<'_>],
    service_count: usize,
    incidents: &[Incident],
    as_of: DateTime<Utc>,
) -> Vec<Option<Recovery>> {
    let mut next_healthy: Vec<Option<(usize, DateTime<Utc>)>> = vec![None; service_count];
    let mut recovery = vec![None; known.len()];
    for (input, slot) in known.iter().zip(recovery.iter_mut()).rev() {
        let next = input.service.and_then(|service| next_healthy.get_mut(service));
        if input.change_failure {
            *slot = Some(if input.blaming_incidents.is_empty() {
                match next.as_deref() {
                    Some(Some((index, at))) => Recovery::Recovered { at: *at, by: RecoveredBy::NextDeployment(*index) },
                    _ => Recovery::Open,
                }
            } else {
                incidents_resolution(input.blaming_incidents, incidents, as_of)
            });
        } else if input.deployment.status == DeployStatus::Succeeded {
            if let Some(next) = next {
                *next = Some((input.index, input.deployment.finished_at));
            }
        }
    }
    recovery
}

fn incidents_resolution(blaming: &[usize], incidents: &[Incident], as_of: DateTime<Utc>) -> Recovery {
    let mut last_resolved: Option<DateTime<Utc>> = None;
    for incident in blaming.iter().filter_map(|index| incidents.get(*index)) {
        match resolved_as_of(incident, as_of) {
            Some(resolved) => last_resolved = last_resolved.max(Some(resolved)),
            None => return Recovery::Open,
        }
    }
    last_resolved.map_or(Recovery::Open, |at| Recovery::Recovered { at, by: RecoveredBy::IncidentsResolved })
}

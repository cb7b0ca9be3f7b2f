//! Failed deployment recovery: when a change failure stopped hurting.
//!
//! If known incidents are caused by the failure D, D recovers when the last of them is resolved
//! (open while any is unresolved at `as_of`). Otherwise D recovers at the `finished_at` of the next
//! `succeeded`, non-failure production deployment of the same service (open if none is known).

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::known::resolved_as_of;
use crate::elapsed::elapsed_secs;
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
            Recovery::Recovered { at, .. } => Some(elapsed_secs(finished_at, *at).max(0)),
            Recovery::Open => None,
        }
    }

    /// Whether it has a recovery instant ([`Self::recovery_secs`] is `Some`).
    pub fn is_recovered(&self) -> bool {
        matches!(self, Recovery::Recovered { .. })
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

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    fn deployment(finished: &str, status: DeployStatus) -> Deployment {
        Deployment {
            id: Default::default(),
            service: Default::default(),
            environment: "production".into(),
            finished_at: at(finished),
            status,
            changes: Vec::new(),
            production: None,
            fixes_incident: None,
        }
    }

    fn input(index: usize, deployment: &Deployment, service: usize, change_failure: bool) -> RecoveryInput<'_> {
        RecoveryInput { index, deployment, service: Some(service), change_failure, blaming_incidents: &[] }
    }

    #[test]
    fn only_a_later_healthy_deployment_of_the_same_service_recovers_a_failure() {
        let failed = deployment("2026-01-01T10:00:00Z", DeployStatus::Failed);
        let other_service = deployment("2026-01-01T10:30:00Z", DeployStatus::Succeeded);
        let blamed_but_succeeded = deployment("2026-01-01T11:00:00Z", DeployStatus::Succeeded);
        let healthy = deployment("2026-01-01T12:00:00Z", DeployStatus::Succeeded);
        let known = [
            input(0, &failed, 0, true),
            input(1, &other_service, 1, false),
            input(2, &blamed_but_succeeded, 0, true),
            input(3, &healthy, 0, false),
        ];
        let recovery = recoveries(&known, 2, &[], at("2026-01-02T00:00:00Z"));
        let expected = Some(Recovery::Recovered { at: at("2026-01-01T12:00:00Z"), by: RecoveredBy::NextDeployment(3) });
        assert_eq!(recovery, [expected, None, expected, None]);
        // 10:00 → 12:00.
        assert_eq!(expected.and_then(|r| r.recovery_secs(at("2026-01-01T10:00:00Z"))), Some(7_200));
    }

    #[test]
    fn a_failure_without_a_later_healthy_deployment_stays_open() {
        let failed = deployment("2026-01-01T10:00:00Z", DeployStatus::RolledBack);
        let recovery = recoveries(&[input(0, &failed, 0, true)], 1, &[], at("2026-01-02T00:00:00Z"));
        assert_eq!(recovery, [Some(Recovery::Open)]);
    }

    #[test]
    fn an_incident_resolved_before_the_deployment_finished_is_an_immediate_recovery() {
        let recovered = Recovery::Recovered { at: at("2026-01-01T09:00:00Z"), by: RecoveredBy::IncidentsResolved };
        assert_eq!(recovered.recovery_secs(at("2026-01-01T10:00:00Z")), Some(0));
    }
}

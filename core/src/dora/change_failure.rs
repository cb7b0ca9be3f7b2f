//! Change failures: a deployment whose status is `failed` or `rolled_back`, or that a known incident
//! lists in `caused_by`. The rate counts distinct deployments, never deployment × incident (or
//! change × incident) rows, so it cannot exceed 1 (the Four Keys bug: fourkeys#213, #351). Only an
//! explicit `caused_by` blames a deployment: an incident is never pinned on whatever deployment
//! came last before it (the DevLake bug: devlake#8150).

use std::collections::HashMap;

use foldhash::fast::RandomState;

use crate::model::{DeployStatus, Deployment, Incident};

/// Which known incidents blame each deployment id (indices into the dataset's incidents, ascending).
#[derive(Debug, Clone, Default)]
pub struct Blame<'a> {
    incidents_by_deployment: HashMap<&'a str, Vec<usize>, RandomState>,
}

impl<'a> Blame<'a> {
    /// From the known incidents, as (index in the dataset, incident) pairs in dataset order.
    pub fn new(known_incidents: impl Iterator<Item = (usize, &'a Incident)>) -> Blame<'a> {
        let mut incidents_by_deployment: HashMap<&'a str, Vec<usize>, RandomState> = HashMap::default();
        for (index, incident) in known_incidents {
            for deployment in &incident.caused_by {
                let blamed = incidents_by_deployment.entry(deployment.as_str()).or_default();
                if blamed.last() != Some(&index) {
                    blamed.push(index);
                }
            }
        }
        Blame { incidents_by_deployment }
    }

    /// The known incidents caused by the deployment with this id.
    pub fn incidents_of(&self, deployment_id: &str) -> &[usize] {
        self.incidents_by_deployment.get(deployment_id).map_or(&[], Vec::as_slice)
    }
}

/// Whether a deployment is a change failure, given the incidents that blame it.
pub fn is_change_failure(deployment: &Deployment, blaming_incidents: &[usize]) -> bool {
    matches!(deployment.status, DeployStatus::Failed | DeployStatus::RolledBack) || !blaming_incidents.is_empty()
}

/// Distinct change-failure deployments over deployments; `None` without deployments.
pub fn change_failure_rate(change_failures: u64, deployments: u64) -> Option<f64> {
    (deployments > 0).then(|| change_failures as f64 / deployments as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn incident(id: &str, caused_by: &[&str]) -> Incident {
        Incident {
            id: id.into(),
            service: "api".into(),
            severity: None,
            started_at: chrono::DateTime::UNIX_EPOCH,
            resolved_at: None,
            caused_by: caused_by.iter().map(|id| (*id).into()).collect(),
        }
    }

    #[test]
    fn an_incident_caused_by_two_deployments_blames_both_once() {
        let incidents = [incident("i1", &["d1", "d2", "d2"]), incident("i2", &["d2"])];
        let blame = Blame::new(incidents.iter().enumerate());
        assert_eq!(blame.incidents_of("d1"), [0]);
        assert_eq!(blame.incidents_of("d2"), [0, 1]);
        assert_eq!(blame.incidents_of("d3"), [] as [usize; 0]);
    }

    #[test]
    fn the_rate_is_undefined_without_deployments() {
        assert_eq!(change_failure_rate(0, 0), None);
        assert_eq!(change_failure_rate(1, 4), Some(0.25));
    }
}

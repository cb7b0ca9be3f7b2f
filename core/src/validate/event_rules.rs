//! Rules for deployments and incidents: the order of their instants and their change lists.

use super::instant;
use crate::findings::Findings;
use crate::model::{Deployment, Incident};

pub(super) fn check_deployment(findings: &mut Findings, path: &str, deployment: &Deployment) {
    if deployment.changes.is_empty() {
        findings.warning(
            format!("{path}.changes"),
            "the deployment lists no changes: it counts as a deployment but gives no lead time for changes",
        );
    }
    for (index, change) in deployment.changes.iter().enumerate() {
        if change.committed_at > deployment.finished_at {
            findings.warning(
                format!("{path}.changes[{index}].committed_at"),
                format!(
                    "change {:?} was committed at {}, after its deployment finished at {}: expected a commit made \
                     before it shipped",
                    change.id,
                    instant(change.committed_at),
                    instant(deployment.finished_at)
                ),
            );
        }
    }
}

pub(super) fn check_incident(findings: &mut Findings, path: &str, incident: &Incident) {
    if let Some(resolved_at) = incident.resolved_at.filter(|&resolved_at| resolved_at < incident.started_at) {
        findings.error(
            format!("{path}.resolved_at"),
            format!(
                "the incident is resolved at {}, before it started at {}: expected resolved_at at or after started_at",
                instant(resolved_at),
                instant(incident.started_at)
            ),
        );
    }
}

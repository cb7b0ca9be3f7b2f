//! Rules for deployments and incidents: the order of their instants and their change lists.

use super::{instant, RecordPath};
use crate::findings::Findings;
use chrono::{DateTime, Utc};

use crate::model::{Change, Deployment, Incident};

pub(super) fn check_deployment(findings: &mut Findings, path: &RecordPath<'_>, deployment: &Deployment) {
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
        check_review_instants(findings, &path.child("changes", index), change, deployment);
    }
}

/// The optional review instants of a change: all three or none, in order, merged by the time the
/// deployment finished. Out-of-order instants are clamped in the lead-time breakdown, so they warn.
fn check_review_instants(findings: &mut Findings, path: &RecordPath<'_>, change: &Change, deployment: &Deployment) {
    let review = change.review();
    let instants =
        [("pr_opened_at", review.pr_opened_at), ("approved_at", review.approved_at), ("merged_at", review.merged_at)];
    let given = instants.iter().filter(|(_, at)| at.is_some()).count();
    if given == 0 {
        return;
    }
    if given < instants.len() {
        let missing: Vec<&str> = instants.iter().filter(|(_, at)| at.is_none()).map(|(name, _)| *name).collect();
        findings.warning(
            format!("{path}.{}", missing.first().copied().unwrap_or_default()),
            format!(
                "change {:?} has only some of pr_opened_at, approved_at and merged_at (missing: {}): expected all three \
                 or none; it is left out of the lead-time breakdown",
                change.id,
                missing.join(", ")
            ),
        );
    }
    let present: Vec<(&str, DateTime<Utc>)> = instants.iter().filter_map(|(name, at)| Some((*name, (*at)?))).collect();
    for pair in present.windows(2) {
        if let [(before_name, before), (after_name, after)] = pair {
            if after < before {
                findings.warning(
                    format!("{path}.{after_name}"),
                    format!(
                        "change {:?} has {after_name} {}, before its {before_name} {}: expected pr_opened_at <= \
                         approved_at <= merged_at (the breakdown counts the stage between them as 0)",
                        change.id,
                        instant(*after),
                        instant(*before)
                    ),
                );
            }
        }
    }
    if let Some(merged_at) = review.merged_at.filter(|merged_at| *merged_at > deployment.finished_at) {
        findings.warning(
            format!("{path}.merged_at"),
            format!(
                "change {:?} was merged at {}, after its deployment finished at {}: expected a merge before it shipped \
                 (the breakdown counts its deploy stage as 0)",
                change.id,
                instant(merged_at),
                instant(deployment.finished_at)
            ),
        );
    }
}

pub(super) fn check_incident(findings: &mut Findings, path: &RecordPath<'_>, incident: &Incident) {
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

//! Links between deployments and incidents, checked on the merged data: a weekly export may name a
//! deployment or incident exported in an earlier snapshot, so only a link that no loaded snapshot
//! resolves is reported, as a warning (the records are kept; the link cannot be followed). So is a
//! `caused_by` naming a deployment that finished after the incident started.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, SecondsFormat, Utc};
use foldhash::fast::RandomState;

use super::Placed;
use crate::model::{Deployment, Incident};
use crate::problem::Problem;

/// The warning for an incident blaming a deployment that finished after the incident started.
fn caused_after_start_message(deployment: &str, finished_at: DateTime<Utc>, started_at: DateTime<Utc>) -> String {
    let instant = |at: DateTime<Utc>| at.to_rfc3339_opts(SecondsFormat::AutoSi, true);
    format!(
        "caused_by names deployment {deployment:?}, which finished at {}, after the incident started at {}: expected \
         a deployment that finished before the incident began. It still counts as a change failure, and its recovery \
         time (from its finish to the incident's resolution) is shorter than the incident, or 0",
        instant(finished_at),
        instant(started_at)
    )
}

/// The warnings, deployments' first, each kind in id order (one id per record: the merge kept the latest).
pub(super) fn dangling(
    deployments: &[Placed<Deployment>],
    incidents: &[Placed<Incident>],
    files: &[String],
) -> Vec<Problem> {
    let file_of = |source: usize| files.get(source).map_or("", String::as_str);
    let incident_ids: HashSet<&str, RandomState> = incidents.iter().map(|placed| placed.record.id.as_str()).collect();
    let mut deployment_problems: Vec<(&str, Problem)> = Vec::new();
    for placed in deployments {
        if let Some(incident) = placed.record.fixes_incident.as_deref().filter(|id| !incident_ids.contains(*id)) {
            deployment_problems.push((&placed.record.id, Problem::warning(
                file_of(placed.source),
                format!("deployments[{}].fixes_incident", placed.index),
                format!("fixes_incident names incident {incident:?}, which no loaded snapshot contains: the link cannot be followed"),
            )));
        }
    }
    if incidents.iter().all(|placed| placed.record.caused_by.is_empty()) {
        return in_id_order(deployment_problems, Vec::new());
    }
    let deployment_by_id: HashMap<&str, &Placed<Deployment>, RandomState> =
        deployments.iter().map(|placed| (placed.record.id.as_str(), placed)).collect();
    let mut incident_problems: Vec<(&str, Problem)> = Vec::new();
    for placed in incidents {
        let id = placed.record.id.as_str();
        for (position, deployment) in placed.record.caused_by.iter().enumerate() {
            match deployment_by_id.get(deployment.as_str()) {
                None => incident_problems.push((id, Problem::warning(
                    file_of(placed.source),
                    format!("incidents[{}].caused_by[{position}]", placed.index),
                    format!("caused_by names deployment {deployment:?}, which no loaded snapshot contains: the link cannot be followed"),
                ))),
                Some(cause) if cause.record.finished_at > placed.record.started_at => {
                    incident_problems.push((id, Problem::warning(
                        file_of(placed.source),
                        format!("incidents[{}].caused_by[{position}]", placed.index),
                        caused_after_start_message(deployment, cause.record.finished_at, placed.record.started_at),
                    )))
                }
                Some(_) => {}
            }
        }
    }
    in_id_order(deployment_problems, incident_problems)
}

/// Each list sorted by record id (stable: a record's problems keep their order), deployments' first.
fn in_id_order(mut deployments: Vec<(&str, Problem)>, mut incidents: Vec<(&str, Problem)>) -> Vec<Problem> {
    deployments.sort_by(|a, b| a.0.cmp(b.0));
    incidents.sort_by(|a, b| a.0.cmp(b.0));
    deployments.into_iter().chain(incidents).map(|(_, problem)| problem).collect()
}

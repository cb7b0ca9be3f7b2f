//! Links between deployments and incidents, checked on the merged data: a weekly export may name a
//! deployment or incident exported in an earlier snapshot, so only a link that no loaded snapshot
//! resolves is reported, as a warning (the records are kept; the link cannot be followed). So is a
//! `caused_by` naming a deployment that finished after the incident started.

use std::collections::BTreeMap;

use chrono::{DateTime, SecondsFormat, Utc};

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

pub(super) fn dangling(
    deployments: &BTreeMap<String, Placed<Deployment>>,
    incidents: &BTreeMap<String, Placed<Incident>>,
    files: &[String],
) -> Vec<Problem> {
    let file_of = |source: usize| files.get(source).map_or("", String::as_str);
    let mut problems = Vec::new();
    for placed in deployments.values() {
        if let Some(incident) = placed.record.fixes_incident.as_deref().filter(|id| !incidents.contains_key(*id)) {
            problems.push(Problem::warning(
                file_of(placed.source),
                format!("deployments[{}].fixes_incident", placed.index),
                format!("fixes_incident names incident {incident:?}, which no loaded snapshot contains: the link cannot be followed"),
            ));
        }
    }
    for placed in incidents.values() {
        for (position, deployment) in placed.record.caused_by.iter().enumerate() {
            match deployments.get(deployment) {
                None => problems.push(Problem::warning(
                    file_of(placed.source),
                    format!("incidents[{}].caused_by[{position}]", placed.index),
                    format!("caused_by names deployment {deployment:?}, which no loaded snapshot contains: the link cannot be followed"),
                )),
                Some(cause) if cause.record.finished_at > placed.record.started_at => {
                    problems.push(Problem::warning(
                        file_of(placed.source),
                        format!("incidents[{}].caused_by[{position}]", placed.index),
                        caused_after_start_message(deployment, cause.record.finished_at, placed.record.started_at),
                    ))
                }
                Some(_) => {}
            }
        }
    }
    problems
}

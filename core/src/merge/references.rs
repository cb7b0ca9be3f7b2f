//! Links between deployments and incidents, checked on the merged data: a weekly export may name a
//! deployment or incident exported in an earlier snapshot, so only a link that no loaded snapshot
//! resolves is reported, as a warning (the records are kept; the link cannot be followed).

use std::collections::BTreeMap;

use super::Placed;
use crate::model::{Deployment, Incident};
use crate::problem::Problem;

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
            if !deployments.contains_key(deployment) {
                problems.push(Problem::warning(
                    file_of(placed.source),
                    format!("incidents[{}].caused_by[{position}]", placed.index),
                    format!("caused_by names deployment {deployment:?}, which no loaded snapshot contains: the link cannot be followed"),
                ));
            }
        }
    }
    problems
}

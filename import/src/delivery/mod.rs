//! The delivery side of a snapshot (deployments with their changes, incidents with their causes)
//! from what the platforms' own APIs print: GitHub ([`github`]), GitLab ([`gitlab`]), PagerDuty
//! ([`pagerduty`]) and flat CSV tables ([`csv`], Four Keys' and DevLake's column names included).
//!
//! Every importer takes the files' bytes with their names and fills an [`Imported`]: the records it
//! could use, one [`Problem`] for each it could not (file, JSON path or CSV line, reason) and the
//! counts of what it read, wrote and skipped. The mapping rules are documented in `docs/importing.md`.

pub mod causes;
mod compares;
pub mod csv;
pub mod environments;
pub mod github;
pub mod gitlab;
mod history;
pub mod pagerduty;
pub mod pages;
mod record;

use uptrend_core::model::{Deployment, Incident};

use crate::{Imported, Location, Problem, ServiceMap};
pub use environments::Environments;

/// One input file: its name (as problems name it) and its bytes.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    pub name: &'a str,
    pub bytes: &'a [u8],
}

impl<'a> Input<'a> {
    pub fn new(name: &'a str, bytes: &'a [u8]) -> Input<'a> {
        Input { name, bytes }
    }
}

/// `records` records of `kind` read.
fn read(imported: &mut Imported, kind: &str, records: usize) {
    imported.counts.add(kind, records as u64, 0, 0);
}

/// One record of `kind` skipped, for the reason `problem` gives.
fn skip(imported: &mut Imported, kind: &str, problem: Problem) {
    imported.counts.skipped(kind);
    imported.problems.push(problem);
}

/// Records of a kind that only feeds others (statuses, compares, log entries): those not skipped
/// count as written, since they went into the snapshot through the records they complete.
fn used(imported: &mut Imported, kind: &str) {
    if let Some(count) = imported.counts.get(kind) {
        let used = count.read.saturating_sub(count.skipped).saturating_sub(count.written);
        imported.counts.add(kind, 0, used, 0);
    }
}

/// Stores the deployments and incidents built, counts them written and observes their instants
/// (the snapshot's default `generated_at` is the latest).
fn store(imported: &mut Imported, deployments: Vec<Deployment>, incidents: Vec<Incident>) {
    for deployment in &deployments {
        imported.observe(deployment.finished_at);
    }
    for incident in &incidents {
        imported.observe(incident.started_at);
        if let Some(resolved_at) = incident.resolved_at {
            imported.observe(resolved_at);
        }
    }
    if !deployments.is_empty() {
        imported.counts.add("deployments", 0, deployments.len() as u64, 0);
    }
    if !incidents.is_empty() {
        imported.counts.add("incidents", 0, incidents.len() as u64, 0);
    }
    imported.deployments.extend(deployments);
    imported.incidents.extend(incidents);
}

/// The service of a record: the map's service for the first of `names` it maps, else `fallback`
/// (the source's own name, or the default the user gave) through the map's `unmapped` policy.
/// `None`: skipped (the map's warning is pushed).
fn service(
    imported: &mut Imported,
    map: &ServiceMap,
    names: &[&str],
    fallback: &str,
    display_name: Option<&str>,
    file: &str,
    location: Location,
) -> Option<String> {
    let mapped = names.iter().find(|name| matches!(map.resolve(name), crate::service_map::Resolution::Mapped(_)));
    imported.service(map, mapped.copied().unwrap_or(fallback), display_name, file, location)
}

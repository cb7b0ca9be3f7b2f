//! Semantic rules on a parsed snapshot: ranges, cross-field consistency, unique ids and service
//! references. Every problem names the file, the JSON path and what is expected; all are collected.
//!
//! References between deployments and incidents (`caused_by`, `fixes_incident`) may point into other
//! snapshots, so they are checked on the merged data (see [`crate::merge`]), not here.

mod event_rules;
mod platform_rules;
mod slo_rules;

pub use platform_rules::MAX_SCALE_POINTS;

use std::collections::{HashMap, HashSet};
use std::fmt::{Display, Formatter};

use foldhash::fast::RandomState;

use chrono::{DateTime, SecondsFormat, Utc};

use crate::findings::Findings;
use crate::model::{Snapshot, FORMAT_VERSION};
use crate::problem::Problem;

/// Checks every rule of format v1 on one snapshot. Errors make the snapshot unusable; warnings don't.
pub fn validate_snapshot(file: &str, snapshot: &Snapshot) -> Vec<Problem> {
    let mut findings = Findings::new(file);
    if snapshot.version != FORMAT_VERSION {
        findings.error("version", unsupported_version_message(&snapshot.version.to_string()));
    }
    unique_ids(&mut findings, "services", "service", snapshot.services.iter().map(|s| s.id.as_str()));
    unique_ids(&mut findings, "slos", "SLO", snapshot.slos.iter().map(|s| s.id.as_str()));
    unique_ids(&mut findings, "deployments", "deployment", snapshot.deployments.iter().map(|d| d.id.as_str()));
    unique_ids(&mut findings, "incidents", "incident", snapshot.incidents.iter().map(|i| i.id.as_str()));

    let services: HashSet<&str, RandomState> = snapshot.services.iter().map(|s| s.id.as_str()).collect();
    for (index, slo) in snapshot.slos.iter().enumerate() {
        let path = format!("slos[{index}]");
        known_service(&mut findings, &services, &path, &slo.service);
        slo_rules::check_slo(&mut findings, &path, slo);
    }
    for (index, deployment) in snapshot.deployments.iter().enumerate() {
        let path = RecordPath::of("deployments", index);
        known_service(&mut findings, &services, &path, &deployment.service);
        event_rules::check_deployment(&mut findings, &path, deployment);
    }
    for (index, incident) in snapshot.incidents.iter().enumerate() {
        let path = RecordPath::of("incidents", index);
        known_service(&mut findings, &services, &path, &incident.service);
        event_rules::check_incident(&mut findings, &path, incident);
    }
    if !snapshot.platform.is_empty() {
        let teams: HashSet<&str> = snapshot.services.iter().filter_map(|s| s.team.as_deref()).collect();
        platform_rules::check_platform(&mut findings, &services, &teams, &snapshot.platform);
    }
    findings.into_problems()
}

/// The message for a `version` other than [`FORMAT_VERSION`], shared with the structural walk.
pub(crate) fn unsupported_version_message(found: &str) -> String {
    format!("format version {found} is not supported: this build reads version {FORMAT_VERSION}")
}

fn unique_ids<'a>(findings: &mut Findings, kind: &str, noun: &str, ids: impl Iterator<Item = &'a str>) {
    // foldhash, not SipHash: a snapshot may hold a million ids, and none of them is a secret key.
    // Sized for every id at once: grown by doubling, it would rehash a million entries several times.
    let mut first_index: HashMap<&str, usize, RandomState> =
        HashMap::with_capacity_and_hasher(ids.size_hint().0, RandomState::default());
    for (index, id) in ids.enumerate() {
        if let Some(first) = first_index.get(id) {
            findings.error(
                format!("{kind}[{index}].id"),
                format!("duplicate {noun} id {id:?} (first at {kind}[{first}]): ids must be unique within a snapshot"),
            );
        } else {
            first_index.insert(id, index);
        }
    }
}

/// Services are the catalogue every record belongs to: each snapshot carries the services its
/// records name, so a snapshot can be validated and displayed on its own.
fn known_service(
    findings: &mut Findings,
    services: &HashSet<&str, RandomState>,
    record_path: &(impl Display + ?Sized),
    service: &str,
) {
    if !services.contains(service) {
        findings.error(
            format!("{record_path}.service"),
            format!("unknown service {service:?}: expected the id of a service listed in `services` of this snapshot"),
        );
    }
}

/// A record's JSON path (`deployments[3]`, `deployments[3].changes[0]`), written out only when a
/// finding names it: a large snapshot holds millions of records and almost none has a finding.
#[derive(Debug, Clone, Copy)]
pub(super) struct RecordPath<'a> {
    parent: Option<&'a RecordPath<'a>>,
    list: &'static str,
    index: usize,
}

impl<'a> RecordPath<'a> {
    /// Item `index` of the top-level list `list`.
    pub(super) fn of(list: &'static str, index: usize) -> RecordPath<'static> {
        RecordPath { parent: None, list, index }
    }

    /// Item `index` of this record's list `list`.
    pub(super) fn child(&'a self, list: &'static str, index: usize) -> RecordPath<'a> {
        RecordPath { parent: Some(self), list, index }
    }
}

impl Display for RecordPath<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> std::fmt::Result {
        if let Some(parent) = self.parent {
            write!(f, "{parent}.")?;
        }
        write!(f, "{}[{}]", self.list, self.index)
    }
}

/// An instant as messages show it: `2026-11-02T14:03:00Z`.
fn instant(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

#[cfg(test)]
mod platform_tests;
#[cfg(test)]
mod tests;

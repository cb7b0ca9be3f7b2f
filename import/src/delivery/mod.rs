//! The delivery side of a snapshot (deployments with their changes, incidents with their causes)
//! from what the platforms' own APIs print: GitHub ([`github`]), GitLab ([`gitlab`]), PagerDuty
//! ([`pagerduty`]) and flat CSV tables ([`csv`], Four Keys' and DevLake's column names included).
//!
//! Every importer takes the files' bytes with their names and returns the records it could use and
//! one [`Problem`] for each it could not (file, JSON path or CSV line, reason), with the counts of what
//! it read and skipped. The mapping rules are documented in `docs/importing.md`.

pub mod causes;
pub mod csv;
pub mod environments;
pub mod github;
pub mod gitlab;
mod history;
pub mod pagerduty;
pub mod pages;
mod record;
pub mod service_map;

use chrono::{DateTime, Utc};
use uptrend_core::model::{Deployment, Incident, Service, Snapshot, FORMAT_VERSION};
use uptrend_core::problem::Problem;

pub use environments::Environments;
pub use service_map::ServiceMap;

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

/// How many records of one kind an import read and how many it could not use.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Count {
    pub read: usize,
    pub skipped: usize,
}

/// What a delivery import produced.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DeliveryImport {
    /// In the order of the source, deduplicated by id.
    pub deployments: Vec<Deployment>,
    pub incidents: Vec<Incident>,
    /// One problem per record that could not be used (warning: the rest is imported) and per file
    /// that could not be read at all (error).
    pub problems: Vec<Problem>,
    /// Source records read and skipped, per kind, in a fixed order (`deployments`, `statuses`,
    /// `compares`, `incidents`, `log entries`, `changes`…), only kinds the source has.
    pub counts: Vec<(&'static str, Count)>,
}

impl DeliveryImport {
    /// Whether a file could not be read at all (an error, not a skipped record).
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(Problem::is_error)
    }

    /// The service ids the imported records name, sorted and deduplicated: the snapshot's `services`.
    pub fn service_ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = self
            .deployments
            .iter()
            .map(|deployment| deployment.service.clone())
            .chain(self.incidents.iter().map(|incident| incident.service.clone()))
            .collect();
        ids.sort();
        ids.dedup();
        ids
    }

    /// A format v1 snapshot of the imported records, generated at `generated_at` (the caller's
    /// clock), its `services` listing every service they name (id only). Validate it with the
    /// core before writing it.
    pub fn snapshot(&self, generated_at: DateTime<Utc>) -> Snapshot {
        Snapshot {
            version: FORMAT_VERSION,
            generated_at,
            services: self.service_ids().into_iter().map(|id| Service { id, name: None, team: None }).collect(),
            slos: Vec::new(),
            deployments: self.deployments.clone(),
            incidents: self.incidents.clone(),
        }
    }

    /// The count of one kind of source record (zero when the source has none).
    pub fn count_of(&self, kind: &str) -> Count {
        self.counts.iter().find(|(name, _)| *name == kind).map(|(_, count)| *count).unwrap_or_default()
    }

    fn count(&mut self, kind: &'static str) -> &mut Count {
        if let Some(position) = self.counts.iter().position(|(name, _)| *name == kind) {
            return &mut self.counts[position].1;
        }
        self.counts.push((kind, Count::default()));
        let last = self.counts.len() - 1;
        &mut self.counts[last].1
    }

    fn read(&mut self, kind: &'static str, records: usize) {
        self.count(kind).read += records;
    }

    fn skip(&mut self, kind: &'static str, problem: Problem) {
        self.count(kind).skipped += 1;
        self.problems.push(problem);
    }
}

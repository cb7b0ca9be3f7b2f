//! What one import produced: snapshot records, counts and problems, turned into a [`Snapshot`] by
//! the caller once it knows `generated_at`.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use uptrend_core::model::{Deployment, Incident, Service, Slo, Snapshot, FORMAT_VERSION};

use crate::counts::Counts;
use crate::problem::{Location, Problem};
use crate::service_map::{Resolution, ServiceMap, Unmapped};

/// The records an import made, what it counted, and every problem met.
#[derive(Debug, Clone, Default)]
pub struct Imported {
    pub slos: Vec<Slo>,
    pub deployments: Vec<Deployment>,
    pub incidents: Vec<Incident>,
    pub counts: Counts,
    pub problems: Vec<Problem>,
    services: BTreeMap<String, Service>,
    unmapped_named: BTreeSet<String>,
    latest: Option<DateTime<Utc>>,
}

impl Imported {
    /// The Uptrend service id for the source's service `name` (as found at `location` of `file`),
    /// recorded in the snapshot's catalogue; `None` when the map says to skip it (a warning is
    /// pushed: count the record as skipped). `display_name` is the source's own name for it, used
    /// when the map gives none.
    pub fn service(
        &mut self,
        map: &ServiceMap,
        name: &str,
        display_name: Option<&str>,
        file: &str,
        location: Location,
    ) -> Option<String> {
        let service = match map.resolve(name) {
            Resolution::Mapped(service) => {
                let mut service = service.clone();
                if service.name.is_none() {
                    service.name = display_name.map(str::to_owned);
                }
                service
            }
            Resolution::Unmapped(Unmapped::Skip) => {
                let map_file = map.file().unwrap_or("the service map");
                self.problems.push(Problem::warning(
                    file,
                    location,
                    format!("service {name:?} is not in {map_file}: the record is skipped (`unmapped: skip`)"),
                ));
                return None;
            }
            Resolution::Unmapped(Unmapped::Keep) => {
                if let Some(map_file) = map.file() {
                    if self.unmapped_named.insert(name.to_owned()) {
                        self.problems.push(Problem::warning(
                            file,
                            location,
                            format!("service {name:?} is not in {map_file}: it is kept as the service id"),
                        ));
                    }
                }
                Service { id: name.to_owned(), name: display_name.map(str::to_owned), team: None }
            }
        };
        let id = service.id.clone();
        self.services.entry(id.clone()).or_insert(service);
        Some(id)
    }

    /// Gives the recorded service that the source's `name` stands for the source's `team`, unless
    /// it has one already (from the service map, which wins).
    pub fn default_team(&mut self, map: &ServiceMap, name: &str, team: &str) {
        let id = match map.resolve(name) {
            Resolution::Mapped(service) => service.id.as_str(),
            Resolution::Unmapped(_) => name,
        };
        if let Some(service) = self.services.get_mut(id) {
            service.team.get_or_insert_with(|| team.to_owned());
        }
    }

    /// Notes an instant the input covers; the latest is the snapshot's default `generated_at`.
    pub fn observe(&mut self, at: DateTime<Utc>) {
        self.latest = Some(self.latest.map_or(at, |latest| latest.max(at)));
    }

    /// The latest instant observed.
    pub fn latest(&self) -> Option<DateTime<Utc>> {
        self.latest
    }

    /// The services recorded so far, by id.
    pub fn services(&self) -> impl Iterator<Item = &Service> {
        self.services.values()
    }

    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(Problem::is_error)
    }

    /// Adds everything `other` imported (several sources into one snapshot).
    pub fn extend(&mut self, other: Imported) {
        self.slos.extend(other.slos);
        self.deployments.extend(other.deployments);
        self.incidents.extend(other.incidents);
        self.counts.extend(other.counts);
        self.problems.extend(other.problems);
        for (id, service) in other.services {
            self.services.entry(id).or_insert(service);
        }
        self.unmapped_named.extend(other.unmapped_named);
        if let Some(at) = other.latest {
            self.observe(at);
        }
    }

    /// The snapshot of the imported records, generated at `generated_at`, and the counts and problems.
    pub fn into_snapshot(self, generated_at: DateTime<Utc>) -> (Snapshot, Counts, Vec<Problem>) {
        let snapshot = Snapshot {
            version: FORMAT_VERSION,
            generated_at,
            services: self.services.into_values().collect(),
            slos: self.slos,
            deployments: self.deployments,
            incidents: self.incidents,
            platform: Default::default(),
        };
        (snapshot, self.counts, self.problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn services_are_mapped_recorded_once_and_unmapped_names_warned_once() {
        let map = ServiceMap::parse("map.yaml", b"services:\n  - id: checkout\n    match: [web-shop]\n").unwrap();
        let mut imported = Imported::default();
        assert_eq!(
            imported.service(&map, "web-shop", Some("Web shop"), "a.yaml", Location::file()).as_deref(),
            Some("checkout")
        );
        assert_eq!(imported.service(&map, "cart", None, "a.yaml", Location::file()).as_deref(), Some("cart"));
        assert_eq!(imported.service(&map, "cart", None, "a.yaml", Location::file()).as_deref(), Some("cart"));
        let services: Vec<(&str, Option<&str>)> =
            imported.services().map(|s| (s.id.as_str(), s.name.as_deref())).collect();
        assert_eq!(services, [("cart", None), ("checkout", Some("Web shop"))]);
        assert_eq!(imported.problems.len(), 1, "{:?}", imported.problems);
        assert!(!imported.has_errors());
    }

    #[test]
    fn skip_policy_skips_with_a_warning() {
        let map = ServiceMap::parse("map.yaml", b"services: []\nunmapped: skip\n").unwrap();
        let mut imported = Imported::default();
        assert_eq!(imported.service(&map, "cart", None, "a.yaml", Location::line(3)), None);
        assert_eq!(
            imported.problems[0].to_string(),
            "warning: a.yaml:3: service \"cart\" is not in map.yaml: the record is skipped (`unmapped: skip`)"
        );
    }
}

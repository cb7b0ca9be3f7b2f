//! The user's service map (`--service-map FILE`): which Uptrend service each name used by a source
//! stands for, with the service's display name and team. YAML or JSON:
//!
//! ```yaml
//! services:
//!   - id: checkout                 # the Uptrend service id
//!     name: Checkout API           # optional display name
//!     team: payments               # optional owning team
//!     match: [web-shop, PX1Y2Z3]   # the names sources use for it (the id always matches too)
//! unmapped: keep                   # a name matching no entry: keep it as the id (default) or skip
//! ```
//!
//! Without a map every source name is its own service id.

use std::collections::HashMap;

use uptrend_core::model::Service;

use crate::problem::Problem;
use crate::yaml::{self, At};

/// What to do with a record whose service name matches no entry of the map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unmapped {
    /// The source's name becomes the service id (a warning names it once).
    Keep,
    /// The record is skipped (a warning for each).
    Skip,
}

/// Source names to Uptrend services.
#[derive(Debug, Clone)]
pub struct ServiceMap {
    /// The map file, `None` for the identity map.
    file: Option<String>,
    services: Vec<Service>,
    by_name: HashMap<String, usize>,
    unmapped: Unmapped,
}

/// What a source name stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution<'a> {
    Mapped(&'a Service),
    Unmapped(Unmapped),
}

impl Default for ServiceMap {
    fn default() -> ServiceMap {
        ServiceMap::identity()
    }
}

impl ServiceMap {
    /// No map: every name is its own service id.
    pub fn identity() -> ServiceMap {
        ServiceMap { file: None, services: Vec::new(), by_name: HashMap::new(), unmapped: Unmapped::Keep }
    }

    /// Reads a map file; every problem in it is listed, located.
    pub fn parse(file: &str, bytes: &[u8]) -> Result<ServiceMap, Vec<Problem>> {
        let documents = yaml::parse(file, bytes).map_err(|problem| vec![problem])?;
        let [document] = documents.as_slice() else {
            return Err(vec![Problem::error(
                file,
                crate::Location::file(),
                format!("expected one document with `services`, found {}", documents.len()),
            )]);
        };
        let root = At::root(file, document);
        let mut map = ServiceMap { file: Some(file.to_owned()), ..ServiceMap::identity() };
        let mut problems = Vec::new();
        match root.get("unmapped").map(|at| (at.str().map(str::to_owned), at)) {
            None => {}
            Some((Ok(policy), at)) => match policy.as_str() {
                "keep" => map.unmapped = Unmapped::Keep,
                "skip" => map.unmapped = Unmapped::Skip,
                other => problems.push(at.error(format!("unknown policy {other:?}: expected \"keep\" or \"skip\""))),
            },
            Some((Err(problem), _)) => problems.push(problem),
        }
        if let Ok(fields) = root.mapping() {
            for (key, at) in fields {
                if key != "services" && key != "unmapped" {
                    problems.push(at.error(format!("unknown field `{key}`: expected `services` or `unmapped`")));
                }
            }
        }
        match root.required("services").and_then(|services| services.items()) {
            Ok(entries) => {
                for entry in entries {
                    if let Err(problem) = map.add(&entry) {
                        problems.push(problem);
                    }
                }
            }
            Err(problem) => problems.push(problem),
        }
        if problems.is_empty() {
            Ok(map)
        } else {
            Err(problems)
        }
    }

    fn add(&mut self, entry: &At<'_>) -> Result<(), Problem> {
        let id = entry.required("id")?.text()?;
        if id.is_empty() {
            return Err(entry.error("the service id is empty"));
        }
        let optional = |key: &str| entry.get(key).map(|at| at.text()).transpose();
        let service = Service { id: id.clone(), name: optional("name")?, team: optional("team")? };
        let mut names = vec![(id.clone(), entry.clone())];
        if let Some(matches) = entry.get("match") {
            for name in matches.items()? {
                names.push((name.text()?, name));
            }
        }
        let index = self.services.len();
        for (name, at) in names {
            match self.by_name.get(&name) {
                Some(&other) if other != index => {
                    return Err(at.error(format!(
                        "the name {name:?} is already mapped to service {:?}: each name maps to one service",
                        self.services[other].id
                    )))
                }
                _ => {
                    self.by_name.insert(name, index);
                }
            }
        }
        self.services.push(service);
        Ok(())
    }

    /// What `name` (as a source writes it) stands for.
    pub fn resolve(&self, name: &str) -> Resolution<'_> {
        match self.by_name.get(name) {
            Some(&index) => Resolution::Mapped(&self.services[index]),
            None => Resolution::Unmapped(self.unmapped),
        }
    }

    /// The map file, `None` for the identity map.
    pub fn file(&self) -> Option<&str> {
        self.file.as_deref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAP: &str = "services:\n  - id: checkout\n    name: Checkout API\n    team: payments\n    match: [web-shop, PX1]\n  - id: search\nunmapped: skip\n";

    #[test]
    fn names_resolve_to_their_service() {
        let map = ServiceMap::parse("map.yaml", MAP.as_bytes()).unwrap();
        let Resolution::Mapped(service) = map.resolve("PX1") else { panic!("PX1 is mapped") };
        assert_eq!((service.id.as_str(), service.team.as_deref()), ("checkout", Some("payments")));
        assert!(matches!(map.resolve("checkout"), Resolution::Mapped(s) if s.id == "checkout"));
        assert!(matches!(map.resolve("search"), Resolution::Mapped(s) if s.name.is_none()));
        assert_eq!(map.resolve("cart"), Resolution::Unmapped(Unmapped::Skip));
        assert_eq!(ServiceMap::identity().resolve("cart"), Resolution::Unmapped(Unmapped::Keep));
    }

    #[test]
    fn json_maps_read_too() {
        let map = ServiceMap::parse("map.json", br#"{"services": [{"id": "a", "match": ["b"]}]}"#).unwrap();
        assert!(matches!(map.resolve("b"), Resolution::Mapped(s) if s.id == "a"));
    }

    #[test]
    fn bad_maps_list_every_problem_located() {
        let text = "services:\n  - name: no id\n  - id: a\n    match: [x]\n  - id: b\n    match: [x]\nunmapped: drop\nextra: 1\n";
        let problems = ServiceMap::parse("map.yaml", text.as_bytes()).unwrap_err();
        let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "error: map.yaml:7:11: unmapped: unknown policy \"drop\": expected \"keep\" or \"skip\"",
                "error: map.yaml:8:8: extra: unknown field `extra`: expected `services` or `unmapped`",
                "error: map.yaml:2:5: services[0].id: the required field `id` is missing",
                "error: map.yaml:6:13: services[2].match[0]: the name \"x\" is already mapped to service \"a\": each name maps to one service",
            ]
        );
    }
}

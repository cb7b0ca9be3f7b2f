//! The scopes every metric is reported for: overall, each service, each team (the `team` of its
//! services). Services and teams get dense indices so grouping is a vector lookup, not a hash.

use std::collections::{BTreeSet, HashMap};

use foldhash::fast::RandomState;

use serde::Serialize;

use crate::model::Dataset;

/// One scope of the report.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Scope {
    Overall,
    Service(String),
    Team(String),
}

/// How deployments and incidents are grouped: into one scope, by service, or by team.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ScopeKind {
    Overall,
    Service,
    Team,
}

/// Every service and team of the data, sorted by id.
#[derive(Debug, Clone, Default)]
pub struct Scopes {
    services: Vec<String>,
    teams: Vec<String>,
    team_of_service: Vec<Option<usize>>,
    service_index: HashMap<String, usize, RandomState>,
}

/// A [`Scope`] as dense indexes ([`Scopes::members`]); `None` for a service or team the data does not
/// have, which covers nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeMembers {
    All,
    Service(Option<usize>),
    Team(Option<usize>),
}

impl ScopeMembers {
    /// Whether something of `service` (a dense index of `scopes`) belongs to the scope.
    pub fn cover(self, scopes: &Scopes, service: Option<usize>) -> bool {
        match self {
            ScopeMembers::All => true,
            ScopeMembers::Service(index) => service.is_some() && service == index,
            ScopeMembers::Team(team) => team.is_some() && service.and_then(|service| scopes.team_of(service)) == team,
        }
    }
}

impl Scopes {
    /// Declared services, plus any service only named by a deployment or incident, so that every
    /// service in the data is reported.
    pub fn new(dataset: &Dataset) -> Scopes {
        Scopes::with_deployment_services(dataset).0
    }

    /// [`Scopes::new`], and the dense service index of each of the dataset's deployments, found
    /// while the services are collected (one hash lookup a deployment instead of two).
    pub(crate) fn with_deployment_services<'d>(dataset: &'d Dataset) -> (Scopes, Vec<usize>) {
        // Every service named, numbered in order of first appearance, then sorted.
        let mut numbers: HashMap<&'d str, usize, RandomState> = HashMap::default();
        let mut named: Vec<&'d str> = Vec::new();
        let mut number_of = |service: &'d str| -> usize {
            *numbers.entry(service).or_insert_with(|| {
                named.push(service);
                named.len() - 1
            })
        };
        for service in &dataset.services {
            number_of(&service.id);
        }
        let deployment_numbers: Vec<usize> =
            dataset.deployments.iter().map(|deployment| number_of(&deployment.service)).collect();
        for incident in &dataset.incidents {
            number_of(&incident.service);
        }
        let mut by_id: Vec<usize> = (0..named.len()).collect();
        by_id.sort_unstable_by_key(|number| named[*number]);
        let mut dense = vec![0; named.len()];
        for (index, number) in by_id.iter().enumerate() {
            dense[*number] = index;
        }
        let services: Vec<String> = by_id.iter().map(|number| named[*number].to_owned()).collect();
        let deployment_services = deployment_numbers.into_iter().map(|number| dense[number]).collect();
        (Scopes::of_services(dataset, services), deployment_services)
    }

    /// The scopes of these services (sorted, distinct) and the dataset's teams.
    fn of_services(dataset: &Dataset, services: Vec<String>) -> Scopes {
        let team_names: BTreeSet<&str> =
            dataset.services.iter().filter_map(|service| service.team.as_deref()).collect();
        let teams: Vec<String> = team_names.into_iter().map(str::to_owned).collect();
        let service_index: HashMap<String, usize, RandomState> =
            services.iter().enumerate().map(|(index, id)| (id.clone(), index)).collect();
        let mut team_of_service = vec![None; services.len()];
        for service in &dataset.services {
            let index = service_index.get(&service.id).copied();
            let team = service.team.as_ref().and_then(|team| teams.binary_search(team).ok());
            if let (Some(index), Some(team)) = (index, team) {
                if let Some(slot) = team_of_service.get_mut(index) {
                    *slot = Some(team);
                }
            }
        }
        Scopes { services, teams, team_of_service, service_index }
    }

    pub fn services(&self) -> &[String] {
        &self.services
    }

    pub fn teams(&self) -> &[String] {
        &self.teams
    }

    pub fn service_index(&self, id: &str) -> Option<usize> {
        self.service_index.get(id).copied()
    }

    pub fn team_of(&self, service: usize) -> Option<usize> {
        self.team_of_service.get(service).copied().flatten()
    }

    /// The services of a team, sorted by id.
    pub fn services_of_team(&self, team: usize) -> Vec<&str> {
        self.team_of_service
            .iter()
            .zip(&self.services)
            .filter(|(of, _)| **of == Some(team))
            .map(|(_, id)| id.as_str())
            .collect()
    }

    /// The services a scope covers, sorted by id (none for an unknown service or team).
    pub fn services_in(&self, scope: &Scope) -> Vec<&str> {
        match scope {
            Scope::Overall => self.services.iter().map(String::as_str).collect(),
            Scope::Service(id) => self
                .service_index(id)
                .and_then(|index| self.services.get(index))
                .map(|id| vec![id.as_str()])
                .unwrap_or_default(),
            Scope::Team(team) => {
                self.teams.binary_search(team).map(|team| self.services_of_team(team)).unwrap_or_default()
            }
        }
    }

    /// Whether something of `service` (a dense index) belongs to `scope`.
    pub fn covers(&self, scope: &Scope, service: Option<usize>) -> bool {
        self.members(scope).cover(self, service)
    }

    /// `scope` with its service or team looked up once, for [`ScopeMembers::cover`] on many records
    /// (a year's first deliveries are millions: a lookup by name each was most of a filter's time).
    pub fn members(&self, scope: &Scope) -> ScopeMembers {
        match scope {
            Scope::Overall => ScopeMembers::All,
            Scope::Service(id) => ScopeMembers::Service(self.service_index(id)),
            Scope::Team(team) => ScopeMembers::Team(self.teams.binary_search(team).ok()),
        }
    }

    pub(crate) fn count(&self, kind: ScopeKind) -> usize {
        match kind {
            ScopeKind::Overall => 1,
            ScopeKind::Service => self.services.len(),
            ScopeKind::Team => self.teams.len(),
        }
    }

    /// The scope index, within `kind`, of something belonging to `service`.
    pub(crate) fn key(&self, kind: ScopeKind, service: Option<usize>) -> Option<usize> {
        match kind {
            ScopeKind::Overall => Some(0),
            ScopeKind::Service => service,
            ScopeKind::Team => service.and_then(|service| self.team_of(service)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Service;

    fn service(id: &str, team: Option<&str>) -> Service {
        Service { id: id.to_owned(), name: None, team: team.map(str::to_owned) }
    }

    #[test]
    fn a_team_covers_all_its_services_and_teamless_services_belong_to_no_team() {
        let dataset = Dataset {
            services: vec![service("api", Some("core")), service("cart", Some("shop")), service("web", Some("core"))]
                .into_iter()
                .chain([service("batch", None)])
                .collect(),
            ..Dataset::default()
        };
        let scopes = Scopes::new(&dataset);
        assert_eq!(scopes.services(), ["api", "batch", "cart", "web"]);
        assert_eq!(scopes.teams(), ["core", "shop"]);
        assert_eq!(scopes.services_in(&Scope::Team("core".into())), ["api", "web"]);
        assert_eq!(scopes.key(ScopeKind::Team, scopes.service_index("batch")), None);
        assert!(scopes.covers(&Scope::Team("core".into()), scopes.service_index("web")));
        assert!(!scopes.covers(&Scope::Team("core".into()), scopes.service_index("cart")));
        assert!(!scopes.covers(&Scope::Service("nope".into()), None));
        // Looked up once: a service or team the data does not have covers nothing, not even records
        // of no service.
        let web = scopes.members(&Scope::Service("web".into()));
        assert_eq!(web, ScopeMembers::Service(scopes.service_index("web")));
        assert!(web.cover(&scopes, scopes.service_index("web")) && !web.cover(&scopes, scopes.service_index("api")));
        for unknown in [Scope::Service("nope".into()), Scope::Team("nope".into())] {
            let members = scopes.members(&unknown);
            assert!(!members.cover(&scopes, None) && !members.cover(&scopes, scopes.service_index("api")));
        }
        assert!(scopes.members(&Scope::Overall).cover(&scopes, None));
    }

    #[test]
    fn services_named_only_by_records_are_scopes_and_each_deployment_gets_its_index() {
        let deployment = |service: &str| crate::model::Deployment {
            id: format!("d-{service}").into(),
            service: service.into(),
            environment: "production".into(),
            finished_at: chrono::DateTime::UNIX_EPOCH,
            status: crate::model::DeployStatus::Succeeded,
            changes: Vec::new(),
            production: None,
            fixes_incident: None,
        };
        let dataset = Dataset {
            services: vec![service("web", None), service("api", None)],
            deployments: vec![deployment("zeta"), deployment("api"), deployment("beta"), deployment("zeta")],
            ..Dataset::default()
        };
        let (scopes, deployment_services) = Scopes::with_deployment_services(&dataset);
        assert_eq!(scopes.services(), ["api", "beta", "web", "zeta"]);
        assert_eq!(deployment_services, [3, 0, 1, 3]);
        for (deployment, service) in dataset.deployments.iter().zip(&deployment_services) {
            assert_eq!(scopes.service_index(&deployment.service), Some(*service));
        }
    }
}

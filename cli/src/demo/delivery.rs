//! Deployments and incidents: each team's delivery habits drawn day by day (lead times, failures,
//! rollbacks, hotfixes), operational incidents no deployment caused, and the scripted incidents.

use chrono::{DateTime, Datelike, TimeDelta, Utc, Weekday};
use compact_str::format_compact;
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, LogNormal, Poisson};
use uptrend_core::model::{Change, DeployStatus, Deployment, Id, Incident, PRODUCTION};

use super::company::{
    days, minutes, Company, ScriptedIncident, ServiceSpec, Team, CI_TEMPLATES_DEPLOY_FACTOR,
    CI_TEMPLATES_FAILURE_FACTOR, CI_TEMPLATES_LEAD_TIME_FACTOR,
};
use super::ids::ChangeIds;
use super::rng::stream;
use super::sli::Burn;

/// Everything that happened on the delivery side over the company's history, with final ids.
#[derive(Debug, Clone, Default)]
pub struct DeliveryHistory {
    /// Sorted by (`finished_at`, id).
    pub deployments: Vec<Deployment>,
    /// Sorted by (`started_at`, id); `resolved_at` is `None` for incidents still open at `now`.
    pub incidents: Vec<Incident>,
    /// How each incident degrades its service's SLIs.
    pub burns: Vec<Burn>,
}

/// Deployments and incidents of every service of `company`.
pub fn generate(company: &Company, seed: u64) -> DeliveryHistory {
    let mut drafts = Drafts::default();
    let mut change_ids = ChangeIds::new(seed);
    for service in &company.services {
        if let Some(team) = company.team(service.team) {
            let mut rng = stream(seed, &format!("deployments/{}", service.id));
            draw_deployments(company, service, team, &mut rng, &mut change_ids, &mut drafts);
        }
        let mut rng = stream(seed, &format!("incidents/{}", service.id));
        draw_operational_incidents(company, service, &mut rng, &mut drafts);
    }
    let mut rng = stream(seed, "scripted");
    for scripted in &company.scripted_incidents {
        add_scripted(company, scripted, &mut rng, &mut change_ids, &mut drafts);
    }
    drafts.finish(company.now)
}

#[derive(Debug)]
struct DeploymentDraft {
    service: &'static str,
    environment: &'static str,
    finished_at: DateTime<Utc>,
    status: DeployStatus,
    changes: Vec<Change>,
    /// Index into `Drafts::incidents`.
    fixes_incident: Option<usize>,
}

#[derive(Debug)]
struct IncidentDraft {
    service: &'static str,
    severity: &'static str,
    started_at: DateTime<Utc>,
    resolved_at: Option<DateTime<Utc>>,
    /// Indexes into `Drafts::deployments`.
    caused_by: Vec<usize>,
    burn: f64,
}

/// Deployments and incidents referring to each other by index until ids are given in time order.
#[derive(Debug, Default)]
struct Drafts {
    deployments: Vec<DeploymentDraft>,
    incidents: Vec<IncidentDraft>,
}

impl Drafts {
    fn push_deployment(&mut self, draft: DeploymentDraft) -> usize {
        self.deployments.push(draft);
        self.deployments.len() - 1
    }

    fn push_incident(&mut self, draft: IncidentDraft) -> usize {
        self.incidents.push(draft);
        self.incidents.len() - 1
    }

    /// Numbers deployments (`dep-10001`...) and incidents (`INC-101`...) in time order.
    fn finish(self, now: DateTime<Utc>) -> DeliveryHistory {
        let mut deployment_order: Vec<usize> = (0..self.deployments.len()).collect();
        deployment_order.sort_by_key(|&index| {
            let draft = &self.deployments[index];
            (draft.finished_at, draft.service, draft.environment, index)
        });
        let mut incident_order: Vec<usize> = (0..self.incidents.len()).collect();
        incident_order.sort_by_key(|&index| (self.incidents[index].started_at, self.incidents[index].service, index));
        let deployment_ids = ids_by_rank(&deployment_order, |rank| format_compact!("dep-{}", 10_001 + rank));
        let incident_ids = ids_by_rank(&incident_order, |rank| format_compact!("INC-{}", 101 + rank));

        let deployments = deployment_order
            .iter()
            .map(|&index| {
                let draft = &self.deployments[index];
                Deployment {
                    id: deployment_ids[index].clone(),
                    service: draft.service.into(),
                    environment: draft.environment.into(),
                    finished_at: draft.finished_at,
                    status: draft.status,
                    changes: draft.changes.clone(),
                    production: None,
                    fixes_incident: draft.fixes_incident.map(|incident| incident_ids[incident].clone()),
                }
            })
            .collect();
        let incidents = incident_order
            .iter()
            .map(|&index| {
                let draft = &self.incidents[index];
                Incident {
                    id: incident_ids[index].clone(),
                    service: draft.service.into(),
                    severity: Some(draft.severity.to_owned()),
                    started_at: draft.started_at,
                    resolved_at: draft.resolved_at,
                    caused_by: draft.caused_by.iter().map(|&deployment| deployment_ids[deployment].clone()).collect(),
                }
            })
            .collect();
        let burns = incident_order
            .iter()
            .map(|&index| {
                let draft = &self.incidents[index];
                Burn {
                    service: draft.service.to_owned(),
                    start: draft.started_at,
                    end: draft.resolved_at.unwrap_or(now),
                    burn: draft.burn,
                }
            })
            .collect();
        DeliveryHistory { deployments, incidents, burns }
    }
}

/// `ids[index]` = the id of the draft at `index`, numbered by its rank in `order`.
fn ids_by_rank(order: &[usize], id_of_rank: impl Fn(usize) -> Id) -> Vec<Id> {
    let mut ids = vec![Id::default(); order.len()];
    for (rank, &index) in order.iter().enumerate() {
        ids[index] = id_of_rank(rank);
    }
    ids
}

/// A service's deployments, day by day, in working hours; failures bring incidents and hotfixes,
/// rollbacks carry their changes into the next deployment.
fn draw_deployments(
    company: &Company,
    service: &ServiceSpec,
    team: &Team,
    rng: &mut ChaCha8Rng,
    change_ids: &mut ChangeIds,
    drafts: &mut Drafts,
) {
    let mut carried_changes: Vec<Change> = Vec::new();
    let history_days = (company.now - company.history_start).num_days();
    let first_deploy_at = service.onboarding.map(|onboarding| onboarding.first_deploy_at);
    for day in 0..history_days {
        let midnight = company.history_start + days(day);
        // A new service deploys from its onboarding's first deployment on, which succeeds.
        let first_deploy_secs = match first_deploy_at {
            None => None,
            Some(None) => break,
            Some(Some(at)) if at >= midnight + days(1) => continue,
            Some(Some(at)) => (at >= midnight).then(|| (at - midnight).num_seconds()),
        };
        let on_templates = service.ci_templates_since.is_some_and(|since| since <= midnight);
        let templated;
        let team = if on_templates {
            templated = Team {
                deploys_per_weekday: team.deploys_per_weekday * CI_TEMPLATES_DEPLOY_FACTOR,
                failure_ratio: team.failure_ratio * CI_TEMPLATES_FAILURE_FACTOR,
                lead_time_median_hours: team.lead_time_median_hours * CI_TEMPLATES_LEAD_TIME_FACTOR,
                ..team.clone()
            };
            &templated
        } else {
            team
        };
        let weekend_factor = if matches!(midnight.weekday(), Weekday::Sat | Weekday::Sun) { 0.05 } else { 1.0 };
        let count = poisson(team.deploys_per_weekday * weekend_factor, rng);
        let mut seconds_into_day: Vec<i64> = (0..count).map(|_| rng.random_range(8 * 3_600..19 * 3_600)).collect();
        if let Some(first) = first_deploy_secs {
            seconds_into_day.retain(|secs| *secs > first);
            seconds_into_day.push(first);
        }
        seconds_into_day.sort_unstable();
        for secs in seconds_into_day {
            let first_of_service = Some(secs) == first_deploy_secs;
            let finished_at = midnight + TimeDelta::seconds(secs);
            let mut changes = std::mem::take(&mut carried_changes);
            for _ in 0..rng.random_range(1..=team.max_changes) {
                changes.push(Change::new(change_ids.next_id(), finished_at - lead_time(team, rng)));
            }
            let status = if rng.random_bool(team.failure_ratio) && !first_of_service {
                if rng.random_bool(0.55) {
                    DeployStatus::Failed
                } else {
                    DeployStatus::RolledBack
                }
            } else {
                DeployStatus::Succeeded
            };
            if service.has_staging {
                drafts.push_deployment(DeploymentDraft {
                    service: service.id,
                    environment: "staging",
                    // Staging runs after the last commit it carries (lead times are at least 2 minutes).
                    finished_at: (finished_at - minutes(rng.random_range(20..120))).max(
                        changes.iter().map(|c| c.committed_at).max().unwrap_or(finished_at) + TimeDelta::seconds(30),
                    ),
                    status: DeployStatus::Succeeded,
                    changes: changes.clone(),
                    fixes_incident: None,
                });
            }
            if status == DeployStatus::RolledBack {
                carried_changes.clone_from(&changes);
            }
            let deployment = drafts.push_deployment(DeploymentDraft {
                service: service.id,
                environment: PRODUCTION,
                finished_at,
                status,
                changes,
                fixes_incident: None,
            });
            match status {
                DeployStatus::Failed if rng.random_bool(0.75) => {
                    add_failure_incident(company, team, deployment, finished_at, rng, change_ids, drafts);
                }
                DeployStatus::RolledBack if rng.random_bool(0.3) => {
                    // Caught quickly: the rollback ends it.
                    let started_at = finished_at + minutes(rng.random_range(2..10));
                    let resolved_at = started_at + minutes(rng.random_range(10..40));
                    drafts.push_incident(IncidentDraft {
                        service: service.id,
                        severity: "sev3",
                        started_at,
                        resolved_at: (resolved_at < company.now).then_some(resolved_at),
                        caused_by: vec![deployment],
                        burn: log_uniform(rng, 5.0, 30.0),
                    });
                }
                _ => {}
            }
        }
    }
}

/// An incident caused by the failed `deployment`, resolved by a hotfix deployment when it ends before `now`.
fn add_failure_incident(
    company: &Company,
    team: &Team,
    deployment: usize,
    finished_at: DateTime<Utc>,
    rng: &mut ChaCha8Rng,
    change_ids: &mut ChangeIds,
    drafts: &mut Drafts,
) {
    let Some(service) = drafts.deployments.get(deployment).map(|draft| draft.service) else {
        return;
    };
    let started_at = finished_at + minutes(rng.random_range(3..40));
    let restore_secs = log_normal_secs(team.restore_median_minutes * 60.0, 0.7, rng).max(600);
    let resolved_at = started_at + TimeDelta::seconds(restore_secs);
    let resolved = resolved_at < company.now;
    let incident = drafts.push_incident(IncidentDraft {
        service,
        severity: if rng.random_bool(0.3) { "sev2" } else { "sev3" },
        started_at,
        resolved_at: resolved.then_some(resolved_at),
        caused_by: vec![deployment],
        burn: log_uniform(rng, 5.0, 40.0),
    });
    if resolved {
        let hotfix_at = (resolved_at - minutes(rng.random_range(2..10))).max(started_at + minutes(1));
        let fix = Change::new(change_ids.next_id(), started_at + (hotfix_at - started_at) / 2);
        drafts.push_deployment(DeploymentDraft {
            service,
            environment: PRODUCTION,
            finished_at: hotfix_at,
            status: DeployStatus::Succeeded,
            changes: vec![fix],
            fixes_incident: Some(incident),
        });
    }
}

/// Incidents no deployment caused (hardware, dependencies, load), about one per 40 days per service.
fn draw_operational_incidents(company: &Company, service: &ServiceSpec, rng: &mut ChaCha8Rng, drafts: &mut Drafts) {
    let history_days = (company.now - company.history_start).num_days();
    for day in 0..history_days {
        for _ in 0..poisson(1.0 / 40.0, rng) {
            let started_at = company.history_start + days(day) + TimeDelta::seconds(rng.random_range(0..86_400));
            let resolved_at = started_at + TimeDelta::seconds(log_normal_secs(50.0 * 60.0, 0.9, rng).max(300));
            let severity = match rng.random_range(0..20) {
                0..3 => "sev2",
                3..13 => "sev3",
                _ => "sev4",
            };
            let burn = log_uniform(rng, 2.0, 20.0);
            // Only the scripted incidents are open at `now`; a new service has incidents once in production.
            let in_production = service
                .onboarding
                .is_none_or(|onboarding| onboarding.first_deploy_at.is_some_and(|first| first <= started_at));
            if resolved_at < company.now && in_production {
                drafts.push_incident(IncidentDraft {
                    service: service.id,
                    severity,
                    started_at,
                    resolved_at: Some(resolved_at),
                    caused_by: Vec::new(),
                    burn,
                });
            }
        }
    }
}

fn add_scripted(
    company: &Company,
    scripted: &ScriptedIncident,
    rng: &mut ChaCha8Rng,
    change_ids: &mut ChangeIds,
    drafts: &mut Drafts,
) {
    let caused_by = scripted.cause.iter().map(|cause| {
        let team = company.services.iter().find(|s| s.id == scripted.service).and_then(|s| company.team(s.team));
        let changes = team.map_or_else(Vec::new, |team| {
            (0..2).map(|_| Change::new(change_ids.next_id(), cause.finished_at - lead_time(team, rng))).collect()
        });
        drafts.push_deployment(DeploymentDraft {
            service: scripted.service,
            environment: PRODUCTION,
            finished_at: cause.finished_at,
            status: cause.status,
            changes,
            fixes_incident: None,
        })
    });
    let caused_by = caused_by.collect();
    drafts.push_incident(IncidentDraft {
        service: scripted.service,
        severity: scripted.severity,
        started_at: scripted.started_at,
        resolved_at: scripted.duration.map(|duration| scripted.started_at + duration),
        caused_by,
        burn: scripted.burn,
    });
}

/// Commit-to-production time: log-normal around the team's median, at least two minutes, whole seconds.
fn lead_time(team: &Team, rng: &mut ChaCha8Rng) -> TimeDelta {
    TimeDelta::seconds(log_normal_secs(team.lead_time_median_hours * 3_600.0, team.lead_time_sigma, rng).max(120))
}

fn log_normal_secs(median_secs: f64, sigma: f64, rng: &mut ChaCha8Rng) -> i64 {
    LogNormal::new(median_secs.ln(), sigma).map_or(median_secs, |log_normal| log_normal.sample(rng)) as i64
}

fn poisson(mean: f64, rng: &mut ChaCha8Rng) -> u64 {
    Poisson::new(mean).map_or(0, |poisson| poisson.sample(rng) as u64)
}

/// A value between `low` and `high` whose logarithm is uniform: as many small as large multiples.
fn log_uniform(rng: &mut ChaCha8Rng, low: f64, high: f64) -> f64 {
    (low.ln() + rng.random::<f64>() * (high / low).ln()).exp()
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use chrono::TimeZone;

    use super::*;

    fn history() -> (Company, DeliveryHistory) {
        let company = Company::acme(Utc.with_ymd_and_hms(2026, 11, 21, 0, 0, 0).unwrap()).unwrap();
        let history = generate(&company, 1);
        (company, history)
    }

    #[test]
    fn ids_are_unique_and_every_reference_resolves() {
        let (_, history) = history();
        let deployment_ids: BTreeSet<_> = history.deployments.iter().map(|d| d.id.as_str()).collect();
        let incident_ids: BTreeSet<_> = history.incidents.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(deployment_ids.len(), history.deployments.len());
        assert_eq!(incident_ids.len(), history.incidents.len());
        for incident in &history.incidents {
            assert!(incident.caused_by.iter().all(|id| deployment_ids.contains(id.as_str())));
        }
        for deployment in &history.deployments {
            assert!(deployment.fixes_incident.iter().all(|id| incident_ids.contains(id.as_str())));
        }
    }

    #[test]
    fn everything_happens_before_now_in_time_order() {
        let (company, history) = history();
        assert!(history.deployments.windows(2).all(|pair| pair[0].finished_at <= pair[1].finished_at));
        assert!(history.deployments.iter().all(|d| d.finished_at < company.now));
        assert!(history.deployments.iter().flat_map(|d| &d.changes).all(|c| c.committed_at < company.now));
        for deployment in &history.deployments {
            assert!(deployment.changes.iter().all(|change| change.committed_at < deployment.finished_at));
        }
        for incident in &history.incidents {
            assert!(incident
                .resolved_at
                .is_none_or(|resolved| incident.started_at < resolved && resolved < company.now));
        }
    }

    #[test]
    fn the_story_has_every_kind_of_event() {
        let (_, history) = history();
        let statuses: BTreeSet<_> = history.deployments.iter().map(|d| format!("{:?}", d.status)).collect();
        assert_eq!(statuses.len(), 3, "{statuses:?}");
        assert!(history.deployments.iter().any(|d| d.fixes_incident.is_some()));
        assert!(history.deployments.iter().any(|d| !d.is_production()));
        assert!(history.incidents.iter().any(|i| i.caused_by.is_empty()));
        assert!(history.incidents.iter().any(|i| !i.caused_by.is_empty()));
        assert_eq!(history.incidents.iter().filter(|i| i.resolved_at.is_none()).count(), 2);
    }

    #[test]
    fn payments_deploys_far_more_often_and_faster_than_platform() {
        let (company, history) = history();
        let team_of: BTreeMap<_, _> = company.services.iter().map(|s| (s.id, s.team)).collect();
        let per_service = |team: &str| {
            let services = company.services.iter().filter(|s| s.team == team).count() as f64;
            let count = history
                .deployments
                .iter()
                .filter(|d| d.is_production() && team_of.get(d.service.as_str()) == Some(&team))
                .count() as f64;
            count / services
        };
        assert!(per_service("payments") > 4.0 * per_service("platform"));
    }
}

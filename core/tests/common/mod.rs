//! Builders for hand-made delivery data.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, Utc};
use uptrend_core::model::{Change, Dataset, DeployStatus, Deployment, Incident, Service};

pub fn at(text: &str) -> DateTime<Utc> {
    text.parse().expect("RFC 3339 instant")
}

pub fn service(id: &str, team: Option<&str>) -> Service {
    Service { id: id.into(), name: None, team: team.map(Into::into) }
}

/// A succeeded production deployment without changes; adjust with the builder methods.
pub fn deploy(id: &str, service: &str, finished: &str) -> Deployment {
    Deployment {
        id: id.into(),
        service: service.into(),
        environment: "production".into(),
        finished_at: at(finished),
        status: DeployStatus::Succeeded,
        changes: Vec::new(),
        fixes_incident: None,
    }
}

pub trait DeploymentExt {
    fn status(self, status: DeployStatus) -> Self;
    fn env(self, environment: &str) -> Self;
    fn change(self, id: &str, committed: &str) -> Self;
    fn fixes(self, incident: &str) -> Self;
}

impl DeploymentExt for Deployment {
    fn status(mut self, status: DeployStatus) -> Self {
        self.status = status;
        self
    }
    fn env(mut self, environment: &str) -> Self {
        self.environment = environment.into();
        self
    }
    fn change(mut self, id: &str, committed: &str) -> Self {
        self.changes.push(Change { id: id.into(), committed_at: at(committed), ..Default::default() });
        self
    }
    fn fixes(mut self, incident: &str) -> Self {
        self.fixes_incident = Some(incident.into());
        self
    }
}

pub fn incident(id: &str, service: &str, started: &str, resolved: Option<&str>, caused_by: &[&str]) -> Incident {
    Incident {
        id: id.into(),
        service: service.into(),
        severity: None,
        started_at: at(started),
        resolved_at: resolved.map(at),
        caused_by: caused_by.iter().map(|id| (*id).into()).collect(),
    }
}

/// A dataset in the merged order the engines rely on.
pub fn dataset(services: Vec<Service>, mut deployments: Vec<Deployment>, mut incidents: Vec<Incident>) -> Dataset {
    deployments.sort_by(|a, b| (a.finished_at, &a.id).cmp(&(b.finished_at, &b.id)));
    incidents.sort_by(|a, b| (a.started_at, &a.id).cmp(&(b.started_at, &b.id)));
    Dataset { services, deployments, incidents, ..Dataset::default() }
}

pub fn assert_close(actual: Option<f64>, expected: f64) {
    let actual = actual.unwrap_or(f64::NAN);
    assert!((actual - expected).abs() < 1e-9, "expected {expected}, got {actual}");
}

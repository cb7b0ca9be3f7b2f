//! Deployments and incidents of a service (or all) in a time range, as table rows.

use uptrend_core::model::{Dataset, DeployStatus};

use crate::charts::time_ticks::format_instant;
use crate::charts::{DeploymentMarker, IncidentBand};

/// A deployment as the tables list it.
#[derive(Debug, Clone, PartialEq)]
pub struct DeploymentRow {
    pub id: String,
    pub service: String,
    pub finished_secs: i64,
    pub status: &'static str,
    pub changes: usize,
    pub fixes_incident: Option<String>,
}

/// An incident as the tables list it.
#[derive(Debug, Clone, PartialEq)]
pub struct IncidentRow {
    pub id: String,
    pub service: String,
    pub severity: Option<String>,
    pub started_secs: i64,
    pub resolved_secs: Option<i64>,
}

/// A deployment status in words.
pub fn deploy_status_label(status: DeployStatus) -> &'static str {
    match status {
        DeployStatus::Succeeded => "succeeded",
        DeployStatus::Failed => "failed",
        DeployStatus::RolledBack => "rolled back",
    }
}

/// Production deployments of `service` (all services for `None`) finished in `[start_secs, end_secs]`.
pub fn deployments_in(dataset: &Dataset, service: Option<&str>, start_secs: i64, end_secs: i64) -> Vec<DeploymentRow> {
    dataset
        .deployments
        .iter()
        .filter(|d| d.is_production() && service.is_none_or(|service| d.service == service))
        .filter(|d| (start_secs..=end_secs).contains(&d.finished_at.timestamp()))
        .map(|d| DeploymentRow {
            id: d.id.to_string(),
            service: d.service.to_string(),
            finished_secs: d.finished_at.timestamp(),
            status: deploy_status_label(d.status),
            changes: d.changes.len(),
            fixes_incident: d.fixes_incident.as_ref().map(ToString::to_string),
        })
        .collect()
}

/// Incidents of `service` (all for `None`) overlapping `[start_secs, end_secs]`.
pub fn incidents_in(dataset: &Dataset, service: Option<&str>, start_secs: i64, end_secs: i64) -> Vec<IncidentRow> {
    dataset
        .incidents
        .iter()
        .filter(|i| service.is_none_or(|service| i.service == service))
        .filter(|i| {
            i.started_at.timestamp() <= end_secs && i.resolved_at.is_none_or(|end| end.timestamp() >= start_secs)
        })
        .map(|i| IncidentRow {
            id: i.id.to_string(),
            service: i.service.to_string(),
            severity: i.severity.clone(),
            started_secs: i.started_at.timestamp(),
            resolved_secs: i.resolved_at.map(|at| at.timestamp()),
        })
        .collect()
}

impl DeploymentRow {
    pub fn marker(&self) -> DeploymentMarker {
        DeploymentMarker { at_secs: self.finished_secs, id: self.id.clone(), failed: self.status != "succeeded" }
    }

    pub const HEADER: [&'static str; 6] =
        ["deployment", "service", "finished (UTC)", "status", "changes", "fixes incident"];

    pub fn cells(&self) -> Vec<String> {
        vec![
            self.id.clone(),
            self.service.clone(),
            format_instant(self.finished_secs),
            self.status.to_owned(),
            self.changes.to_string(),
            self.fixes_incident.clone().unwrap_or_default(),
        ]
    }
}

impl IncidentRow {
    /// The incident's band; an unresolved one lasts until `as_of_secs` (not into the future).
    pub fn band(&self, as_of_secs: i64) -> IncidentBand {
        let end_secs = self.resolved_secs.unwrap_or(as_of_secs.max(self.started_secs));
        IncidentBand { start_secs: self.started_secs, end_secs: Some(end_secs), id: self.id.clone() }
    }

    pub const HEADER: [&'static str; 5] = ["incident", "service", "severity", "started (UTC)", "resolved (UTC)"];

    pub fn cells(&self) -> Vec<String> {
        vec![
            self.id.clone(),
            self.service.clone(),
            self.severity.clone().unwrap_or_default(),
            format_instant(self.started_secs),
            self.resolved_secs.map_or_else(|| "unresolved".to_owned(), format_instant),
        ]
    }
}

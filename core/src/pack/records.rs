//! Deployments (with their changes) and incidents, row by row: every field of the model, in order.

use crate::model::{Change, DeployStatus, Deployment, Id, Incident, Review};

use super::codec::{Reader, Writer};
use super::PackError;

/// The fewest bytes each record takes (empty texts, one-byte instants and counts): what
/// [`Reader::count`] checks a count against.
pub(super) const MIN_DEPLOYMENT_BYTES: usize = 9;
const MIN_CHANGE_BYTES: usize = 4;
pub(super) const MIN_INCIDENT_BYTES: usize = 7;

pub(super) fn write_deployments(writer: &mut Writer, deployments: &[Deployment]) {
    writer.len(deployments.len());
    for deployment in deployments {
        writer.string(&deployment.id);
        writer.string(&deployment.service);
        writer.string(&deployment.environment);
        writer.instant(deployment.finished_at);
        writer.u8(match deployment.status {
            DeployStatus::Succeeded => 0,
            DeployStatus::Failed => 1,
            DeployStatus::RolledBack => 2,
        });
        writer.u8(match deployment.production {
            None => 0,
            Some(false) => 1,
            Some(true) => 2,
        });
        writer.optional_string(deployment.fixes_incident.as_deref());
        writer.len(deployment.changes.len());
        deployment.changes.iter().for_each(|change| write_change(writer, change));
    }
}

/// One deployment row; their count comes first ([`MIN_DEPLOYMENT_BYTES`] each at least).
pub(super) fn read_deployment(reader: &mut Reader) -> Result<Deployment, PackError> {
    let id = reader.string()?;
    let service = reader.string()?;
    let environment = reader.string()?;
    let finished_at = reader.instant()?;
    let status = match reader.u8()? {
        0 => DeployStatus::Succeeded,
        1 => DeployStatus::Failed,
        2 => DeployStatus::RolledBack,
        other => return reader.fail(format!("deployment status {other} is unknown")),
    };
    let production = match reader.u8()? {
        0 => None,
        1 => Some(false),
        2 => Some(true),
        other => return reader.fail(format!("production flag {other} is unknown")),
    };
    let fixes_incident = reader.optional_string()?;
    let changes = reader.list(MIN_CHANGE_BYTES, read_change)?;
    Ok(Deployment { id, service, environment, finished_at, status, changes, fixes_incident, production })
}

const REPOSITORY: u8 = 1;
const PR_OPENED: u8 = 2;
const APPROVED: u8 = 4;
const MERGED: u8 = 8;

fn write_change(writer: &mut Writer, change: &Change) {
    writer.string(&change.id);
    writer.instant(change.committed_at);
    let flag = |present: bool, bit: u8| if present { bit } else { 0 };
    let review = change.review();
    writer.u8(flag(change.repository().is_some(), REPOSITORY)
        | flag(review.pr_opened_at.is_some(), PR_OPENED)
        | flag(review.approved_at.is_some(), APPROVED)
        | flag(review.merged_at.is_some(), MERGED));
    if let Some(repository) = change.repository() {
        writer.string(repository);
    }
    for at in review.instants().into_iter().flatten() {
        writer.instant(at);
    }
}

fn read_change(reader: &mut Reader) -> Result<Change, PackError> {
    let id: Id = reader.string()?;
    let committed_at = reader.instant()?;
    let flags = reader.u8()?;
    if flags & !(REPOSITORY | PR_OPENED | APPROVED | MERGED) != 0 {
        return reader.fail(format!("change flags {flags:#x} are unknown"));
    }
    let repository = if flags & REPOSITORY != 0 { Some(reader.string()?) } else { None };
    let mut instant_if = |bit: u8| if flags & bit != 0 { reader.instant().map(Some) } else { Ok(None) };
    let review = Review {
        pr_opened_at: instant_if(PR_OPENED)?,
        approved_at: instant_if(APPROVED)?,
        merged_at: instant_if(MERGED)?,
    };
    Ok(Change::new(id, committed_at).with_repository(repository).with_review(review))
}

pub(super) fn write_incidents(writer: &mut Writer, incidents: &[Incident]) {
    writer.len(incidents.len());
    for incident in incidents {
        writer.string(&incident.id);
        writer.string(&incident.service);
        writer.optional_string(incident.severity.as_deref());
        writer.instant(incident.started_at);
        writer.optional_instant(incident.resolved_at);
        writer.len(incident.caused_by.len());
        incident.caused_by.iter().for_each(|id| writer.string(id));
    }
}

/// One incident row; their count comes first ([`MIN_INCIDENT_BYTES`] each at least).
pub(super) fn read_incident(reader: &mut Reader) -> Result<Incident, PackError> {
    let id = reader.string()?;
    let service = reader.string()?;
    let severity = reader.optional_string()?;
    let started_at = reader.instant()?;
    let resolved_at = reader.optional_instant()?;
    let caused_by = reader.list(1, Reader::string)?;
    Ok(Incident { id, service, severity, started_at, resolved_at, caused_by })
}

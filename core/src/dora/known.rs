//! What is known at the report instant `as_of`, and the half-open periods metrics are counted in
//! ([`Period`], shared with the rest of the report).
//!
//! A deployment is known once it has finished (`finished_at < as_of`) and counts only in
//! production; an incident is known once it has started (`started_at < as_of`), and a resolution
//! stamped after `as_of` has not happened yet.

use chrono::{DateTime, NaiveTime, Utc};

use crate::model::{Deployment, Incident};
pub use crate::period::Period;

/// Whether DORA counts this deployment at `as_of`: production and finished before `as_of`.
pub fn deployment_is_known(deployment: &Deployment, as_of: DateTime<Utc>) -> bool {
    deployment.is_production() && deployment.finished_at < as_of
}

/// Whether this incident had started before `as_of`.
pub fn incident_is_known(incident: &Incident, as_of: DateTime<Utc>) -> bool {
    incident.started_at < as_of
}

/// The resolution as known at `as_of`: `None` while unresolved or resolved after `as_of`.
pub fn resolved_as_of(incident: &Incident, as_of: DateTime<Utc>) -> Option<DateTime<Utc>> {
    incident.resolved_at.filter(|resolved| *resolved <= as_of)
}

/// Days since 1970-01-01 of the instant's UTC date.
pub fn utc_day_number(instant: DateTime<Utc>) -> i64 {
    instant.timestamp().div_euclid(86_400)
}

/// Midnight UTC of the instant's date.
pub fn utc_midnight(instant: DateTime<Utc>) -> DateTime<Utc> {
    instant.date_naive().and_time(NaiveTime::MIN).and_utc()
}

//! Time to onboard: from an onboarding's `started_at` to its end, the `completed_at` given or else
//! the first succeeded production deployment of the service (of any of the team's services) at or
//! after `started_at`; without either by `as_of` it is open. Median and p90 of the ended ones.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::dora::DeliveryFacts;
use crate::model::{DeployStatus, Onboarding};
use crate::stats;

/// `onboarding` in the platform report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OnboardingReport {
    /// Of the ended onboardings, in seconds.
    pub median_seconds: Option<f64>,
    pub p90_seconds: Option<f64>,
    /// Ended onboardings.
    pub n: u64,
    /// Onboardings started before `as_of` and not ended by it.
    pub open: u64,
    /// Every onboarding started before `as_of`, by `started_at`.
    pub onboardings: Vec<OnboardingRow>,
}

/// How an onboarding ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OnboardingEnd {
    /// Its `completed_at`.
    Completed,
    /// The first succeeded production deployment.
    FirstDeployment,
    Open,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OnboardingRow {
    pub service: Option<String>,
    pub team: Option<String>,
    pub started_at: DateTime<Utc>,
    /// `None` while open.
    pub ended_at: Option<DateTime<Utc>>,
    pub ended_by: OnboardingEnd,
    /// `ended_at − started_at`, or for an open onboarding `as_of − started_at` (its age so far).
    pub seconds: i64,
}

pub(crate) fn onboarding(facts: &DeliveryFacts<'_>, onboardings: &[Onboarding]) -> OnboardingReport {
    let as_of = facts.as_of();
    let rows: Vec<OnboardingRow> =
        onboardings.iter().filter(|onboarding| onboarding.started_at < as_of).map(|o| row(facts, o)).collect();
    let mut ended: Vec<i64> =
        rows.iter().filter(|row| row.ended_by != OnboardingEnd::Open).map(|row| row.seconds).collect();
    ended.sort_unstable();
    OnboardingReport {
        median_seconds: stats::median(&ended),
        p90_seconds: stats::quantile(&ended, 0.9),
        n: ended.len() as u64,
        open: rows.iter().filter(|row| row.ended_by == OnboardingEnd::Open).count() as u64,
        onboardings: rows,
    }
}

fn row(facts: &DeliveryFacts<'_>, onboarding: &Onboarding) -> OnboardingRow {
    let as_of = facts.as_of();
    let completed = onboarding.completed_at.filter(|completed_at| *completed_at < as_of);
    let (ended_at, ended_by) = match completed {
        Some(at) => (Some(at), OnboardingEnd::Completed),
        None => match first_deployment(facts, onboarding) {
            Some(at) => (Some(at), OnboardingEnd::FirstDeployment),
            None => (None, OnboardingEnd::Open),
        },
    };
    let seconds = ended_at.unwrap_or(as_of).signed_duration_since(onboarding.started_at).num_seconds();
    OnboardingRow {
        service: onboarding.service.clone(),
        team: onboarding.team.clone(),
        started_at: onboarding.started_at,
        ended_at,
        ended_by,
        seconds,
    }
}

/// The first known succeeded production deployment of the onboarded service (or team) at or after the start.
fn first_deployment(facts: &DeliveryFacts<'_>, onboarding: &Onboarding) -> Option<DateTime<Utc>> {
    let scopes = facts.scopes();
    let team = onboarding.team.as_deref().and_then(|team| scopes.teams().iter().position(|t| t == team));
    let service = onboarding.service.as_deref().and_then(|service| scopes.service_index(service));
    facts
        .deployments()
        .iter()
        .filter(|deployment| match (service, team) {
            (Some(service), _) => deployment.service == Some(service),
            (None, Some(team)) => deployment.service.and_then(|s| scopes.team_of(s)) == Some(team),
            (None, None) => false,
        })
        .filter_map(|deployment| facts.deployment(deployment))
        .find(|record| record.status == DeployStatus::Succeeded && record.finished_at >= onboarding.started_at)
        .map(|record| record.finished_at)
}

//! The DORA metrics of one scope over one period, in the JSON report's shape, and the samples they
//! are computed from. Undefined values are `None` (JSON `null`), never NaN.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::change_failure::change_failure_rate;
use super::frequency::{deploy_days_ratio, deployments_per_day, Cadence, GapSummary};
use super::known::{utc_day_number, Period};
use super::lead_time::{LeadTimeSummary, RankedLeadTimes};
use super::restore::OpenDurations;
use super::rework::rework_rate;

/// The five DORA metrics and incident time to restore, for one scope and period.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct DoraMetrics {
    pub deployments: u64,
    pub deployments_per_day: Option<f64>,
    pub deploy_days: u64,
    pub deploy_days_ratio: Option<f64>,
    pub time_between_deployments_seconds: GapSummary,
    pub lead_time_seconds: LeadTimeSummary,
    pub change_failure_rate: Option<f64>,
    pub change_failures: u64,
    pub recovery_time_seconds: OpenDurations,
    pub rework_rate: Option<f64>,
    pub rework_deployments: u64,
    pub incident_restore_seconds: OpenDurations,
}

/// Samples of one scope and period. Deployments must be added in `finished_at` order. Lead times are
/// grouped on their own ([`RankedLeadTimes`]) and joined in [`Self::into_metrics`].
#[derive(Debug, Clone, Default)]
pub struct MetricSamples {
    cadence: Cadence,
    lead_anomalies: u64,
    change_failures: u64,
    recovery_secs: Vec<i64>,
    recovery_open: u64,
    rework_deployments: u64,
    restore_secs: Vec<i64>,
    restore_open: u64,
}

impl MetricSamples {
    /// Ready for `deployments` deployments of which `recovered` are recovered change failures: the
    /// lists get their exact length, where growing by doubling would hold up to twice it (the report's
    /// peak memory is while the trends' thousands of buckets are filled).
    pub(crate) fn with_capacity(deployments: usize, recovered: usize) -> MetricSamples {
        MetricSamples {
            cadence: Cadence::with_capacity(deployments),
            recovery_secs: Vec::with_capacity(recovered),
            ..MetricSamples::default()
        }
    }

    pub fn add_deployment(
        &mut self,
        finished_at: DateTime<Utc>,
        change_failure: bool,
        recovery_secs: Option<i64>,
        rework: bool,
        lead_anomalies: u64,
    ) {
        self.add_deployment_on_day(
            finished_at,
            utc_day_number(finished_at),
            change_failure,
            recovery_secs,
            rework,
            lead_anomalies,
        );
    }

    /// [`Self::add_deployment`] with the UTC day number of `finished_at` (see [`utc_day_number`])
    /// computed by the caller, once for all the buckets a deployment counts in.
    pub(crate) fn add_deployment_on_day(
        &mut self,
        finished_at: DateTime<Utc>,
        day: i64,
        change_failure: bool,
        recovery_secs: Option<i64>,
        rework: bool,
        lead_anomalies: u64,
    ) {
        self.cadence.add_on_day(finished_at, day);
        if change_failure {
            self.change_failures = self.change_failures.saturating_add(1);
            match recovery_secs {
                Some(secs) => self.recovery_secs.push(secs),
                None => self.recovery_open = self.recovery_open.saturating_add(1),
            }
        }
        if rework {
            self.rework_deployments = self.rework_deployments.saturating_add(1);
        }
        self.lead_anomalies = self.lead_anomalies.saturating_add(lead_anomalies);
    }

    /// An incident started in the period, with its time to restore (`None` while open).
    pub fn add_incident(&mut self, restore_secs: Option<i64>) {
        match restore_secs {
            Some(secs) => self.restore_secs.push(secs),
            None => self.restore_open = self.restore_open.saturating_add(1),
        }
    }

    /// The metrics of the period, with `lead_secs`, the non-negative lead times of the same scope and period.
    pub(crate) fn into_metrics(mut self, period: &Period, lead_secs: &RankedLeadTimes) -> DoraMetrics {
        let deployments = self.cadence.deployments;
        let deploy_days = self.cadence.deploy_days;
        DoraMetrics {
            deployments,
            deployments_per_day: deployments_per_day(deployments, period),
            deploy_days,
            deploy_days_ratio: deploy_days_ratio(deploy_days, period),
            time_between_deployments_seconds: self.cadence.gaps(),
            lead_time_seconds: lead_secs.summary(self.lead_anomalies),
            change_failure_rate: change_failure_rate(self.change_failures, deployments),
            change_failures: self.change_failures,
            recovery_time_seconds: OpenDurations::from_durations(&mut self.recovery_secs, self.recovery_open),
            rework_rate: rework_rate(self.rework_deployments, deployments),
            rework_deployments: self.rework_deployments,
            incident_restore_seconds: OpenDurations::from_durations(&mut self.restore_secs, self.restore_open),
        }
    }
}
